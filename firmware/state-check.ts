// Is this a meter state the firmware could have produced? For a state read back from storage, where a
// checksum only proves the bytes were not damaged by accident, not that a person did not edit them.
// The configurable parts go through the commissioning rules themselves (the read-out is a valid
// configuration of the same meter); the rest are the invariants every input keeps.
import { inMeterTimeRange } from './clock.js';
import { commission } from './configure.js';
import { J_PER_KWH } from './money.js';
import { readout } from './readout.js';
import { DEBT_PERIODS, DEBT_RECOVERY_LOG_LIMIT } from './debt.js';
import { EVENT_LOG_LIMIT } from './events.js';
import { MAX_HAN_DEVICES } from './han.js';
import { KEYPAD_TIMEOUT_S } from './keypad.js';
import type { MeterState } from './state.js';
import { COUNTER_CACHE_SIZE } from './tokens/counter-cache.js';
import { TOP_UP_LOG_LIMIT } from './topup.js';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
const SAFE = Number.MAX_SAFE_INTEGER;
const HEX = (bytes: number) => new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`);

/** JSON with object keys sorted, to compare two values by content. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObj(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'undefined';
}

/** The parts commissioning sets from a configuration, compared after a round trip through it. */
const CONFIGURED: ((s: MeterState) => unknown)[] = [
  (s) => s.fuel,
  (s) => [s.keys.originatorId, s.keys.deviceId],
  (s) => s.paymentMode,
  (s) => [s.meterBalance, s.accumulatedDebt, s.counterFloor, s.utrnCounters],
  (s) => [s.timeDebt, s.paymentDebt, s.config],
  (s) => [s.tariff.prices, s.tariff.standingCharge, s.tariff.touSwitch, s.tariff.pending],
  (s) => s.calendars,
  (s) => s.han,
  (s) => [s.keypad.lockedUntil, s.keypad.invalidCount, s.keypad.lockouts, s.ppmid],
];

function checkRegisters(s: MeterState): string | null {
  if (!inMeterTimeRange(s.time)) return 'time is outside the meter time range';
  const k = s.keys as unknown as Obj;
  if (!isObj(k) || (k.sharedSecret !== null && (typeof k.sharedSecret !== 'string' || !HEX(32).test(k.sharedSecret)))) return 'keys.sharedSecret is malformed';
  if (k.supplierSigningPublicKey !== null && (typeof k.supplierSigningPublicKey !== 'string' || !HEX(32).test(k.supplierSigningPublicKey))) return 'keys.supplierSigningPublicKey is malformed';
  const c = s.utrnCounters;
  if (!Array.isArray(c) || c.length > COUNTER_CACHE_SIZE) return `utrnCounters must hold at most ${COUNTER_CACHE_SIZE} counters`;
  for (let i = 0; i < c.length; i++) {
    if (!isInt(c[i], 1, 0xffff_ffff) || (i > 0 && c[i]! <= c[i - 1]!)) return 'utrnCounters must be distinct counters in ascending order';
  }
  if (!Array.isArray(s.events) || s.events.length > EVENT_LOG_LIMIT) return 'the event log is too long';
  if (!Array.isArray(s.topUps) || s.topUps.length > TOP_UP_LOG_LIMIT) return 'the top-up log is too long';
  if (!Array.isArray(s.debtRecovery) || s.debtRecovery.length > DEBT_RECOVERY_LOG_LIMIT) return 'the debt recovery log is too long';
  if (s.han.devices.length > MAX_HAN_DEVICES) return 'too many HAN devices';
  for (const e of s.events) if (!isObj(e) || !isInt(e.time, 0, s.time) || !isInt(e.code, 0, SAFE) || typeof e.name !== 'string') return 'an event log entry is malformed or later than the meter time';
  // Every accepted top-up put its counter in the cache, which never forgets its highest counters.
  const highest = c.at(-1) ?? 0;
  for (const t of s.topUps) {
    if (!isObj(t) || !isInt(t.time, 0, s.time) || !isInt(t.amount, 0, SAFE) || !isInt(t.utrnCounter, 0, 0xffff_ffff)) return 'a top-up log entry is malformed or later than the meter time';
    if (t.utrnCounter > highest) return `top-up counter ${t.utrnCounter} is above every counter in the cache`;
  }
  for (const d of s.debtRecovery) if (!isObj(d) || !isInt(d.time, 0, s.time) || !isInt(d.register, 0, 2) || !isInt(d.amount, 0, SAFE)) return 'a debt recovery log entry is malformed';
  if (!isInt(s.energy.importJ, 0, SAFE) || !isInt(s.energy.costRemainder, 0, J_PER_KWH - 1)) return 'energy registers are malformed';
  if (!isInt(s.loadW, 0, SAFE) || typeof s.power !== 'boolean' || !isInt(s.debtCapUsedToday, 0, SAFE)) return 'load, power or the daily debt cap is malformed';
  if (s.tenancyStartDay !== null && !isInt(s.tenancyStartDay, 0, 65_535)) return 'tenancyStartDay is malformed';
  if (typeof s.keypad.buffer !== 'string' || !/^[0-9]{0,80}$/.test(s.keypad.buffer)) return 'the keypad buffer is malformed';
  if (s.keypad.lastKeyAt !== null && !isInt(s.keypad.lastKeyAt, 0, s.time)) return 'keypad.lastKeyAt is malformed';
  // The keypad region's own invariant (keypad.ts): the inter-key timer runs exactly while digits are
  // typed, and a half-typed token is cleared when it runs out, so it cannot have run out already.
  if ((s.keypad.buffer === '') !== (s.keypad.lastKeyAt === null)) return 'keypad.lastKeyAt must be set exactly while digits are typed';
  if (s.keypad.lastKeyAt !== null && s.keypad.lastKeyAt + KEYPAD_TIMEOUT_S <= s.time) return 'the typed digits are past the inter-key timeout';
  // The supply region's (supply.ts): a disabled supply says why, an enabled or armed one does not.
  if ((s.supply === 'disabled') !== (s.disableReason !== null)) return 'disableReason must be given exactly while the supply is disabled';
  if (!isInt(s.emergencyCredit.balance, 0, SAFE)) return 'the emergency credit balance is malformed';
  if (typeof s.message !== 'string' || s.message.length > 200) return 'the display message is malformed';
  return null;
}

/**
 * The checks of a meter state's own registers and lists, without the round trip through
 * commissioning (which costs about 0.2 ms): for a state handed to the machine (meter.machine.ts).
 */
export function registersProblem(meter: unknown): string | null {
  if (!isObj(meter)) return 'the meter state is not an object';
  try {
    return checkRegisters(meter as unknown as MeterState);
  } catch (e) {
    return `the meter state is malformed (${(e as Error).message})`;
  }
}

function commissionedProblem(s: MeterState): string | null {
  const cm = s.commissioned as unknown as Obj;
  if (!isObj(cm) || !isObj(cm.debtTerms) || !Array.isArray(cm.debtTerms.timeDebt)) return 'the commissioned configuration is malformed';
  const terms = cm.debtTerms as { timeDebt: unknown[]; paymentDebtRateBp: unknown };
  if (terms.timeDebt.length !== 2 || !terms.timeDebt.every((t) => isObj(t) && isInt(t.rate, 0, SAFE) && DEBT_PERIODS.includes(t.period as never))) return 'the commissioned debt terms are malformed';
  if (!isInt(terms.paymentDebtRateBp, 0, 10_000)) return 'the commissioned payment debt rate is malformed';
  const again = commission({ config: cm.config, tariff: cm.tariff, calendars: { friendlyCredit: (cm.calendars as Obj | undefined)?.friendlyCredit } }, s.time);
  if (!again.ok) return `the commissioned configuration: ${again.message}`;
  return null;
}

/** Null when `meter` is a state the firmware could be in, else what is wrong with it. */
export function meterStateProblem(meter: unknown): string | null {
  const registers = registersProblem(meter);
  if (registers !== null) return registers;
  const s = meter as unknown as MeterState;
  try {
    const commissioned = commissionedProblem(s);
    if (commissioned) return commissioned;
    const config = readout(s);
    // A disabled period reads out start/end null; as a configuration it is just `enabled: false`.
    const periods = config.calendars.nonDisconnect.map((p) => (p.enabled ? p : { enabled: false }));
    const made = commission({ ...config, calendars: { ...config.calendars, nonDisconnect: periods } }, s.time);
    if (!made.ok) return made.message;
    for (const part of CONFIGURED) if (canonical(part(made.value)) !== canonical(part(s))) return 'the state does not survive its own configuration rules';
    return null;
  } catch (e) {
    return `the meter state is malformed (${(e as Error).message})`;
  }
}
