// The no-WAN study's parameters: every number named, with its source. The MP094 figures (SEC
// modification report MP094 v0.6, 5 September 2022) are the defaults where the report gives one; the
// others are illustrative and said to be so.
import { parseIso } from '../../firmware/clock.js';

export interface StudyParams {
  /** meters in the whole fleet (a shard runs its part) */
  meters: number;
  seed: number;
  /** first instant of the study, ISO-8601 UTC */
  start: string;
  days: number;
  population: {
    /** share of meters that are gas (the rest electricity); illustrative */
    gasShare: number;
    /** MP094: "around 9% of customers will experience very poor or no WAN connectivity" (proposer, SMETS1) */
    noWanShare: number;
    /** MP094: a Large Supplier saw 3% of SMETS2 installs with HAN/WAN issues (0.75% on SMETS1) */
    intermittentWanShare: number;
    /** illustrative: MP094 says prepayment customers are more likely to be vulnerable, without a figure */
    vulnerableShare: number;
    /** electricity meters that also carry electric heating; illustrative */
    electricHeatingShare: number;
    /** households with a time debt and a payment debt; illustrative */
    debtShare: number;
    /** households that press A when emergency credit is offered; illustrative */
    emergencyCreditUse: number;
  };
  weather: {
    /** daily mean temperature outside the cold snap, deg C (GB late March) */
    baseTempC: number;
    /** the snap starts at local midnight of this study day (0-based) */
    coldSnapStartDay: number;
    coldSnapDays: number;
    /** fall of the daily mean at the snap's depth, deg C (the 2018 "Beast from the East": about -3 C means) */
    dropC: number;
  };
  supplier: {
    /** the supplier acts this many hours before the snap (forecast) */
    leadHours: number;
    /** a non-disconnect period over the snap, plus this many hours after it */
    nonDisconnectAfterHours: number;
    /** friendly credit widened to 12:00-18:00 every day (with the commissioned 18:00-08:00) */
    widenFriendlyCredit: boolean;
    /** free top-up (discretionary credit) to every vulnerable household, pounds; 0 for none */
    freeTopUpPounds: number;
    /** debt recovery paused (daily cap 0) for the snap and restored at its end */
    debtRelief: boolean;
    /** the price cap date: the new unit price applies from local midnight of this date */
    capDate: string;
    /** unit-price change at the cap date, basis points (negative: a fall) */
    priceChangeBp: number;
    /** the price change is sent this many days before the cap date */
    priceNoticeDays: number;
  };
  delivery: {
    /** WAN commands arrive within this many minutes */
    wanMinutes: number;
    /** intermittent WAN: an outage starts up to a day before the snap; mean length, hours (MP094: DCC "normally respond within 48 hours") */
    wanOutageMeanHours: number;
    /** with MP094, the supplier sends a token by text when the WAN has not delivered within this many hours */
    smsAfterHours: number;
    /** median delay before a customer types a texted token, hours (lognormal, sigma 1); illustrative */
    typingMedianHours: number;
    typingMedianHoursVulnerable: number;
    /** share of texted batches never typed; illustrative */
    neverTypeShare: number;
    neverTypeShareVulnerable: number;
    /** chance that one token is mistyped once (the check digit catches it, the customer types it again) */
    typoShare: number;
    /** site visits a day per 10,000 meters, for commands a no-WAN meter cannot otherwise receive; illustrative */
    visitsPerDayPer10k: number;
    /**
     * How a free top-up reaches a no-WAN meter without MP094. MP094: the free top-ups of March 2018
     * "would have required a site visit to over 10,000 customers" (`siteVisit`); `utrn` sends a
     * 20-digit UTRN by text instead, as a supplier could today.
     */
    freeTopUpWithoutMp094: 'siteVisit' | 'utrn';
  };
}

export const DEFAULT_PARAMS: StudyParams = {
  meters: 20_000,
  seed: 1,
  start: '2026-03-23T00:00:00Z',
  days: 14,
  population: {
    gasShare: 0.4,
    noWanShare: 0.09,
    intermittentWanShare: 0.03,
    vulnerableShare: 0.25,
    electricHeatingShare: 0.15,
    debtShare: 0.3,
    emergencyCreditUse: 0.9,
  },
  weather: { baseTempC: 7, coldSnapStartDay: 2, coldSnapDays: 5, dropC: 10 },
  supplier: {
    leadHours: 12,
    nonDisconnectAfterHours: 24,
    widenFriendlyCredit: true,
    freeTopUpPounds: 10,
    debtRelief: true,
    capDate: '2026-04-01',
    priceChangeBp: -500,
    priceNoticeDays: 7,
  },
  delivery: {
    wanMinutes: 30,
    wanOutageMeanHours: 48,
    smsAfterHours: 2,
    typingMedianHours: 4,
    typingMedianHoursVulnerable: 12,
    neverTypeShare: 0.1,
    neverTypeShareVulnerable: 0.2,
    typoShare: 0.05,
    visitsPerDayPer10k: 20,
    freeTopUpWithoutMp094: 'siteVisit',
  },
};

type Section = Exclude<keyof StudyParams, 'meters' | 'seed' | 'start' | 'days'>;

/** [section, key, min, max, integer] for every number. */
const RANGES: [Section | null, string, number, number, boolean][] = [
  [null, 'meters', 1, 100_000_000, true],
  [null, 'seed', 0, 0xffff_ffff, true],
  [null, 'days', 1, 366, true],
  ['population', 'gasShare', 0, 1, false],
  ['population', 'noWanShare', 0, 1, false],
  ['population', 'intermittentWanShare', 0, 1, false],
  ['population', 'vulnerableShare', 0, 1, false],
  ['population', 'electricHeatingShare', 0, 1, false],
  ['population', 'debtShare', 0, 1, false],
  ['population', 'emergencyCreditUse', 0, 1, false],
  ['weather', 'baseTempC', -30, 30, false],
  ['weather', 'coldSnapStartDay', 0, 365, true],
  ['weather', 'coldSnapDays', 1, 60, true],
  ['weather', 'dropC', 0, 40, false],
  ['supplier', 'leadHours', 0, 240, true],
  ['supplier', 'nonDisconnectAfterHours', 0, 720, true],
  ['supplier', 'freeTopUpPounds', 0, 250, true],
  ['supplier', 'priceChangeBp', -5000, 5000, true],
  ['supplier', 'priceNoticeDays', 0, 90, true],
  ['delivery', 'wanMinutes', 1, 1440, true],
  ['delivery', 'wanOutageMeanHours', 1, 2160, false],
  ['delivery', 'smsAfterHours', 0, 240, true],
  ['delivery', 'typingMedianHours', 0.01, 720, false],
  ['delivery', 'typingMedianHoursVulnerable', 0.01, 720, false],
  ['delivery', 'neverTypeShare', 0, 1, false],
  ['delivery', 'neverTypeShareVulnerable', 0, 1, false],
  ['delivery', 'typoShare', 0, 1, false],
  ['delivery', 'visitsPerDayPer10k', 0, 10_000, false],
];

const BOOLEANS: [Section, string][] = [
  ['supplier', 'widenFriendlyCredit'],
  ['supplier', 'debtRelief'],
];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Defaults overridden by `over` (any subset, same shape). Returns the parameters, or the problems,
 * each naming its field; an unknown field is a problem too (a typo must not pass silently).
 */
export function resolveParams(over: unknown, base: StudyParams = DEFAULT_PARAMS): { ok: true; params: StudyParams } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  if (!isObject(over)) return { ok: false, problems: ['parameters must be a JSON object'] };
  const p = structuredClone(base) as unknown as Record<string, Record<string, unknown> | unknown>;
  for (const [key, value] of Object.entries(over)) {
    if (!(key in p)) problems.push(`unknown parameter "${key}"`);
    else if (isObject(p[key])) {
      if (!isObject(value)) problems.push(`"${key}" must be an object`);
      else
        for (const [k, v] of Object.entries(value)) {
          const section = p[key] as Record<string, unknown>;
          if (!(k in section)) problems.push(`unknown parameter "${key}.${k}"`);
          else section[k] = v;
        }
    } else p[key] = value;
  }
  for (const [section, key, min, max, integer] of RANGES) {
    const v = section ? (p[section] as Record<string, unknown>)[key] : p[key];
    const name = section ? `${section}.${key}` : key;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      problems.push(`"${name}" must be ${integer ? 'an integer' : 'a number'} ${min}..${max}, got ${JSON.stringify(v)}`);
    }
  }
  for (const [section, key] of BOOLEANS) {
    if (typeof (p[section] as Record<string, unknown>)[key] !== 'boolean') problems.push(`"${section}.${key}" must be true or false`);
  }
  const params = p as unknown as StudyParams;
  const start = parseIso(params.start);
  if (start === null || start % 3600 !== 0) problems.push(`"start" must be an ISO-8601 UTC time on the hour, got ${JSON.stringify(params.start)}`);
  if (typeof params.supplier.capDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(params.supplier.capDate) || parseIso(`${params.supplier.capDate}T00:00:00Z`) === null) {
    problems.push(`"supplier.capDate" must be a date YYYY-MM-DD, got ${JSON.stringify(params.supplier.capDate)}`);
  }
  if (!['siteVisit', 'utrn'].includes(params.delivery.freeTopUpWithoutMp094 as string)) {
    problems.push(`"delivery.freeTopUpWithoutMp094" must be siteVisit or utrn, got ${JSON.stringify(params.delivery.freeTopUpWithoutMp094)}`);
  }
  if (problems.length === 0) {
    if (params.population.noWanShare + params.population.intermittentWanShare > 1) problems.push('"population.noWanShare" + "population.intermittentWanShare" must not exceed 1');
    if (params.weather.coldSnapStartDay + params.weather.coldSnapDays > params.days) problems.push('the cold snap must end within the study ("weather.coldSnapStartDay" + "weather.coldSnapDays" <= "days")');
  }
  return problems.length ? { ok: false, problems } : { ok: true, params };
}
