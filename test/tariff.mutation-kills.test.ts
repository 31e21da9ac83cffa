// Prices, TOU switching and pending price changes at their edges (prepayment.md sections 3 and 6,
// clarifications 5 and 21), in process. 2026-02-02 is a Monday; in February GB local time is UTC.
import { describe, expect, it } from 'vitest';
import { parseIso } from '../firmware/clock.js';
import { activeRate, nextPriceActivation, nextTouSwitch, schedulePrice } from '../firmware/tariff.js';
import { advanceTo } from '../firmware/timeline.js';
import { meterState } from './helpers.js';

const at = (iso: string) => parseIso(iso)!;
const on = (daysMask: number, startMinute: number, rate: number) => ({ enabled: true, daysMask, startMinute, rate });

describe('the active rate and the next TOU switch', () => {
  it('an enabled entry that never occurs (daysMask 0) never takes the rate, wherever its slot', () => {
    // slot 0 every day 00:00 rate 2; slot 1 enabled with no day: only slot 0 has an occurrence
    const s = meterState({ tariff: { touSwitch: [on(127, 0, 2), on(0, 60, 3)] } }, at('2026-02-02T12:00:00Z'));
    expect(activeRate(s.tariff, s.time)).toBe(2);
  });

  it('the next switch is the earliest of all entries, in either slot order', () => {
    const t = at('2026-02-02T08:00:00Z');
    for (const touSwitch of [[on(127, 600, 2), on(127, 1200, 3)], [on(127, 1200, 3), on(127, 600, 2)]]) {
      const s = meterState({ tariff: { touSwitch } }, t);
      expect(nextTouSwitch(s.tariff, t)).toBe(at('2026-02-02T10:00:00Z'));
    }
  });

  it('a load across a switch pays each rate for its own hours', () => {
    // rate 1 36,000 mp/kWh (10 mp/s at 1 kW) until 10:00, rate 2 72,000 (20 mp/s) from 10:00;
    // slot 1 (20:00, rate 3) is later. 08:00..12:00: 7,200 s x 10 + 7,200 s x 20 = 216,000 mp.
    const s = meterState(
      { meterBalance: 1_000_000, tariff: { prices: [36_000, 72_000, 1_000], standingCharge: 0, touSwitch: [on(127, 0, 1), on(127, 600, 2), on(127, 1200, 3)] } },
      at('2026-02-02T08:00:00Z'),
    );
    s.loadW = 1000;
    advanceTo(s, at('2026-02-02T12:00:00Z'));
    expect(s.meterBalance).toBe(1_000_000 - 216_000);
  });
});

describe('pending price changes', () => {
  const pending = [
    { element: 0, price: 72_000, at: '2026-02-02T10:00:00Z' },
    { element: 1, price: 50_000, at: '2026-02-02T11:00:00Z' },
  ];

  it('the next activation is the earliest pending one', () => {
    const s = meterState({ tariff: { pending } }, at('2026-02-02T09:00:00Z'));
    expect(nextPriceActivation(s.tariff)).toBe(at('2026-02-02T10:00:00Z'));
  });

  it('each change applies exactly at its instant; a later one stays pending until then', () => {
    const s = meterState({ meterBalance: 1_000_000, tariff: { prices: [36_000], standingCharge: 0, pending } }, at('2026-02-02T09:00:00Z'));
    s.loadW = 1000;
    advanceTo(s, at('2026-02-02T10:30:00Z'));
    expect(s.tariff.prices.slice(0, 2)).toEqual([72_000, 24_500]);
    expect(s.tariff.pending).toEqual([{ element: 1, price: 50_000, at: at('2026-02-02T11:00:00Z') }]);
    // energy: 09:00..10:00 at 36,000 (10 mp/s) = 36,000; 10:00..10:30 at 72,000 (20 mp/s) = 36,000
    expect(s.meterBalance).toBe(1_000_000 - 72_000);
    advanceTo(s, at('2026-02-02T11:00:00Z'));
    expect(s.tariff.prices[1]).toBe(50_000);
    expect(s.tariff.pending).toEqual([]);
    // 10:30..11:00 at 72,000: 1,800 s x 20 = 36,000
    expect(s.meterBalance).toBe(1_000_000 - 108_000);
  });

  it('ChangePrice keeps later changes in activation, then element, order', () => {
    const s = meterState({}, at('2026-02-02T12:00:00Z'));
    schedulePrice(s, 7, 70_000, at('2026-02-02T14:00:00Z'));
    schedulePrice(s, 5, 50_000, at('2026-02-02T14:00:00Z'));
    schedulePrice(s, 3, 30_000, at('2026-02-02T14:00:00Z'));
    schedulePrice(s, 8, 80_000, at('2026-02-02T13:00:00Z'));
    expect(s.tariff.pending.map((p) => [p.element, p.at])).toEqual([
      [8, at('2026-02-02T13:00:00Z')],
      [3, at('2026-02-02T14:00:00Z')],
      [5, at('2026-02-02T14:00:00Z')],
      [7, at('2026-02-02T14:00:00Z')],
    ]);
  });

  it('an accepted change cancels the pending change for its element only (section 6)', () => {
    const s = meterState({ tariff: { pending: [...pending, { element: 8, price: 1, at: '2026-02-02T13:00:00Z' }] } }, at('2026-02-02T09:00:00Z'));
    // a later change for element 0 replaces its 10:00 one
    schedulePrice(s, 0, 60_000, at('2026-02-02T12:00:00Z'));
    // a change at or before now applies now and cancels the pending standing charge
    schedulePrice(s, 8, 55_000, at('2026-02-02T08:59:00Z'));
    expect(s.tariff.standingCharge).toBe(55_000);
    expect(s.tariff.pending).toEqual([
      { element: 1, price: 50_000, at: at('2026-02-02T11:00:00Z') },
      { element: 0, price: 60_000, at: at('2026-02-02T12:00:00Z') },
    ]);
  });
});
