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

  it('an hourly debt register at 0, or at rate 0, adds nothing', () => {
    for (const debt of [{ amount: 0, rate: 10, period: 'hourly' }, { amount: 10, rate: 0, period: 'hourly' }]) {
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
    s.tariff.pending.push({ element: 0, price: 30_000, at: at('2026-02-02T18:00:00Z') });
    // 18:00 price, Tuesday 00:00, Tuesday 10:00 switch, target Tuesday 12:00
    expect(advanceTo(s, at('2026-02-03T12:00:00Z'))).toBe(4);
    expect(s.tariff.prices[0]).toBe(30_000);
  });

  it('a keypad entry clears 20 s after the last key, as one stop', () => {
    const s = meterState({ meterBalance: 1_000_000 }, at('2026-02-02T12:00:00Z'));
    s.keypad.buffer = '123';
    s.keypad.lastKeyAt = s.time - 5;
    expect(advanceTo(s, at('2026-02-02T12:01:00Z'))).toBe(2); // 12:00:15, target
    expect(s.keypad.buffer).toBe('');
    expect(s.keypad.lastKeyAt).toBeNull();
  });

  it('lockouts and the join window expire at their instant (clarifications 6), each a stop', () => {
    const s = meterState({ meterBalance: 1_000_000 }, at('2026-02-02T12:00:00Z'));
    s.keypad.lockedUntil = at('2026-02-02T12:10:00Z');
    s.ppmid.lockedUntil = at('2026-02-02T12:20:00Z');
    s.han.joinWindow = { until: at('2026-02-02T12:30:00Z'), deviceClass: 'ihd' };
    expect(advanceTo(s, at('2026-02-02T12:20:00Z'))).toBe(2);
    expect(s.keypad.lockedUntil).toBeNull();
    expect(s.ppmid.lockedUntil).toBeNull();
    expect(s.han.joinWindow).not.toBeNull();
    expect(advanceTo(s, at('2026-02-02T13:00:00Z'))).toBe(2);
    expect(s.han.joinWindow).toBeNull();
  });
});
