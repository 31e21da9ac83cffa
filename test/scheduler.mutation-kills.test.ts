// The timeline's scheduler (firmware/timeline.ts) at the edges the region and section tests step
// over: an instant at or before now is never a stop (time could not pass it), and what is due then
// waits for the next real boundary; a stop that is no boundary (the target) processes none.
// 2026-02-02 is a Monday; in February GB local time is UTC, so the next boundary after 12:00 with
// no debts, locks or windows is the standing charge's midnight.
import { describe, expect, it } from 'vitest';
import { parseIso } from '../firmware/clock.js';
import type { MeterState } from '../firmware/state.js';
import { advanceTo, nextBoundary } from '../firmware/timeline.js';
import { meterState } from './helpers.js';

const at = (iso: string) => parseIso(iso)!;
const NOON = at('2026-02-02T12:00:00Z');
const MIDNIGHT = at('2026-02-03T00:00:00Z');

describe('an instant at or before now is never a stop', () => {
  // A price change left pending at or before now (commissioning applies such a change, so only a
  // draft built in process holds one): were it a stop, time would run back to it.
  for (const [what, due] of [
    ['an hour ago', at('2026-02-02T11:00:00Z')],
    ['exactly now', NOON],
  ] as const) {
    it(`a pending price due ${what}: the next boundary is midnight, and an advance makes one stop`, () => {
      const s: MeterState = meterState({ meterBalance: 1_000_000 }, NOON);
      s.tariff = { ...s.tariff, pending: [{ element: 0, price: 12_000, at: due }] };
      expect(nextBoundary(s)).toBe(MIDNIGHT);
      expect(advanceTo(s, at('2026-02-02T12:01:00Z'))).toBe(1);
      expect(s.time).toBe(at('2026-02-02T12:01:00Z'));
    });
  }
});

describe('a stop that is no boundary processes none', () => {
  it('a lock that ended before the reset lifts at the next boundary, not at the target of an advance', () => {
    // keypad.ts: a lock configured to end in the past is not in force and lifts at the next boundary.
    const s = meterState({ meterBalance: 1_000_000, keypad: { lockedUntil: '2026-02-02T11:00:00Z' } }, NOON);
    expect(advanceTo(s, at('2026-02-02T12:01:00Z'))).toBe(1);
    expect(s.keypad.lockedUntil).toBe(at('2026-02-02T11:00:00Z'));
    // midnight, then the target
    expect(advanceTo(s, at('2026-02-03T00:00:01Z'))).toBe(2);
    expect(s.keypad.lockedUntil).toBeNull();
  });
});
