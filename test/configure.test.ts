// Commissioning from a meter configuration (conformance.md section 3, clarifications 15, 20, 27, 35,
// 36): a wrong value is badConfig with a message naming the path, what was expected and (shortened)
// what came; nothing half-applied. The message shape is `<path>: expected <what>, got <JSON value>`.
import { describe, expect, it } from 'vitest';
import { commission } from '../firmware/configure.js';
import { readout } from '../firmware/readout.js';
import { advanceTo } from '../firmware/timeline.js';
import { badConfigMessage, commissionedReadout, RTDS, rtdsMeter, T0 } from './helpers.js';

const time = Date.parse(T0) / 1000;
const meter = rtdsMeter;
const rejected = (m: unknown) => badConfigMessage(m, time);
const commissioned = (extra: Record<string, unknown>) => commissionedReadout(meter(extra), time);

describe('badConfig names the path, the expectation and the value', () => {
  const cases: [Record<string, unknown>, string][] = [
    [{ deviceId: 'zz' }, 'meter.deviceId: expected 8 bytes of hex, got "zz"'],
    [{ originatorId: 12 }, 'meter.originatorId: expected 8 bytes of hex, got 12'],
    [{ supplierSigningPublicKey: 'ab' }, 'meter.supplierSigningPublicKey: expected 32 bytes of hex, got "ab"'],
    [{ fuel: 'oil' }, 'meter.fuel: expected one of electricity, gas, got "oil"'],
    [{ paymentMode: 'postpay' }, 'meter.paymentMode: expected one of credit, prepayment, got "postpay"'],
    [{ supply: 'off' }, 'meter.supply: expected one of enabled, armed, disabled, got "off"'],
    [{ disableReason: 'debt' }, 'meter.disableReason: expected one of credit, command, got "debt"'],
    [{ meterBalance: 1.5 }, `meter.meterBalance: expected an integer -${Number.MAX_SAFE_INTEGER}..${Number.MAX_SAFE_INTEGER}, got 1.5`],
    [{ accumulatedDebt: -1 }, `meter.accumulatedDebt: expected an integer 0..${Number.MAX_SAFE_INTEGER}, got -1`],
    [{ counterFloor: 2 ** 32 }, 'meter.counterFloor: expected an integer 0..4294967295, got 4294967296'],
    [{ config: [] }, 'meter.config: expected an object, got []'],
    [{ config: { lockoutThreshold: 0 } }, 'meter.config.lockoutThreshold: expected an integer 1..1000, got 0'],
    [{ config: { lockoutMinutes: 1441 } }, 'meter.config.lockoutMinutes: expected an integer 1..1440, got 1441'],
    [{ config: { suspendDebtDisabled: 1 } }, 'meter.config.suspendDebtDisabled: expected a boolean, got 1'],
    [{ config: { emergencyCreditLimit: '5' } }, `meter.config.emergencyCreditLimit: expected an integer 0..${Number.MAX_SAFE_INTEGER}, got "5"`],
    [{ emergencyCredit: 5 }, 'meter.emergencyCredit: expected an object, got 5'],
    [{ emergencyCredit: { state: 'spent' } }, 'meter.emergencyCredit.state: expected one of unavailable, available, active, exhausted, got "spent"'],
    [{ timeDebt: {} }, 'meter.timeDebt: expected an array of at most 2, got {}'],
    [{ timeDebt: [{}, {}, {}] }, 'meter.timeDebt: expected an array of at most 2, got [{},{},{}]'],
    [{ timeDebt: [5] }, 'meter.timeDebt[0]: expected an object, got 5'],
    [{ timeDebt: [{}, { period: 'monthly' }] }, 'meter.timeDebt[1].period: expected one of hourly, daily, weekly, got "monthly"'],
    [{ paymentDebt: null }, 'meter.paymentDebt: expected an object, got null'],
    [{ paymentDebt: { rateBp: 10_001 } }, 'meter.paymentDebt.rateBp: expected an integer 0..10000, got 10001'],
    [{ tariff: 'flat' }, 'meter.tariff: expected an object, got "flat"'],
    [{ tariff: { prices: [1, 2 ** 24] } }, 'meter.tariff.prices[1]: expected an integer 0..16777215, got 16777216'],
    [{ tariff: { standingCharge: -1 } }, `meter.tariff.standingCharge: expected an integer 0..${Number.MAX_SAFE_INTEGER}, got -1`],
    [{ tariff: { touSwitch: [{}, 3] } }, 'meter.tariff.touSwitch[1]: expected an object, got 3'],
    [{ tariff: { touSwitch: [{ daysMask: 128 }] } }, 'meter.tariff.touSwitch[0].daysMask: expected an integer 0..127, got 128'],
    [{ tariff: { touSwitch: [{ startMinute: 1440 }] } }, 'meter.tariff.touSwitch[0].startMinute: expected an integer 0..1439, got 1440'],
    [{ tariff: { touSwitch: [{ rate: 9 }] } }, 'meter.tariff.touSwitch[0].rate: expected an integer 1..8, got 9'],
    [{ tariff: { pending: [{ element: 9, price: 1, at: T0 }] } }, 'meter.tariff.pending[0].element: expected an integer 0..8, got 9'],
    [{ tariff: { pending: [{ element: 0, price: 2 ** 24, at: T0 }] } }, 'meter.tariff.pending[0].price: expected an integer 0..16777215, got 16777216'],
    [{ tariff: { pending: [{ element: 0, price: 1, at: 'soon' }] } }, 'meter.tariff.pending[0].at: expected an ISO-8601 UTC time 2000-01-01T00:00:00Z to 2179-06-06T22:59:59Z, got "soon"'],
    [{ tariff: { pending: [1] } }, 'meter.tariff.pending[0]: expected an object, got 1'],
    [{ calendars: 1 }, 'meter.calendars: expected an object, got 1'],
    [{ calendars: { friendlyCredit: [{ enabled: 'yes' }] } }, 'meter.calendars.friendlyCredit[0].enabled: expected a boolean, got "yes"'],
    [{ calendars: { friendlyCredit: [{ endMinute: -1 }] } }, 'meter.calendars.friendlyCredit[0].endMinute: expected an integer 0..1439, got -1'],
    [{ calendars: { nonDisconnect: [{ start: 'x' }] } }, 'meter.calendars.nonDisconnect[0].start: expected an ISO-8601 UTC time 2000-01-01T00:00:00Z to 2179-06-06T22:59:59Z, got "x"'],
    // the value shown is cut at 40 characters: {"enabled":true, (16) "start": (8) "2026-02-02T08:0 (16)
    [{ calendars: { nonDisconnect: [{ enabled: true, start: T0 }] } }, 'meter.calendars.nonDisconnect[0]: expected start and end for an enabled period, got {"enabled":true,"start":"2026-02-02T08:0...'],
    [{ han: [] }, 'meter.han: expected an object, got []'],
    [{ han: { devices: [1] } }, 'meter.han.devices[0]: expected an object, got 1'],
    [{ han: { devices: [{ deviceId: 'x', deviceClass: 'ihd' }] } }, 'meter.han.devices[0].deviceId: expected 8 bytes of hex, got "x"'],
    [{ han: { devices: [{ deviceId: '0011223344556677', deviceClass: 'any' }] } }, 'meter.han.devices[0].deviceClass: expected one of ihd, ppmid, cad, gasMeter, got "any"'],
    [{ han: { joinWindow: 1 } }, 'meter.han.joinWindow: expected an object, got 1'],
    [{ han: { joinWindow: { until: 'x', deviceClass: 'any' } } }, 'meter.han.joinWindow.until: expected an ISO-8601 UTC time 2000-01-01T00:00:00Z to 2179-06-06T22:59:59Z, got "x"'],
    [{ han: { joinWindow: { until: T0, deviceClass: 'tv' } } }, 'meter.han.joinWindow.deviceClass: expected one of any, ihd, ppmid, cad, gasMeter, got "tv"'],
    [{ utrnCounters: [5, 0] }, 'meter.utrnCounters[1]: expected an integer 1..4294967295, got 0'],
    [{ keypad: 'locked' }, 'meter.keypad: expected an object, got "locked"'],
    [{ keypad: { lockedUntil: 'x' } }, 'meter.keypad.lockedUntil: expected an ISO-8601 UTC time 2000-01-01T00:00:00Z to 2179-06-06T22:59:59Z, got "x"'],
    [{ ppmid: { invalidCount: 1001 } }, 'meter.ppmid.invalidCount: expected an integer 0..1000, got 1001'],
    [{ ppmid: { lockouts: -1 } }, 'meter.ppmid.lockouts: expected an integer 0..1000, got -1'],
    [{ deviceKeyAgreementPrivateKey: 1, supplierPrepaymentPublicKey: 'x', sharedSecret: undefined }, 'meter.deviceKeyAgreementPrivateKey: expected a PEM private key, got 1'],
  ];
  for (const [extra, message] of cases) {
    it(message.split(':')[0]!, () => {
      const m = meter(extra);
      if ('deviceKeyAgreementPrivateKey' in extra) delete (m as Record<string, unknown>).sharedSecret;
      expect(rejected(m)).toBe(message);
    });
  }

  it('the meter itself must be an object; no meter at all is the factory meter', () => {
    expect(rejected('meter')).toBe('meter: expected an object, got "meter"');
    expect(rejected(null)).toBe('meter: expected an object, got null');
    const r = commission(undefined, time);
    expect(r.ok && readout(r.value).meterBalance).toBe(0);
  });

  it('a long value is cut to its first 40 characters; one of exactly 40 is shown whole', () => {
    // JSON of a 45-letter string is 47 characters: the quote and 39 letters, then "..."
    expect(rejected(meter({ fuel: 'a'.repeat(45) }))).toBe(`meter.fuel: expected one of electricity, gas, got "${'a'.repeat(39)}...`);
    // 38 letters in quotes is exactly 40 characters
    expect(rejected(meter({ fuel: 'b'.repeat(38) }))).toBe(`meter.fuel: expected one of electricity, gas, got "${'b'.repeat(38)}"`);
  });

  it('a bad shared secret is never echoed, nor are bad PEM keys', () => {
    expect(rejected(meter({ sharedSecret: 'ab'.repeat(31) }))).toBe('meter.sharedSecret: expected 32 bytes of hex');
    expect(rejected(meter({ sharedSecret: `${'ab'.repeat(32)}0` }))).toBe('meter.sharedSecret: expected 32 bytes of hex');
    expect(rejected(meter({ sharedSecret: `0${'ab'.repeat(32)}` }))).toBe('meter.sharedSecret: expected 32 bytes of hex');
    const m = meter({ deviceKeyAgreementPrivateKey: '-----BEGIN PRIVATE KEY-----', supplierPrepaymentPublicKey: 7 }) as Record<string, unknown>;
    delete m.sharedSecret;
    expect(rejected(m)).toBe('meter.supplierPrepaymentPublicKey: expected a PEM public key or certificate, got 7');
    m.supplierPrepaymentPublicKey = '-----BEGIN PUBLIC KEY-----';
    expect(rejected(m)).toBe('meter key agreement: the keys are not a usable P-256 pair');
  });
});

describe('what a configuration sets', () => {
  it('identifiers read back upper case, secrets and the signing key lower case', () => {
    const r = commissioned({ deviceId: 'abcdef0123456789', originatorId: '0123456789abcdef', supplierSigningPublicKey: 'AB'.repeat(32) });
    expect(r.deviceId).toBe('ABCDEF0123456789');
    expect(r.originatorId).toBe('0123456789ABCDEF');
    const s = commission(meter({ sharedSecret: RTDS.sharedSecret.toUpperCase(), supplierSigningPublicKey: 'AB'.repeat(32) }), time);
    expect(s.ok && s.value.keys.sharedSecret).toBe(RTDS.sharedSecret.toLowerCase());
    expect(s.ok && s.value.keys.supplierSigningPublicKey).toBe('ab'.repeat(32));
  });

  it('a disabled slot reads back cleared whatever else it says (clarifications 20)', () => {
    const r = commissioned({
      tariff: { touSwitch: [{ enabled: false, daysMask: 127, startMinute: 600, rate: 3 }] },
      calendars: { friendlyCredit: [{ enabled: false, daysMask: 127, startMinute: 60, endMinute: 120 }] },
    });
    expect(r.tariff.touSwitch[0]).toEqual({ enabled: false, daysMask: 0, startMinute: 0, rate: 1 });
    expect(r.calendars.friendlyCredit[0]).toEqual({ enabled: false, daysMask: 0, startMinute: 0, endMinute: 0 });
  });

  it('arrays override element-wise from the first element (clarifications 35)', () => {
    const r = commissioned({ tariff: { prices: [10_000, 20_000], touSwitch: [{ enabled: true, daysMask: 1, startMinute: 60, rate: 2 }, { enabled: true, daysMask: 2 }] } });
    expect(r.tariff.prices).toEqual([10_000, 20_000, 24_500, 24_500, 24_500, 24_500, 24_500, 24_500]);
    expect(r.tariff.touSwitch[0]).toEqual({ enabled: true, daysMask: 1, startMinute: 60, rate: 2 });
    // slot 1 keeps the factory values of the keys not given
    expect(r.tariff.touSwitch[1]).toEqual({ enabled: true, daysMask: 2, startMinute: 0, rate: 1 });
  });

  it('pending price changes load in activation then element order', () => {
    const r = commissioned({
      tariff: {
        pending: [
          { element: 3, price: 1, at: '2026-03-01T00:00:00Z' },
          { element: 1, price: 2, at: '2026-03-01T00:00:00Z' },
          { element: 8, price: 3, at: '2026-02-10T00:00:00Z' },
        ],
      },
    });
    expect(r.tariff.pending).toEqual([
      { element: 8, price: 3, at: '2026-02-10T00:00:00Z' },
      { element: 1, price: 2, at: '2026-03-01T00:00:00Z' },
      { element: 3, price: 1, at: '2026-03-01T00:00:00Z' },
    ]);
  });

  it('a pending change already due at the reset applies at once, and the advance runs forward only', () => {
    // Reset at 2026-02-02T12:00Z with rate 1 at 36,000 mp/kWh and a change to 72,000 due the day
    // before (decisions.md 47: applied at the reset, as a ChangePrice at or before now).
    const t = Date.parse('2026-02-02T12:00:00Z') / 1000;
    const r = commission(meter({ meterBalance: 1_000_000, tariff: { prices: [36_000], pending: [{ element: 0, price: 72_000, at: '2026-02-01T11:00:00Z' }, { element: 1, price: 1, at: '2026-02-03T00:00:00Z' }] } }), t);
    if (!r.ok) throw new Error(r.message);
    const s = r.value;
    expect(s.tariff.prices[0]).toBe(72_000);
    expect(s.tariff.pending).toEqual([{ element: 1, price: 1, at: Date.parse('2026-02-03T00:00:00Z') / 1000 }]);
    // the commissioned prices are the ones given
    expect(s.commissioned.tariff.prices[0]).toBe(36_000);
    s.loadW = 1000;
    advanceTo(s, t + 60);
    // 60 s at 1 kW = 60,000 J; at 72,000 mp/kWh: 72,000 x 60,000 / 3,600,000 = 1,200 mp; no midnight crossed
    expect(s.energy.importJ).toBe(60_000);
    expect(s.meterBalance).toBe(1_000_000 - 1_200);
    expect(s.events).toEqual([]);
  });

  it('a pending change due exactly at a midnight reset applies without that midnight\'s standing charge', () => {
    const t = Date.parse('2026-02-03T00:00:00Z') / 1000;
    const r = commission(meter({ meterBalance: 1_000_000, tariff: { pending: [{ element: 8, price: 50_000, at: '2026-02-03T00:00:00Z' }] } }), t);
    if (!r.ok) throw new Error(r.message);
    const s = r.value;
    expect(s.tariff.standingCharge).toBe(50_000);
    expect(s.tariff.pending).toEqual([]);
    // clarifications 1: the midnight on the reset instant is not processed; the next is a day on
    advanceTo(s, t + 60);
    expect(s.meterBalance).toBe(1_000_000);
    advanceTo(s, t + 86_400);
    expect(s.meterBalance).toBe(1_000_000 - 50_000);
  });

  it('the supply and its reason (clarifications 15)', () => {
    expect(commissioned({ supply: 'disabled', meterBalance: -1 }).disableReason).toBe('command');
    expect(commissioned({ supply: 'disabled', disableReason: 'credit', meterBalance: -1 }).disableReason).toBe('credit');
    const enabled = commissioned({ supply: 'enabled', disableReason: 'command', meterBalance: 1_000_000 });
    expect([enabled.supply, enabled.disableReason]).toEqual(['enabled', null]);
    const armed = commissioned({ supply: 'armed', disableReason: 'credit', meterBalance: 1_000_000 });
    expect([armed.supply, armed.disableReason]).toEqual(['armed', null]);
  });

  it('HAN devices, a join window, counters (sorted, once each) and lockouts', () => {
    const r = commissioned({
      han: { devices: [{ deviceId: '0011223344556677', deviceClass: 'ihd' }], joinWindow: { until: '2026-02-02T09:00:00Z', deviceClass: 'any' } },
      utrnCounters: [9, 3, 9, 5],
      keypad: { lockedUntil: '2026-02-02T08:30:00Z', invalidCount: 2, lockouts: 1 },
      ppmid: { lockedUntil: null, invalidCount: 3 },
    });
    expect(r.han).toEqual({ joinWindow: { until: '2026-02-02T09:00:00Z', deviceClass: 'any' }, devices: [{ deviceId: '0011223344556677', deviceClass: 'ihd' }] });
    expect(r.utrnCounters).toEqual([3, 5, 9]);
    expect(r.keypad).toEqual({ buffer: '', lockedUntil: '2026-02-02T08:30:00Z', invalidCount: 2, lockouts: 1 });
    expect(r.ppmid).toEqual({ lockedUntil: null, invalidCount: 3, lockouts: 0 });
    expect(commissioned({ han: { joinWindow: null } }).han.joinWindow).toBeNull();
  });

  it('the EC balance follows the configured limit; emergencyCredit overrides it', () => {
    expect(commissioned({ meterBalance: 1_000_000, config: { emergencyCreditLimit: 300_000 } }).emergencyCredit).toEqual({ state: 'unavailable', balance: 300_000 });
    expect(commissioned({ meterBalance: 1_000_000, emergencyCredit: { state: 'active', balance: 5 } }).emergencyCredit).toEqual({ state: 'active', balance: 5 });
  });
});
