// A meter state read back from storage is checked before the firmware runs on it
// (firmware/state-check.ts): every invariant an input keeps, with the exact message that names what is
// wrong, and the commissioned configuration run through the commissioning rules again. In process, so
// the mutation suite sees these checks (the durable store's tests spawn the CLI).
import { describe, expect, it } from 'vitest';
import { J_PER_KWH } from '../firmware/money.js';
import { meterStateProblem } from '../firmware/state-check.js';
import type { MeterState } from '../firmware/state.js';
import { meterState } from './helpers.js';

type Json = Record<string, any>;

/** A good state as storage gives it back (JSON), with one part changed. */
function stored(change: (s: Json) => void = () => {}, meter: Record<string, unknown> = {}): Json {
  const s = JSON.parse(JSON.stringify(meterState({ utrnCounters: [5, 7], ...meter }))) as Json;
  change(s);
  return s;
}

const problem = (change: (s: Json) => void, meter?: Record<string, unknown>) => meterStateProblem(stored(change, meter));

const T = Date.parse('2026-02-02T08:00:00Z') / 1000;
const HEX64 = '5c00001ae96494fedfd740c4679d346e913d89b978beeff76577be69c92bf3ce';

describe('a state the firmware could be in passes', () => {
  it('as commissioned, and with every log and bound filled to its limit', () => {
    expect(meterStateProblem(stored())).toBeNull();
    expect(
      problem((s) => {
        s.events = Array.from({ length: 100 }, (_, i) => ({ time: T - i, code: 1, name: 'powerOn' }));
        s.topUps = Array.from({ length: 5 }, () => ({ time: T, amount: 0, utrnCounter: 7 }));
        s.debtRecovery = Array.from({ length: 20 }, (_, i) => ({ time: T, register: i % 3, amount: 0 }));
        s.keypad.buffer = '1'.repeat(80);
        s.keypad.lastKeyAt = T;
        s.message = 'M'.repeat(200);
        s.tenancyStartDay = 65_535;
        s.energy.costRemainder = J_PER_KWH - 1;
      }),
    ).toBeNull();
  });

  it('at both ends of the meter time range (2000-01-01 and 2179-06-06T22:59:59Z)', () => {
    const at = (t: number) => meterStateProblem(JSON.parse(JSON.stringify(meterState({}, t))));
    expect(at(Date.parse('2000-01-01T00:00:00Z') / 1000)).toBeNull();
    expect(at(Date.parse('2179-06-06T22:59:59Z') / 1000)).toBeNull();
  });
});

describe('each broken invariant is named', () => {
  it('not an object', () => {
    for (const v of [null, [], 5, 'meter']) expect(meterStateProblem(v)).toBe('the meter state is not an object');
  });

  it('time outside 2000-01-01 .. 2179-06-06T22:59:59Z', () => {
    const msg = 'time is outside the meter time range';
    expect(problem((s) => (s.time = Date.parse('1999-12-31T23:59:59Z') / 1000))).toBe(msg);
    expect(problem((s) => (s.time = Date.parse('2179-06-06T23:00:00Z') / 1000))).toBe(msg);
  });

  it('key material that is not 32 bytes of hex', () => {
    expect(problem((s) => (s.keys.sharedSecret = HEX64.slice(1)))).toBe('keys.sharedSecret is malformed');
    expect(problem((s) => (s.keys.sharedSecret = HEX64.replace('5', 'g')))).toBe('keys.sharedSecret is malformed');
    expect(problem((s) => (s.keys.sharedSecret = 5))).toBe('keys.sharedSecret is malformed');
    expect(problem((s) => (s.keys = [HEX64]))).toBe('keys.sharedSecret is malformed');
    expect(problem((s) => (s.keys.supplierSigningPublicKey = 'ab'.repeat(31)))).toBe('keys.supplierSigningPublicKey is malformed');
    expect(problem((s) => (s.keys.supplierSigningPublicKey = 7))).toBe('keys.supplierSigningPublicKey is malformed');
    expect(problem((s) => (s.keys.supplierSigningPublicKey = 'ab'.repeat(32)))).toBeNull();
    // An array of one good hex string reads as that string to a RegExp: still not a key.
    expect(problem((s) => (s.keys.sharedSecret = [HEX64]))).toBe('keys.sharedSecret is malformed');
    expect(problem((s) => (s.keys.supplierSigningPublicKey = ['ab'.repeat(32)]))).toBe('keys.supplierSigningPublicKey is malformed');
    // A meter without a shared secret (keys not yet installed) is a state the firmware can be in.
    expect(problem((s) => (s.keys.sharedSecret = null))).toBeNull();
  });

  it('the counter cache: at most 100, distinct, ascending, each 1..2^32-1', () => {
    expect(problem((s) => (s.utrnCounters = Array.from({ length: 101 }, (_, i) => i + 1)))).toBe('utrnCounters must hold at most 100 counters');
    expect(problem((s) => (s.utrnCounters = { 0: 1 }))).toBe('utrnCounters must hold at most 100 counters');
    const order = 'utrnCounters must be distinct counters in ascending order';
    for (const c of [[0], [7, 5], [5, 5], [2 ** 32], [1.5], ['5']]) expect(problem((s) => (s.utrnCounters = c)), JSON.stringify(c)).toBe(order);
    expect(problem((s) => (s.utrnCounters = [1, 2 ** 32 - 1]))).toBeNull();
    expect(problem((s) => (s.utrnCounters = Array.from({ length: 100 }, (_, i) => i + 1)))).toBeNull();
  });

  it('logs over their limits (100 events, 5 top-ups, 20 recoveries) and HAN devices over 8', () => {
    expect(problem((s) => (s.events = Array.from({ length: 101 }, () => ({ time: T, code: 1, name: 'powerOn' }))))).toBe('the event log is too long');
    expect(problem((s) => (s.events = {}))).toBe('the event log is too long');
    expect(problem((s) => (s.topUps = Array.from({ length: 6 }, () => ({ time: T, amount: 0, utrnCounter: 7 }))))).toBe('the top-up log is too long');
    expect(problem((s) => (s.topUps = 'none'))).toBe('the top-up log is too long');
    expect(problem((s) => (s.debtRecovery = Array.from({ length: 21 }, () => ({ time: T, register: 0, amount: 0 }))))).toBe('the debt recovery log is too long');
    expect(problem((s) => (s.debtRecovery = null))).toBe('the debt recovery log is too long');
    const devices = Array.from({ length: 9 }, (_, i) => ({ deviceClass: 'ihd', deviceId: `00000000000000${String(i).padStart(2, '0')}` }));
    expect(problem((s) => (s.han.devices = devices))).toBe('too many HAN devices');
    expect(problem((s) => (s.han.devices = devices.slice(0, 8)))).toBeNull();
  });

  it('an event entry that is malformed or later than the meter time', () => {
    const msg = 'an event log entry is malformed or later than the meter time';
    for (const e of [null, { time: T + 1, code: 1, name: 'powerOn' }, { time: -1, code: 1, name: 'powerOn' }, { time: T, code: -1, name: 'powerOn' }, { time: T, code: 1.5, name: 'powerOn' }, { time: T, code: 1, name: 5 }]) {
      expect(problem((s) => (s.events = [e])), JSON.stringify(e)).toBe(msg);
    }
  });

  it('a top-up entry that is malformed, later than now, or above every cached counter', () => {
    const msg = 'a top-up log entry is malformed or later than the meter time';
    for (const t of [[], { time: T + 1, amount: 0, utrnCounter: 7 }, { time: T, amount: -1, utrnCounter: 7 }, { time: T, amount: 0, utrnCounter: -1 }, { time: T, amount: 0, utrnCounter: 2 ** 32 }]) {
      expect(problem((s) => (s.topUps = [t])), JSON.stringify(t)).toBe(msg);
    }
    // The cache holds 5 and 7: an accepted top-up's counter is one of its highest.
    expect(problem((s) => (s.topUps = [{ time: T, amount: 100, utrnCounter: 8 }]))).toBe('top-up counter 8 is above every counter in the cache');
    expect(problem((s) => (s.topUps = [{ time: T, amount: 100, utrnCounter: 7 }]))).toBeNull();
    expect(problem((s) => ((s.utrnCounters = []), (s.topUps = [{ time: T, amount: 100, utrnCounter: 1 }])))).toBe('top-up counter 1 is above every counter in the cache');
  });

  it('a debt recovery entry on a register other than 0..2, negative, or later than now', () => {
    const msg = 'a debt recovery log entry is malformed';
    for (const d of [5, { time: T + 1, register: 0, amount: 0 }, { time: T, register: 3, amount: 0 }, { time: T, register: -1, amount: 0 }, { time: T, register: 0, amount: -1 }]) {
      expect(problem((s) => (s.debtRecovery = [d])), JSON.stringify(d)).toBe(msg);
    }
  });

  it('energy, load, power, the daily cap, the tenancy day', () => {
    const energy = 'energy registers are malformed';
    expect(problem((s) => (s.energy.importJ = -1))).toBe(energy);
    expect(problem((s) => (s.energy.importJ = 0.5))).toBe(energy);
    expect(problem((s) => (s.energy.costRemainder = J_PER_KWH))).toBe(energy);
    expect(problem((s) => (s.energy.costRemainder = -1))).toBe(energy);
    const load = 'load, power or the daily debt cap is malformed';
    expect(problem((s) => (s.loadW = -1))).toBe(load);
    expect(problem((s) => (s.power = 1))).toBe(load);
    expect(problem((s) => (s.debtCapUsedToday = -1))).toBe(load);
    expect(problem((s) => (s.tenancyStartDay = 65_536))).toBe('tenancyStartDay is malformed');
    expect(problem((s) => (s.tenancyStartDay = -1))).toBe('tenancyStartDay is malformed');
  });

  it('the keypad buffer (digits only, at most 80) and its last key time', () => {
    expect(problem((s) => (s.keypad.buffer = '1'.repeat(81)))).toBe('the keypad buffer is malformed');
    expect(problem((s) => (s.keypad.buffer = '12#'))).toBe('the keypad buffer is malformed');
    expect(problem((s) => (s.keypad.buffer = 12))).toBe('the keypad buffer is malformed');
    expect(problem((s) => (s.keypad.lastKeyAt = T + 1))).toBe('keypad.lastKeyAt is malformed');
    expect(problem((s) => (s.keypad.lastKeyAt = -1))).toBe('keypad.lastKeyAt is malformed');
  });

  it('the keypad timer running exactly while digits are typed, and not yet run out (the region keypad.ts reads)', () => {
    // A timer with nothing typed was a boundary the advance could not pass (it hung); digits without
    // a timer were never cleared.
    expect(problem((s) => (s.keypad.lastKeyAt = T - 5))).toBe('keypad.lastKeyAt must be set exactly while digits are typed');
    expect(problem((s) => (s.keypad.buffer = '12'))).toBe('keypad.lastKeyAt must be set exactly while digits are typed');
    // Typed at T - 19: the timeout (20 s) is still to come; at T - 20 it has come, and would have cleared them.
    expect(problem((s) => Object.assign(s.keypad, { buffer: '12', lastKeyAt: T - 19 }))).toBeNull();
    expect(problem((s) => Object.assign(s.keypad, { buffer: '12', lastKeyAt: T - 20 }))).toBe('the typed digits are past the inter-key timeout');
  });

  it('a disable reason exactly while the supply is disabled (the region supply.ts reads)', () => {
    expect(problem((s) => Object.assign(s, { supply: 'disabled', disableReason: null }))).toBe('disableReason must be given exactly while the supply is disabled');
    expect(problem((s) => Object.assign(s, { supply: 'armed', disableReason: 'credit' }))).toBe('disableReason must be given exactly while the supply is disabled');
  });

  it('the EC balance and the display message', () => {
    expect(problem((s) => (s.emergencyCredit.balance = -1))).toBe('the emergency credit balance is malformed');
    expect(problem((s) => (s.message = 'M'.repeat(201)))).toBe('the display message is malformed');
    expect(problem((s) => (s.message = null))).toBe('the display message is malformed');
  });

  it('the commissioned configuration: its shape, its debt terms, and its own rules', () => {
    expect(problem((s) => (s.commissioned = null))).toBe('the commissioned configuration is malformed');
    expect(problem((s) => delete s.commissioned.debtTerms)).toBe('the commissioned configuration is malformed');
    expect(problem((s) => (s.commissioned.debtTerms.timeDebt = {}))).toBe('the commissioned configuration is malformed');
    const terms = 'the commissioned debt terms are malformed';
    expect(problem((s) => s.commissioned.debtTerms.timeDebt.pop())).toBe(terms);
    expect(problem((s) => (s.commissioned.debtTerms.timeDebt[1].rate = -1))).toBe(terms);
    expect(problem((s) => (s.commissioned.debtTerms.timeDebt[0].period = 'monthly'))).toBe(terms);
    expect(problem((s) => (s.commissioned.debtTerms.timeDebt[0] = null))).toBe(terms);
    expect(problem((s) => (s.commissioned.debtTerms.paymentDebtRateBp = 10_001))).toBe('the commissioned payment debt rate is malformed');
    expect(problem((s) => (s.commissioned.config.emergencyCreditLimit = -1))).toMatch(/^the commissioned configuration: .*emergencyCreditLimit/);
    expect(problem((s) => (s.commissioned.tariff.prices = ['x']))).toMatch(/^the commissioned configuration: /);
  });

  it('a state whose read-out does not commission back to it', () => {
    // A disabled TOU slot has days mask 0 (commissioning clears it): one with a mask is no state the
    // firmware makes, though each field is in range.
    expect(problem((s) => (s.tariff.touSwitch[0].daysMask = 3))).toBe('the state does not survive its own configuration rules');
    // Each configured part is compared after the round trip: a key the firmware never writes, or an ID
    // in letters commissioning would have upper-cased, is no state it makes.
    const survive = 'the state does not survive its own configuration rules';
    expect(problem((s) => (s.keys.originatorId = s.keys.originatorId.toLowerCase()))).toBe(survive);
    expect(problem((s) => (s.config.spare = 1))).toBe(survive);
    expect(problem((s) => (s.timeDebt[0].spare = 1))).toBe(survive);
    expect(problem((s) => (s.calendars.friendlyCredit[0].spare = 1))).toBe(survive);
    expect(problem((s) => (s.han.spare = 1))).toBe(survive);
    expect(problem((s) => (s.ppmid.spare = 1))).toBe(survive);
    // The read-out goes through commissioning: its messages name the field.
    expect(problem((s) => (s.emergencyCredit.state = 'bogus'))).toBe('meter.emergencyCredit.state: expected one of unavailable, available, active, exhausted, got "bogus"');
    // A structure the checks walk into.
    expect(problem((s) => (s.han = null))).toBe("the meter state is malformed (Cannot read properties of null (reading 'devices'))");
  });

  it('keeps the state it checks as it was', () => {
    const s = stored();
    const before = JSON.stringify(s);
    meterStateProblem(s as unknown as MeterState);
    expect(JSON.stringify(s)).toBe(before);
  });
});
