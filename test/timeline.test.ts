// Event-driven time (prepayment.md section 1): the model jumps from boundary to boundary and to the
// whole seconds where a balance crosses a threshold, so its cost (the stops advanceTo makes) counts
// boundaries and crossings, never seconds. 2026-02-02 is a Monday; in February local time is UTC.
import { describe, expect, it } from 'vitest';
import { parseIso } from '../firmware/clock.js';
import { advanceTo } from '../firmware/timeline.js';
import { meterState } from './helpers.js';

const at = (iso: string) => parseIso(iso)!;
const NO_STANDING = { standingCharge: 0 };

describe('advanceTo stops only where something happens', () => {
  it('a week with no load and no debts: the 7 midnights and the target', () => {
    const s = meterState({ meterBalance: 1_000_000 }, at('2026-02-02T12:00:00Z'));
    expect(advanceTo(s, at('2026-02-09T12:00:00Z'))).toBe(8);
    expect(s.meterBalance).toBe(1_000_000 - 7 * 60_000);
  });

  it('an hourly debt adds the hours: 24 a day, midnights included', () => {
    const s = meterState({ meterBalance: 1_000_000, timeDebt: [{ amount: 1_000_000, rate: 1, period: 'hourly' }] }, at('2026-02-02T12:00:00Z'));
    // 13:00 .. 12:00 the next day: 24 hourly instants, the last one the target
    expect(advanceTo(s, at('2026-02-03T12:00:00Z'))).toBe(24);
  });

  it('an hourly debt register at 0, or at rate 0, or a daily debt, adds no hourly stops', () => {
    for (const debt of [{ amount: 0, rate: 10, period: 'hourly' }, { amount: 10, rate: 0, period: 'hourly' }, { amount: 10, rate: 10, period: 'daily' }]) {
      const s = meterState({ meterBalance: 1_000_000, timeDebt: [debt] }, at('2026-02-02T12:00:00Z'));
      expect(advanceTo(s, at('2026-02-03T12:00:00Z'))).toBe(2); // midnight, target
    }
  });

  it('a constant load adds one stop per threshold crossed', () => {
    // 36,000 mp/kWh at 1 kW = 10 mp/s. From 250,000: low credit (200,000) after 50,001 mp,
    // EC available (100,000) after 150,001, disablement (0) after 250,001.
    const s = meterState({ meterBalance: 250_000, tariff: { prices: [36_000], ...NO_STANDING } }, at('2026-02-02T08:00:00Z'));
    s.loadW = 1000;
    // crossings at +5,001 s, +15,001 s, +25,001 s (disabled: no more import), then midnight, target
    expect(advanceTo(s, at('2026-02-03T08:00:00Z'))).toBe(5);
    expect(s.supply).toBe('disabled');
    // 25,001 s x 10 mp = 250,010 mp: the balance stops at -10
    expect(s.meterBalance).toBe(-10);
  });

  it('a pending price and a weekly TOU switch are stops; a TOU entry that never occurs is not', () => {
    const s = meterState(
      { meterBalance: 1_000_000, tariff: { touSwitch: [{ enabled: true, daysMask: 2, startMinute: 600, rate: 2 }, { enabled: true, daysMask: 0, startMinute: 60, rate: 3 }] } },
      at('2026-02-02T12:00:00Z'),
    );
    s.tariff = { ...s.tariff, pending: [{ element: 0, price: 30_000, at: at('2026-02-02T18:00:00Z') }] };
    // 18:00 price, Tuesday 00:00, Tuesday 10:00 switch, target Tuesday 12:00
    expect(advanceTo(s, at('2026-02-03T12:00:00Z'))).toBe(4);
    expect(s.tariff.prices[0]).toBe(30_000);
  });

  it('a keypad entry clears 20 s after the last key, as one stop', () => {
    const s = meterState({ meterBalance: 1_000_000 }, at('2026-02-02T12:00:00Z'));
    s.keypad = { ...s.keypad, buffer: '123', lastKeyAt: s.time - 5 };
    expect(advanceTo(s, at('2026-02-02T12:01:00Z'))).toBe(2); // 12:00:15, target
    expect(s.keypad.buffer).toBe('');
    expect(s.keypad.lastKeyAt).toBeNull();
  });

  it('a section instant at or before now is not a stop: an advance over a stale keypad timer returns', () => {
    // A state no input makes (digits gone, the timer left from 30 s ago): its timeout, 11:59:50, is
    // in the past, so it cannot be a stop (time ran backwards to it, or the advance hung); the
    // advance makes one stop, its target.
    const s = meterState({ meterBalance: 1_000_000 }, at('2026-02-02T12:00:00Z'));
    s.keypad = { ...s.keypad, lastKeyAt: at('2026-02-02T11:59:30Z') };
    expect(advanceTo(s, at('2026-02-02T12:01:00Z'))).toBe(1);
    expect(s.time).toBe(at('2026-02-02T12:01:00Z'));
  });

  it('lockouts and the join window expire at their instant (clarifications 6), each a stop', () => {
    const s = meterState({ meterBalance: 1_000_000 }, at('2026-02-02T12:00:00Z'));
    s.keypad = { ...s.keypad, lockedUntil: at('2026-02-02T12:10:00Z') };
    s.ppmid = { ...s.ppmid, lockedUntil: at('2026-02-02T12:20:00Z') };
    s.han = { joinWindow: { until: at('2026-02-02T12:30:00Z'), deviceClass: 'ihd' }, devices: [] };
    expect(advanceTo(s, at('2026-02-02T12:15:00Z'))).toBe(2); // 12:10, target
    expect(s.keypad.lockedUntil).toBeNull();
    expect(s.ppmid.lockedUntil).toBe(at('2026-02-02T12:20:00Z'));
    expect(advanceTo(s, at('2026-02-02T12:25:00Z'))).toBe(2); // 12:20, target
    expect(s.ppmid.lockedUntil).toBeNull();
    expect(s.han.joinWindow).not.toBeNull();
    expect(advanceTo(s, at('2026-02-02T13:00:00Z'))).toBe(2); // 12:30, target
    expect(s.han.joinWindow).toBeNull();
  });

  it('a half-typed entry survives a boundary before its 20 s are up', () => {
    const s = meterState({ meterBalance: 1_000_000 }, at('2026-02-02T12:00:00Z'));
    s.keypad = { ...s.keypad, buffer: '123', lastKeyAt: s.time, lockedUntil: at('2026-02-02T12:00:10Z') };
    expect(advanceTo(s, at('2026-02-02T12:00:15Z'))).toBe(2); // 12:00:10, target
    expect(s.keypad.buffer).toBe('123');
    expect(advanceTo(s, at('2026-02-02T12:00:20Z'))).toBe(1);
    expect(s.keypad.buffer).toBe('');
  });

  it('calendar edges are stops only while a disablement waits on them', () => {
    const calendars = { friendlyCredit: [{ enabled: true, daysMask: 127, startMinute: 780, endMinute: 900 }] }; // 13:00-15:00
    const s = meterState({ meterBalance: 1_000_000, calendars }, at('2026-02-02T12:00:00Z'));
    expect(advanceTo(s, at('2026-02-02T18:00:00Z'))).toBe(1);
    const deferred = meterState({ meterBalance: -1, calendars }, at('2026-02-02T14:00:00Z'));
    expect(deferred.supply).toBe('enabled');
    expect(advanceTo(deferred, at('2026-02-02T18:00:00Z'))).toBe(2); // 15:00, target
    expect(deferred.supply).toBe('disabled');
  });

  it('with active EC and a positive balance, EC runs out only after the balance and the EC balance', () => {
    // 10 mp/s; balance 50,000, EC active at a 10,000 limit: exhausted after 60,000 mp = 6,000 s
    // (09:40:00), so an hour is one stop.
    const s = meterState({ meterBalance: 50_000, config: { emergencyCreditLimit: 10_000 }, tariff: { prices: [36_000], ...NO_STANDING } }, at('2026-02-02T08:00:00Z'));
    s.emergencyCredit.state = 'active';
    s.loadW = 1000;
    expect(advanceTo(s, at('2026-02-02T09:00:00Z'))).toBe(1);
    expect(s.meterBalance).toBe(14_000); // 50,000 - 36,000
    // 09:40:00 exhausted; 09:40:01 the balance is -10, below the disablement threshold; the target
    expect(advanceTo(s, at('2026-02-02T10:00:00Z'))).toBe(3);
    expect(s.events.filter((e) => e.name === 'emergencyCreditExhausted').map((e) => e.time)).toEqual([at('2026-02-02T09:40:00Z')]);
  });
});

describe('threshold crossings under load are stamped at the first whole second they hold', () => {
  const tenMpPerSecond = (meter: Record<string, unknown>) => {
    const s = meterState({ tariff: { prices: [36_000], ...NO_STANDING }, ...meter }, at('2026-02-02T08:00:00Z'));
    s.loadW = 1000;
    return s;
  };
  const eventTimes = (s: any, name: string) => s.events.filter((e: any) => e.name === name).map((e: any) => e.time - at('2026-02-02T08:00:00Z'));

  it('credit exactly at the low-credit threshold crosses after 1 mp: at +1 s', () => {
    const s = tenMpPerSecond({ meterBalance: 200_000 });
    advanceTo(s, at('2026-02-02T08:01:00Z'));
    expect(eventTimes(s, 'lowCredit')).toEqual([1]);
  });

  it('a balance exactly at the EC threshold makes EC available after 1 mp: at +1 s', () => {
    const s = tenMpPerSecond({ meterBalance: 100_000, config: { lowCreditThreshold: 0 } });
    advanceTo(s, at('2026-02-02T08:01:00Z'));
    expect(eventTimes(s, 'emergencyCreditAvailable')).toEqual([1]);
  });

  it('a positive disablement threshold: disabled once credit is below it', () => {
    // threshold 50,000, balance 60,000 (EC already available, low credit already below): 10,001 mp
    // -> 1,001 s
    const s = tenMpPerSecond({ meterBalance: 60_000, config: { disablementThreshold: 50_000 } });
    advanceTo(s, at('2026-02-02T09:00:00Z'));
    expect(eventTimes(s, 'supplyDisabled')).toEqual([1001]);
    expect(s.meterBalance).toBe(49_990);
  });

  it('a negative disablement threshold lets the balance run below 0 first', () => {
    // threshold -50,000, balance 60,000: 110,001 mp -> 11,001 s
    const s = tenMpPerSecond({ meterBalance: 60_000, config: { disablementThreshold: -50_000 } });
    advanceTo(s, at('2026-02-02T12:00:00Z'));
    expect(eventTimes(s, 'supplyDisabled')).toEqual([11_001]);
  });

  it('a crossing 1 s before a midnight at half a milli-penny a second is still found', () => {
    // 1,800 mp/kWh x 1,000 W = 0.5 mp/s. From 23:59:47 with 200,005: 6 mp take 12 s, so low credit
    // at 23:59:59, one second before the midnight boundary (13 s charge 6.5 mp at most).
    const s = meterState({ meterBalance: 200_005, tariff: { prices: [1_800], ...NO_STANDING } }, at('2026-02-02T23:59:47Z'));
    s.loadW = 1000;
    advanceTo(s, at('2026-02-03T00:00:10Z'));
    expect(s.events.filter((e) => e.name === 'lowCredit').map((e) => e.time)).toEqual([at('2026-02-02T23:59:59Z')]);
  });
});
