// Commissioning a meter from a configuration (conformance.md section 3): factory defaults overridden
// by any subset of the state, under the read-out's names. Unknown keys are ignored; wrong types are
// `badConfig` (clarifications 27).
import { METER_TIME_RANGE, parseMeterTime } from './clock.js';
import { evaluateCredit } from './credit.js';
import { applyDuePrices } from './tariff.js';
import { ecdhP256, bytesToHex } from './tokens/crypto.js';
import {
  DEBT_PERIODS,
  DEVICE_CLASSES,
  commissionedOf,
  factoryState,
  type MeterConfig,
  type MeterState,
} from './state.js';

export type Result<T> = { ok: true; value: T } | { ok: false; code: 'badConfig'; message: string };

class ConfigError extends Error {}

type Obj = Record<string, unknown>;

/** The offending value, shortened: an error answers, it does not echo a megabyte back. */
function shown(got: unknown): string {
  const text = JSON.stringify(got) ?? String(got);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

function fail(path: string, expected: string, got: unknown): never {
  throw new ConfigError(`${path}: expected ${expected}, got ${shown(got)}`);
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) fail(path, 'an object', v);
  return v;
}

function int(v: unknown, path: string, min = -Number.MAX_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) fail(path, `an integer ${min}..${max}`, v);
  return v;
}

function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, 'a boolean', v);
  return v;
}

function oneOf<T extends string>(v: unknown, path: string, options: readonly T[]): T {
  if (typeof v !== 'string' || !options.includes(v as T)) fail(path, `one of ${options.join(', ')}`, v);
  return v as T;
}

function hex(v: unknown, path: string, bytes: number): string {
  if (typeof v !== 'string' || !new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(v)) fail(path, `${bytes} bytes of hex`, v);
  return v.toUpperCase();
}

function instant(v: unknown, path: string): number {
  const t = parseMeterTime(v);
  if (t === null) fail(path, `an ISO-8601 UTC time ${METER_TIME_RANGE}`, v);
  return t;
}

function arr(v: unknown, path: string, maxLength: number): unknown[] {
  if (!Array.isArray(v) || v.length > maxLength) fail(path, `an array of at most ${maxLength}`, v);
  return v;
}

/** Apply `fields` of `src` that are present, each through its parser. */
function pick<T extends object>(target: T, src: Obj, path: string, parsers: { [K in keyof T]?: (v: unknown, p: string) => T[K] }): void {
  for (const key of Object.keys(parsers) as (keyof T & string)[]) {
    if (src[key] !== undefined) target[key] = parsers[key]!(src[key], `${path}.${key}`);
  }
}

const mp = (v: unknown, p: string) => int(v, p);
const mpPos = (v: unknown, p: string) => int(v, p, 0);

const CONFIG_PARSERS: { [K in keyof MeterConfig]: (v: unknown, p: string) => MeterConfig[K] } = {
  emergencyCreditLimit: mpPos,
  emergencyCreditThreshold: mp,
  lowCreditThreshold: mp,
  disablementThreshold: mp,
  maxMeterBalance: mp,
  maxCreditThreshold: mpPos,
  debtRecoveryRateCap: mpPos,
  paymentDebtWeeklyCap: mpPos,
  suspendDebtDisabled: bool,
  suspendDebtEmergency: bool,
  lockoutThreshold: (v, p) => int(v, p, 1, 1000),
  lockoutMinutes: (v, p) => int(v, p, 1, 1440),
};

const minute = (v: unknown, p: string) => int(v, p, 0, 1439);
const mask = (v: unknown, p: string) => int(v, p, 0, 127);
const lockedUntil = (v: unknown, p: string) => (v === null ? null : instant(v, p));

function applyKeys(s: MeterState, m: Obj): void {
  if (m.originatorId !== undefined) s.keys.originatorId = hex(m.originatorId, 'meter.originatorId', 8);
  if (m.deviceId !== undefined) s.keys.deviceId = hex(m.deviceId, 'meter.deviceId', 8);
  if (m.sharedSecret !== undefined) {
    // A mistyped secret is still mostly the secret: never echoed.
    if (typeof m.sharedSecret !== 'string' || !/^[0-9a-fA-F]{64}$/.test(m.sharedSecret)) throw new ConfigError('meter.sharedSecret: expected 32 bytes of hex');
    s.keys.sharedSecret = m.sharedSecret.toLowerCase();
  }
  else if (m.deviceKeyAgreementPrivateKey !== undefined || m.supplierPrepaymentPublicKey !== undefined) {
    const priv = m.deviceKeyAgreementPrivateKey;
    const pub = m.supplierPrepaymentPublicKey;
    if (typeof priv !== 'string') fail('meter.deviceKeyAgreementPrivateKey', 'a PEM private key', priv);
    if (typeof pub !== 'string') fail('meter.supplierPrepaymentPublicKey', 'a PEM public key or certificate', pub);
    try {
      s.keys.sharedSecret = bytesToHex(ecdhP256(priv, pub));
    } catch {
      // Never echo key material.
      throw new ConfigError('meter key agreement: the keys are not a usable P-256 pair');
    }
  }
  if (m.supplierSigningPublicKey !== undefined) {
    s.keys.supplierSigningPublicKey = hex(m.supplierSigningPublicKey, 'meter.supplierSigningPublicKey', 32).toLowerCase();
  }
}

function applyState(s: MeterState, m: Obj): void {
  if (m.fuel !== undefined) s.fuel = oneOf(m.fuel, 'meter.fuel', ['electricity', 'gas'] as const);
  if (m.config !== undefined) pick(s.config, obj(m.config, 'meter.config'), 'meter.config', CONFIG_PARSERS);
  s.emergencyCredit.balance = s.config.emergencyCreditLimit;
  pick(s, m, 'meter', {
    paymentMode: (v, p) => oneOf(v, p, ['credit', 'prepayment'] as const),
    supply: (v, p) => oneOf(v, p, ['enabled', 'armed', 'disabled'] as const),
    disableReason: (v, p) => (v === null ? null : oneOf(v, p, ['credit', 'command'] as const)),
    meterBalance: mp,
    accumulatedDebt: mpPos,
    counterFloor: (v, p) => int(v, p, 0, 0xffff_ffff),
  });
  // Also when only the reason is given: the factory supply is enabled, and an enabled or armed supply has none.
  if (s.supply !== 'disabled') s.disableReason = null;
  if (s.supply === 'disabled' && s.disableReason === null) s.disableReason = 'command'; // clarifications 15
  if (m.emergencyCredit !== undefined) {
    pick(s.emergencyCredit, obj(m.emergencyCredit, 'meter.emergencyCredit'), 'meter.emergencyCredit', {
      state: (v, p) => oneOf(v, p, ['unavailable', 'available', 'active', 'exhausted'] as const),
      balance: mpPos,
    });
  }
  if (m.timeDebt !== undefined) {
    arr(m.timeDebt, 'meter.timeDebt', 2).forEach((d, i) =>
      pick(s.timeDebt[i]!, obj(d, `meter.timeDebt[${i}]`), `meter.timeDebt[${i}]`, {
        amount: mpPos,
        rate: mpPos,
        period: (v, p) => oneOf(v, p, DEBT_PERIODS),
      }),
    );
  }
  if (m.paymentDebt !== undefined) {
    pick(s.paymentDebt, obj(m.paymentDebt, 'meter.paymentDebt'), 'meter.paymentDebt', {
      amount: mpPos,
      rateBp: (v, p) => int(v, p, 0, 10_000),
      recoveredThisWeek: mpPos,
    });
  }
  if (m.tariff !== undefined) applyTariff(s, obj(m.tariff, 'meter.tariff'));
  if (m.calendars !== undefined) applyCalendars(s, obj(m.calendars, 'meter.calendars'));
  if (m.han !== undefined) {
    const h = obj(m.han, 'meter.han');
    if (h.devices !== undefined) {
      s.han.devices = arr(h.devices, 'meter.han.devices', 8).map((d, i) => {
        const o = obj(d, `meter.han.devices[${i}]`);
        hex(o.deviceId, `meter.han.devices[${i}].deviceId`, 8);
        return { deviceId: o.deviceId as string, deviceClass: oneOf(o.deviceClass, `meter.han.devices[${i}].deviceClass`, DEVICE_CLASSES.slice(1)) };
      });
    }
    if (h.joinWindow !== undefined && h.joinWindow !== null) {
      const w = obj(h.joinWindow, 'meter.han.joinWindow');
      s.han.joinWindow = { until: instant(w.until, 'meter.han.joinWindow.until'), deviceClass: oneOf(w.deviceClass, 'meter.han.joinWindow.deviceClass', DEVICE_CLASSES) };
    }
  }
  if (m.utrnCounters !== undefined) {
    const list = arr(m.utrnCounters, 'meter.utrnCounters', 100).map((c, i) => int(c, `meter.utrnCounters[${i}]`, 1, 0xffff_ffff));
    s.utrnCounters = [...new Set(list)].sort((a, b) => a - b);
  }
  for (const source of ['keypad', 'ppmid'] as const) {
    if (m[source] === undefined) continue;
    pick(s[source], obj(m[source], `meter.${source}`), `meter.${source}`, {
      lockedUntil,
      invalidCount: (v, p) => int(v, p, 0, 1000),
      lockouts: (v, p) => int(v, p, 0, 1000),
    });
  }
}

function applyTariff(s: MeterState, t: Obj): void {
  if (t.prices !== undefined) arr(t.prices, 'meter.tariff.prices', 8).forEach((p, i) => (s.tariff.prices[i] = int(p, `meter.tariff.prices[${i}]`, 0, 0xff_ffff)));
  if (t.standingCharge !== undefined) s.tariff.standingCharge = int(t.standingCharge, 'meter.tariff.standingCharge', 0);
  if (t.touSwitch !== undefined) {
    arr(t.touSwitch, 'meter.tariff.touSwitch', 16).forEach((e, i) => {
      const path = `meter.tariff.touSwitch[${i}]`;
      const slot = { ...s.tariff.touSwitch[i]! };
      pick(slot, obj(e, path), path, { enabled: bool, daysMask: mask, startMinute: minute, rate: (v, p) => int(v, p, 1, 8) });
      s.tariff.touSwitch[i] = slot.enabled ? slot : { enabled: false, daysMask: 0, startMinute: 0, rate: 1 };
    });
  }
  if (t.pending !== undefined) {
    s.tariff.pending = arr(t.pending, 'meter.tariff.pending', 9).map((e, i) => {
      const path = `meter.tariff.pending[${i}]`;
      const o = obj(e, path);
      return { element: int(o.element, `${path}.element`, 0, 8), price: int(o.price, `${path}.price`, 0, 0xff_ffff), at: instant(o.at, `${path}.at`) };
    });
    s.tariff.pending.sort((a, b) => a.at - b.at || a.element - b.element);
  }
}

function applyCalendars(s: MeterState, c: Obj): void {
  if (c.friendlyCredit !== undefined) {
    arr(c.friendlyCredit, 'meter.calendars.friendlyCredit', 8).forEach((e, i) => {
      const path = `meter.calendars.friendlyCredit[${i}]`;
      const slot = { ...s.calendars.friendlyCredit[i]! };
      pick(slot, obj(e, path), path, { enabled: bool, daysMask: mask, startMinute: minute, endMinute: minute });
      s.calendars.friendlyCredit[i] = slot.enabled ? slot : { enabled: false, daysMask: 0, startMinute: 0, endMinute: 0 };
    });
  }
  if (c.nonDisconnect !== undefined) {
    arr(c.nonDisconnect, 'meter.calendars.nonDisconnect', 8).forEach((e, i) => {
      const path = `meter.calendars.nonDisconnect[${i}]`;
      // Element-wise like every other array (clarifications 35): the keys given override the slot as
      // it was, so a slot without `enabled` stays as disabled as the factory left it.
      const slot = { ...s.calendars.nonDisconnect[i]! };
      pick(slot, obj(e, path), path, { enabled: bool, start: instant, end: instant });
      if (slot.enabled && (slot.start === null || slot.end === null)) fail(path, 'start and end for an enabled period', e);
      s.calendars.nonDisconnect[i] = slot.enabled ? slot : { enabled: false, start: null, end: null };
    });
  }
}

/**
 * A fresh meter at `time`: factory state, then the configuration; the result is also the commissioned
 * configuration that RevertToDefaults returns to. Section 4 is evaluated at `time`.
 */
export function commission(meter: unknown, time: number): Result<MeterState> {
  const s = factoryState(time);
  try {
    const m = meter === undefined ? {} : obj(meter, 'meter');
    applyKeys(s, m);
    applyState(s, m);
  } catch (e) {
    if (e instanceof ConfigError) return { ok: false, code: 'badConfig', message: e.message };
    throw e;
  }
  s.commissioned = commissionedOf(s);
  // A pending change already due applies at the reset, as a ChangePrice at or before now does
  // (clarifications 21). Left pending it would be a boundary before now: the next advance ran time
  // backwards to it.
  applyDuePrices(s);
  evaluateCredit(s);
  return { ok: true, value: s };
}
