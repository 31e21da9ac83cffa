// Event-driven time at its edges (prepayment.md section 1, clarifications 1 and 6): expiries that fall
// on or before the instant a meter was reset, boundaries that must leave a lock or a half-typed entry
// alone, and states in which no threshold can be crossed (so an advance must not stop every second).
// 2026-02-02 is a Monday; in February GB local time is UTC.
import { describe, expect, it } from 'vitest';
import { parseIso } from '../firmware/clock.js';
import { pressKeys } from '../firmware/meter.js';
import { advanceTo } from '../firmware/timeline.js';
import { meterState } from './helpers.js';

const at = (iso: string) => parseIso(iso)!;

describe('expiries on or before the reset instant are not boundaries of the advance', () => {
  // A reset at local midnight with a lock or window ending at that same instant: the lock has ended
  // (clarifications 6: now >= until), and the midnight on the reset instant is not processed
  // (clarifications 1), so nothing may stop there and charge the day's standing charge.
  const midnight = '2026-02-03T00:00:00Z';
  const ending = {
    keypadLock: { keypad: { lockedUntil: midnight } },
    ppmidLock: { ppmid: { lockedUntil: midnight } },
    joinWindow: { han: { joinWindow: { until: midnight, deviceClass: 'any' } } },
  };
  for (const [what, meter] of Object.entries(ending)) {
    it(`a ${what} ending exactly at a midnight reset: no stop there, no standing charge`, () => {
      const s = meterState({ meterBalance: 1_000_000, ...meter }, at(midnight));
      // one stop, the target; the next midnight (2026-02-04) is beyond it
      expect(advanceTo(s, at('2026-02-03T00:01:00Z'))).toBe(1);
      // default standing charge is 60,000 mp/day, charged only at a midnight the advance crosses
      expect(s.meterBalance).toBe(1_000_000);
    });
  }

  it('a lock that ended an hour before the reset is not revisited: time never runs backwards', () => {
    const s = meterState(
      { meterBalance: 1_000_000, tariff: { prices: [36_000], standingCharge: 0 }, keypad: { lockedUntil: '2026-02-02T11:00:00Z' }, ppmid: { lockedUntil: '2026-02-02T11:30:00Z' } },
      at('2026-02-02T12:00:00Z'),
    );
    s.loadW = 1000;
    expect(advanceTo(s, at('2026-02-02T12:01:00Z'))).toBe(1);
    expect(s.time).toBe(at('2026-02-02T12:01:00Z'));
    // 36,000 mp/kWh x 1 kW x 60 s = 36,000 x 60,000 / 3,600,000 = 600 mp
    expect(s.meterBalance).toBe(1_000_000 - 600);
    expect(s.energy.importJ).toBe(60_000);
  });
});

describe('other boundaries leave a running lock and a half-typed entry alone', () => {
  it('keypad and PPMID locks survive the midnight before their end and end exactly at it', () => {
    const s = meterState(
      { meterBalance: 1_000_000, keypad: { lockedUntil: '2026-02-03T00:30:00Z' }, ppmid: { lockedUntil: '2026-02-03T00:30:00Z' } },
      at('2026-02-02T23:30:00Z'),
    );
    expect(advanceTo(s, at('2026-02-03T00:15:00Z'))).toBe(2); // midnight, target
    // the midnight was processed: one standing charge of 60,000 mp
    expect(s.meterBalance).toBe(940_000);
    expect(s.keypad.lockedUntil).toBe(at('2026-02-03T00:30:00Z'));
    expect(s.ppmid.lockedUntil).toBe(at('2026-02-03T00:30:00Z'));
    advanceTo(s, at('2026-02-03T00:30:00Z'));
    expect(s.keypad.lockedUntil).toBeNull();
    expect(s.ppmid.lockedUntil).toBeNull();
  });

  it('a join window survives an earlier lock expiry and ends exactly at its own instant', () => {
    const s = meterState(
      { meterBalance: 1_000_000, keypad: { lockedUntil: '2026-02-02T12:10:00Z' }, han: { joinWindow: { until: '2026-02-02T12:20:00Z', deviceClass: 'ihd' } } },
      at('2026-02-02T12:00:00Z'),
    );
    expect(advanceTo(s, at('2026-02-02T12:15:00Z'))).toBe(2); // lock end, target
    expect(s.keypad.lockedUntil).toBeNull();
    expect(s.han.joinWindow).toEqual({ until: at('2026-02-02T12:20:00Z'), deviceClass: 'ihd' });
    advanceTo(s, at('2026-02-02T12:20:00Z'));
    expect(s.han.joinWindow).toBeNull();
  });

  it('digits typed 10 s before midnight are still there 5 s after it, and clear 20 s after the last key', () => {
    const s0 = meterState({ meterBalance: 1_000_000 }, at('2026-02-02T23:59:50Z'));
    const s = pressKeys(s0, '123').state;
    expect(advanceTo(s, at('2026-02-03T00:00:05Z'))).toBe(2); // midnight, target
    expect(s.keypad.buffer).toBe('123');
    // 23:59:50 + 20 s = 00:00:10 (clarifications 6)
    expect(advanceTo(s, at('2026-02-03T00:00:10Z'))).toBe(1);
    expect(s.keypad.buffer).toBe('');
  });
});

describe('no threshold ahead: an advance under load makes no extra stops', () => {
  // Monday's friendly-credit period (00:00 to 00:00 the next day: 24 h, clarifications 25) defers
  // disablement. Balance -50,000: below the low-credit (200,000), EC (100,000) and disablement (0)
  // thresholds already, EC available (a reset evaluates section 4) and not active, so no condition
  // of section 4 can change by charging more: the only stop before 13:00 is 13:00 itself.
  it('EC available, supply still enabled in a friendly-credit period: one stop for an hour of load', () => {
    const s = meterState(
      {
        meterBalance: -50_000,
        config: { emergencyCreditLimit: 20_000 },
        tariff: { prices: [36_000], standingCharge: 0 },
        calendars: { friendlyCredit: [{ enabled: true, daysMask: 1, startMinute: 0, endMinute: 0 }] },
      },
      at('2026-02-02T12:00:00Z'),
    );
    expect(s.emergencyCredit).toEqual({ state: 'available', balance: 20_000 });
    expect(s.supply).toBe('enabled');
    s.loadW = 1000;
    expect(advanceTo(s, at('2026-02-02T13:00:00Z'))).toBe(1);
    // 3,600 s x 10 mp/s (36,000 mp/kWh at 1 kW) = 36,000 mp
    expect(s.meterBalance).toBe(-86_000);
    expect(s.supply).toBe('enabled');
  });

  it('EC active with the meter balance above the EC threshold (a SetCredit while in EC): its fall below it is no stop', () => {
    // credit = 150,000 + 1,000,000 = 1,150,000 mp. Ahead: low credit after 950,001 mp, EC exhausted
    // after 1,150,000, disablement after 1,150,001; two hours at 10 mp/s charge 72,000: no crossing.
    // The meter balance passes the EC threshold (100,000) after 50,001 mp, which changes nothing for
    // EC that is already active (section 4).
    const s = meterState(
      { meterBalance: 150_000, emergencyCredit: { state: 'active' }, tariff: { prices: [36_000], standingCharge: 0 } },
      at('2026-02-02T12:00:00Z'),
    );
    expect(s.emergencyCredit).toEqual({ state: 'active', balance: 1_000_000 });
    s.loadW = 1000;
    expect(advanceTo(s, at('2026-02-02T14:00:00Z'))).toBe(1);
    expect(s.meterBalance).toBe(150_000 - 72_000);
    expect(s.emergencyCredit).toEqual({ state: 'active', balance: 1_000_000 });
  });

  it('EC exhausted with part of it repaid: charging cannot change its state, one stop', () => {
    const s = meterState(
      {
        meterBalance: -50_000,
        emergencyCredit: { state: 'exhausted', balance: 5_000 },
        tariff: { prices: [36_000], standingCharge: 0 },
        calendars: { friendlyCredit: [{ enabled: true, daysMask: 1, startMinute: 0, endMinute: 0 }] },
      },
      at('2026-02-02T12:00:00Z'),
    );
    expect(s.emergencyCredit).toEqual({ state: 'exhausted', balance: 5_000 });
    s.loadW = 1000;
    expect(advanceTo(s, at('2026-02-02T13:00:00Z'))).toBe(1);
    expect(s.meterBalance).toBe(-86_000);
    expect(s.emergencyCredit).toEqual({ state: 'exhausted', balance: 5_000 });
  });
});
