// The households of the study: each a pure function of (seed, meter index), so the same household
// lives on the same meter in both arms and on whatever worker or shard runs it.
import { hkdfSync } from 'node:crypto';
import { HOUR } from '../../firmware/clock.js';
import { PROFILES } from '../profiles.js';
import type { EventTimes } from './event.js';
import type { StudyParams } from './params.js';
import { STREAM, exponential, stream } from './random.js';

export type Fuel = 'electricity' | 'gas';
export type Wan = 'ok' | 'intermittent' | 'none';

/** What the supplier knows of a meter before the event: enough to plan site visits fleet-wide. */
export interface Site {
  index: number;
  fuel: Fuel;
  wan: Wan;
  vulnerable: boolean;
  /** order among the site visits of equal priority */
  visitKey: number;
}

export interface Household extends Site {
  /** watts by local hour without heating */
  baseW: number[];
  /** heating watts per degree below 15.5 C carried by this meter (0: heating on the other fuel) */
  heatingWPerC: number;
  balanceMp: number;
  weeklyPounds: number;
  /** 0 = Monday */
  topUpWeekday: number;
  topUpHour: number;
  lateChance: number;
  /** chance of topping up within hours when the supply goes off, rather than on the usual day */
  topUpSoonChance: number;
  /** chance of topping up within hours at the low-credit alarm */
  topUpOnLowChance: number;
  usesEmergencyCredit: boolean;
  timeDebt: { amountMp: number; dailyRateMp: number };
  paymentDebt: { amountMp: number; rateBp: number };
  /** intermittent WAN: the outage during the event [from, until) */
  outage: { from: number; until: number } | null;
}

/** Unit rates and standing charges; illustrative, near the 2025-26 GB cap levels. */
export const TARIFF: Record<Fuel, { unitMpPerKwh: number; standingMpPerDay: number }> = {
  electricity: { unitMpPerKwh: 24_500, standingMpPerDay: 60_000 },
  gas: { unitMpPerKwh: 6_000, standingMpPerDay: 31_000 },
};

/** Heating runs mostly when people are up: relative weight by local hour (mean 1). */
const HEATING_SHAPE = (() => {
  const w = [0.5, 0.5, 0.5, 0.5, 0.5, 0.8, 1.6, 1.7, 1.4, 1.0, 0.8, 0.8, 0.8, 0.8, 0.9, 1.0, 1.3, 1.5, 1.6, 1.6, 1.5, 1.3, 1.0, 0.7];
  const mean = w.reduce((a, b) => a + b, 0) / w.length;
  return w.map((x) => x / mean);
})();

/** Gas for hot water and cooking by local hour, relative (mean 1). */
const GAS_BASE_SHAPE = [0.2, 0.2, 0.2, 0.2, 0.2, 0.5, 2.5, 2.5, 1.5, 0.8, 0.6, 0.8, 1.2, 0.8, 0.6, 0.6, 0.9, 2.0, 2.5, 1.8, 1.2, 1.0, 0.8, 0.4];

export const HEATING_BASE_C = 15.5;

export function siteOf(p: StudyParams, index: number): Site {
  const r = stream(p.seed, index, STREAM.site);
  const fuel: Fuel = r() < p.population.gasShare ? 'gas' : 'electricity';
  const w = r();
  const wan: Wan = w < p.population.noWanShare ? 'none' : w < p.population.noWanShare + p.population.intermittentWanShare ? 'intermittent' : 'ok';
  return { index, fuel, wan, vulnerable: r() < p.population.vulnerableShare, visitKey: r() };
}

export function householdOf(p: StudyParams, e: EventTimes, index: number): Household {
  const site = siteOf(p, index);
  const r = stream(p.seed, index, STREAM.household);
  let baseW: number[];
  let heatingWPerC: number;
  if (site.fuel === 'electricity') {
    const profile = PROFILES[1 + Math.floor(r() * (PROFILES.length - 1))]!.hourly!;
    const scale = 0.6 + r() * 0.8;
    baseW = profile.map((w) => w * scale);
    heatingWPerC = r() < p.population.electricHeatingShare ? 60 + r() * 100 : 0;
  } else {
    const mean = 150 + r() * 250;
    baseW = GAS_BASE_SHAPE.map((x) => x * mean);
    heatingWPerC = 100 + r() * 150;
  }
  // A prepayment budget matches the household's usual week (at the base temperature), give or take.
  const meanW = baseW.reduce((a, b) => a + b, 0) / 24 + heatingWPerC * Math.max(0, HEATING_BASE_C - p.weather.baseTempC);
  const t = TARIFF[site.fuel];
  const hasDebt = r() < p.population.debtShare;
  const dailyRateMp = hasDebt ? (30 + Math.floor(r() * 71)) * 1000 : 0;
  const weeklyCostMp = (meanW * 168 * t.unitMpPerKwh) / 1000 + 7 * (t.standingMpPerDay + dailyRateMp);
  const weeklyPounds = Math.max(5, Math.round((weeklyCostMp / 100_000) * (0.95 + r() * 0.3)));
  let outage: Household['outage'] = null;
  if (site.wan === 'intermittent') {
    const from = e.snapStart - Math.floor(r() * 24) * HOUR;
    outage = { from, until: from + Math.max(HOUR, Math.round(exponential(r(), p.delivery.wanOutageMeanHours * HOUR))) };
  }
  return {
    ...site,
    baseW,
    heatingWPerC,
    balanceMp: (5 + Math.floor(r() * 26)) * 100_000,
    weeklyPounds,
    topUpWeekday: Math.floor(r() * 7),
    topUpHour: 8 + Math.floor(r() * 12),
    lateChance: r() * 0.4,
    topUpSoonChance: site.vulnerable ? 0.35 : 0.5,
    topUpOnLowChance: site.vulnerable ? 0.4 : 0.6,
    usesEmergencyCredit: r() < p.population.emergencyCreditUse,
    timeDebt: { amountMp: hasDebt ? (50 + Math.floor(r() * 350)) * 100_000 : 0, dailyRateMp },
    paymentDebt: hasDebt ? { amountMp: Math.floor(r() * 200) * 100_000, rateBp: 1000 + Math.floor(r() * 16) * 100 } : { amountMp: 0, rateBp: 0 },
    outage,
  };
}

/** The meter's draw in watts for the hour starting at `hourStart` (local hour of day `localHour`). */
export function wattsAt(h: Household, localHour: number, temperatureC: number): number {
  const heating = h.heatingWPerC * Math.max(0, HEATING_BASE_C - temperatureC) * HEATING_SHAPE[localHour]!;
  return Math.round(h.baseW[localHour]! + heating);
}

export const ORIGINATOR_ID = '90B3D51F30010000';
/** TEST material, published with the code: each meter's Z is derived from it and the meter's device ID. */
const STUDY_KEY_SEED = 'nowan no-WAN study test key seed';

export interface MeterKeys {
  originatorId: string;
  deviceId: string;
  sharedSecret: string;
}

/** A key set derived per meter (HKDF-SHA-256 of the test seed, labelled with the device ID). */
export function keysOf(index: number): MeterKeys {
  const deviceId = `D5${index.toString(16).toUpperCase().padStart(14, '0')}`;
  const z = Buffer.from(hkdfSync('sha256', STUDY_KEY_SEED, 'nowan-study', deviceId, 32)).toString('hex');
  return { originatorId: ORIGINATOR_ID, deviceId, sharedSecret: z };
}

/** The first counter cached at commissioning: the supplier's counter for this meter so far. */
export const FIRST_COUNTER = 1000;

/** The meter's commissioning configuration (conformance.md section 3). */
export function meterConfig(h: Household): Record<string, unknown> {
  const t = TARIFF[h.fuel];
  return {
    ...keysOf(h.index),
    fuel: h.fuel,
    meterBalance: h.balanceMp,
    tariff: { prices: Array(8).fill(t.unitMpPerKwh), standingCharge: t.standingMpPerDay },
    timeDebt: [{ amount: h.timeDebt.amountMp, rate: h.timeDebt.dailyRateMp, period: 'daily' }],
    paymentDebt: { amount: h.paymentDebt.amountMp, rateBp: h.paymentDebt.rateBp },
    // The usual overnight friendly credit, 18:00-08:00 every day.
    calendars: { friendlyCredit: [{ enabled: true, daysMask: 127, startMinute: 18 * 60, endMinute: 8 * 60 }] },
    utrnCounters: [FIRST_COUNTER],
  };
}
