// PWR-: power cuts and restores, durability of accepted tokens, malformed requests (prepayment.md 8).
import { vectorsOf, advance, CODES, ev, forgedUtrn, load, meter, read, T0, token, utrn, type Step, type VectorSource } from './common.js';

const v = vectorsOf('PWR', ['power'], ['prepayment.md 8']);

const off: Step = { op: 'power', on: false, expect: { ok: true } };
const on: Step = { op: 'power', on: true, expect: { ok: true } };
const refused = (step: Record<string, unknown>): Step => ({ ...step, op: step.op as string, expect: { ok: false, error: { code: 'powerOff' } } });

export const pwr: VectorSource[] = [
  v(1, 'A power cut stops consumption and is logged; restore is logged', '10 mp/s for 600 s = 6,000; cut at 23:10; the midnight standing charge (60,000) is still taken during the cut.', { meterBalance: 1_000_000, tariff: { prices: [36_000] } },
    [load(1000), { op: 'advance', seconds: 600, expect: { ok: true } }, off, advance('2026-02-03T01:00:00Z'), read({ meterBalance: 934_000, power: false }), on, read({ meterBalance: 934_000, energy: { importJ: 600_000 }, events: [ev('2026-02-02T23:10:00Z', 'powerOff', CODES.powerOff), ev('2026-02-03T01:00:00Z', 'powerOn', CODES.powerOn)] })],
    ['prepayment.md 8', 'clarifications.md 7'], '2026-02-02T23:00:00Z'),
  v(2, 'Tokens, keys, envelopes, buttons and joins are refused while the power is off', 'ok:false with code powerOff (conformance.md 1).', {},
    [off, refused({ op: 'token', digits: '73947252416745201637', source: 'keypad' }), refused({ op: 'keys', keys: '1' }), refused({ op: 'envelope', jws: 'a.b.c' }), refused({ op: 'button', button: 'A', where: 'meter' }), refused({ op: 'join', deviceClass: 'ihd', deviceId: '0011223344556677' }), on, token('73947252416745201637', { result: 'Accepted' })],
    ['conformance.md 1']),
  v(3, 'Power on while on, and off while off, do nothing', 'No extra events (clarifications 7).', { meterBalance: 500_000 }, [on, off, off, on, read({ events: [ev(T0, 'powerOff', CODES.powerOff), ev(T0, 'powerOn', CODES.powerOn)] })], ['clarifications.md 7']),
  v(4, 'consume during a power cut records 0 J', 'clarifications 7.', { meterBalance: 500_000 }, [off, { op: 'consume', wh: 1000, expect: { ok: true } }, read({ energy: { importJ: 0 }, meterBalance: 500_000 })], ['clarifications.md 7']),
  v(5, 'A power cut clears a half-typed keypad entry', 'prepayment.md 8.', {}, [{ op: 'keys', keys: '73947', expect: { ok: true, buffer: '73947' } }, off, on, read({ keypad: { buffer: '' } })]),
  v(6, 'A keypad lockout survives a power cut', 'Locked 08:00-09:00; cut and restore at 08:01; still KeypadLocked.', {}, [...[1, 2, 3, 4, 5].map((c) => token(forgedUtrn(c), { result: 'Invalid' })), { op: 'advance', seconds: 60, expect: { ok: true } }, off, on, token(utrn(1, 100), { result: 'KeypadLocked' }), read({ keypad: { lockedUntil: '2026-02-02T09:00:00Z' } })], ['tokens.md 7.2']),
  v(7, 'An accepted token stays applied across a power cut: re-entry is a Duplicate', 'The counter is cached with the credit.', {}, [token('73947252416745201637', { result: 'Accepted' }), off, on, token('73947252416745201637', { result: 'Duplicate' }), read({ meterBalance: 1_234_000, utrnCounters: [4] })]),
  v(8, 'A read during a cut shows the caught-up state', 'Two midnights pass while off: 2 x 60,000.', { meterBalance: 1_000_000 }, [off, advance('2026-02-04T00:00:00Z'), read({ meterBalance: 880_000, power: false })], ['clarifications.md 7'], '2026-02-02T12:00:00Z'),
  v(9, 'advance backwards, or with both or neither of seconds/to, is refused', 'clarifications 27; nothing changes.', { meterBalance: 1_000_000 },
    [{ op: 'advance', to: '2026-02-01T00:00:00Z', expect: { ok: false } }, { op: 'advance', seconds: 10, to: '2026-02-03T00:00:00Z', expect: { ok: false } }, { op: 'advance', expect: { ok: false } }, { op: 'advance', seconds: -5, expect: { ok: false } }, read({ time: T0, meterBalance: 1_000_000 })],
    ['clarifications.md 27']),
  v(10, 'Malformed requests answer ok:false and change nothing', 'Unknown op, wrong types, out of range.', { meterBalance: 1_000_000 },
    [{ op: 'dance', expect: { ok: false } }, { op: 'load', watts: -1, expect: { ok: false } }, { op: 'load', watts: '5', expect: { ok: false } }, { op: 'button', button: 'C', expect: { ok: false } }, { op: 'keys', keys: '12a', expect: { ok: false } }, { op: 'token', digits: 7394, expect: { ok: false } }, read({ meterBalance: 1_000_000, keypad: { buffer: '' }, load: { watts: 0 } })],
    ['conformance.md 1']),
  v(11, 'reset.meter arrays override element-wise from the first element', 'Two prices, one time debt, one TOU slot, one friendly-credit slot: the rest keep their factory values (clarifications 35).', { tariff: { prices: [30_000, 20_000], touSwitch: [{ enabled: true, daysMask: 127, startMinute: 420, rate: 2 }] }, timeDebt: [{ amount: 100_000 }], calendars: { friendlyCredit: [{ enabled: true, daysMask: 127, startMinute: 960, endMinute: 1200 }] } },
    [read({ tariff: { prices: [30_000, 20_000, 24_500, 24_500, 24_500, 24_500, 24_500, 24_500], touSwitch: [{ enabled: true, daysMask: 127, startMinute: 420, rate: 2 }, ...Array.from({ length: 15 }, () => ({ enabled: false, daysMask: 0, startMinute: 0, rate: 1 }))] }, timeDebt: [{ amount: 100_000, rate: 0, period: 'daily' }, { amount: 0, rate: 0, period: 'daily' }], calendars: { friendlyCredit: [{ enabled: true, daysMask: 127, startMinute: 960, endMinute: 1200 }, ...Array.from({ length: 7 }, () => ({ enabled: false, daysMask: 0, startMinute: 0, endMinute: 0 }))] } })],
    ['clarifications.md 35']),
  v(12, 'reset.meter values out of range are badConfig and change nothing', 'clarifications 36: lockoutThreshold 1..1000, lockoutMinutes 1..1440, utrnCounters at most 100 of 1..2^32-1, rateBp 0..10000, limits, caps and debts >= 0. The meter of the first reset stays.', { meterBalance: 1_000_000 },
    [
      ...[
        { config: { lockoutThreshold: 0 } },
        { config: { lockoutThreshold: 1001 } },
        { config: { lockoutMinutes: 0 } },
        { config: { lockoutMinutes: 1441 } },
        { utrnCounters: Array.from({ length: 101 }, (_, i) => i + 1) },
        { utrnCounters: [0] },
        { utrnCounters: [4_294_967_296] },
        { paymentDebt: { rateBp: 10_001 } },
        { config: { emergencyCreditLimit: -1 } },
        { config: { maxCreditThreshold: -1 } },
        { config: { debtRecoveryRateCap: -1 } },
        { config: { paymentDebtWeeklyCap: -1 } },
        { accumulatedDebt: -1 },
        { timeDebt: [{ amount: -1 }] },
        { timeDebt: [{ rate: -1 }] },
        { paymentDebt: { amount: -1 } },
      ].map((m): Step => ({ op: 'reset', meter: meter(m), time: T0, expect: { ok: false, error: { code: 'badConfig' } } })),
      read({ meterBalance: 1_000_000, config: { lockoutThreshold: 5, lockoutMinutes: 60 }, utrnCounters: [] }),
    ],
    ['clarifications.md 36', 'clarifications.md 27']),
  v(13, 'reset.meter values at the ends of their ranges are accepted', 'lockoutThreshold 1000, lockoutMinutes 1440, utrnCounters 1 and 2^32-1, rateBp 10000, limits 0 (clarifications 36).', {},
    [
      { op: 'reset', meter: meter({ config: { lockoutThreshold: 1000, lockoutMinutes: 1440, emergencyCreditLimit: 0, debtRecoveryRateCap: 0 }, utrnCounters: [4_294_967_295, 1], paymentDebt: { rateBp: 10_000 } }), time: T0, expect: { ok: true } },
      read({ config: { lockoutThreshold: 1000, lockoutMinutes: 1440, emergencyCreditLimit: 0, debtRecoveryRateCap: 0 }, utrnCounters: [1, 4_294_967_295], paymentDebt: { rateBp: 10_000 } }),
      { op: 'reset', meter: meter({ config: { lockoutThreshold: 1, lockoutMinutes: 1 }, utrnCounters: Array.from({ length: 100 }, (_, i) => i + 1), paymentDebt: { rateBp: 0 } }), time: T0, expect: { ok: true } },
      read({ config: { lockoutThreshold: 1, lockoutMinutes: 1 }, utrnCounters: Array.from({ length: 100 }, (_, i) => i + 1) }),
    ],
    ['clarifications.md 36']),
];
