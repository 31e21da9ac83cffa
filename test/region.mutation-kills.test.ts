// The region tables' runner (firmware/region.ts) and two users of it at edges the meter's own tables
// never reach: a `not` rule's own name and sense, an event a region has no row for, an over-full
// capped list, RevertToDefaults refilling a part-spent emergency credit (prepayment.md section 6),
// and the keypad's next boundary when one source's lock has already ended (tokens.md section 7.2).
import { describe, expect, it } from 'vitest';
import { insertCapped } from '../firmware/capped.js';
import { parseIso } from '../firmware/clock.js';
import { acceptedToken, KEYPAD, nextKeypadBoundary } from '../firmware/keypad.js';
import { not, rule, take, type Region } from '../firmware/region.js';
import type { MeterState } from '../firmware/state.js';
import { revertToDefaults, SCOPE } from '../firmware/tenancy.js';
import { advanceTo } from '../firmware/timeline.js';
import { meterState } from './helpers.js';

const at = (iso: string) => parseIso(iso)!;

describe('not', () => {
  it('is named and worded after the rule it negates, holds where it does not, and keeps it', () => {
    const positive = rule<number>('positive', 'the number is above 0', (_s, n) => n > 0);
    const r = not(positive);
    expect(r.name).toBe('not positive');
    expect(r.means).toBe('not: the number is above 0');
    expect(r.negates).toBe(positive);
    const s = meterState();
    expect(r.holds(s, 1)).toBe(false);
    expect(r.holds(s, 0)).toBe(true);
  });
});

describe('take', () => {
  // A two-state region with a row for `GO` only, its state kept in the meter's message field.
  const toy: Region<'a' | 'b', 'GO' | 'STAY'> = {
    name: 'toy',
    about: 'a test region',
    states: ['a', 'b'],
    get: (s) => (s.message === 'b' ? 'b' : 'a'),
    set: (s, to) => {
      s.message = to;
    },
    transitions: [{ on: 'GO', from: ['a'], to: 'b' }],
  };

  it('on an event the region has no row for: false, and nothing changes', () => {
    const s = meterState();
    const before = structuredClone(s);
    expect(take(toy, s, 'STAY', undefined)).toBe(false);
    expect(s).toEqual(before);
    expect(take(toy, s, 'GO', undefined)).toBe(true);
    expect(s.message).toBe('b');
  });
});

describe('a transition to the state the region is already in', () => {
  // The region's `set` is for a new state: a row from a state to itself only runs its effect. So the
  // parts a region replaces when they change (the keypad and lockouts, keypad.ts) stay shared with
  // the state before when nothing changes.
  it('does not call the region\'s set, but runs its effect', () => {
    const sets: string[] = [];
    let runs = 0;
    const loop: Region<'a' | 'b', 'STAY'> = {
      name: 'loop',
      about: 'a test region',
      states: ['a', 'b'],
      get: () => 'a',
      set: (_s, to) => void sets.push(to),
      transitions: [{ on: 'STAY', from: ['a'], to: 'a', do: { name: 'count', run: () => void runs++ } }],
    };
    expect(take(loop, meterState(), 'STAY', undefined)).toBe(true);
    expect(sets).toEqual([]);
    expect(runs).toBe(1);
  });

  it('an accepted token with no count or doubling to reset leaves each source\'s lockout the same object', () => {
    const s = meterState();
    const keypad = s.keypad;
    const ppmid = s.ppmid;
    acceptedToken(s, 'keypad');
    acceptedToken(s, 'ppmid');
    expect(s.keypad).toBe(keypad);
    expect(s.ppmid).toBe(ppmid);
  });

  it('# with nothing typed leaves the keypad the same object (idle to idle)', () => {
    const s = meterState();
    const keypad = s.keypad;
    expect(take(KEYPAD, s, 'SUBMIT', '#')).toBe(true);
    expect(s.keypad).toBe(keypad);
  });
});

describe('insertCapped', () => {
  it('a list already over its limit keeps only the newest `limit` entries, the front insert dropped', () => {
    // length 4, limit 2: 4 + 1 - 2 = 3 to drop from the front of [1,2,3,4,(9 at the front)]:
    // 9, 1 and 2 go, leaving [3, 4]
    expect(insertCapped([1, 2, 3, 4], 0, 9, 2)).toEqual([3, 4]);
  });
  it('an insert at the front of a full list leaves the list as it was, as a new array', () => {
    const list = [1, 2];
    const next = insertCapped(list, 0, 9, 2);
    expect(next).toEqual([1, 2]);
    expect(next).not.toBe(list);
  });
});

describe('RevertToDefaults balances scope', () => {
  it('returns a part-spent active emergency credit to unavailable at the limit', () => {
    // factory EC limit 10 pounds = 1,000,000 mp; 300,000 mp of it spent
    const s = meterState({ meterBalance: 0, emergencyCredit: { state: 'active', balance: 700_000 } });
    expect(s.emergencyCredit).toEqual({ state: 'active', balance: 700_000 });
    revertToDefaults(s, SCOPE.balances, 1, 0);
    expect(s.meterBalance).toBe(0);
    expect(s.emergencyCredit).toEqual({ state: 'unavailable', balance: 1_000_000 });
  });
});

describe("the keypad's next boundary with one lock already over", () => {
  // 12:00 now. A lock that ended at or before now is no boundary; the other source's lock, ending at
  // 12:30, is. With no other boundary before midnight, an advance to 12:31 stops at 12:30 and there.
  const cases: [string, string][] = [
    ['ended an hour ago', '2026-02-02T11:00:00Z'],
    ['ends exactly now', '2026-02-02T12:00:00Z'],
  ];
  for (const [what, keypadUntil] of cases) {
    it(`the keypad's lock ${what}: the PPMID's lock end is the boundary, and it lifts there`, () => {
      const s: MeterState = meterState(
        { meterBalance: 1_000_000, keypad: { lockedUntil: keypadUntil }, ppmid: { lockedUntil: '2026-02-02T12:30:00Z' } },
        at('2026-02-02T12:00:00Z'),
      );
      expect(nextKeypadBoundary(s)).toBe(at('2026-02-02T12:30:00Z'));
      expect(advanceTo(s, at('2026-02-02T12:31:00Z'))).toBe(2);
      expect(s.ppmid.lockedUntil).toBeNull();
      expect(s.keypad.lockedUntil).toBeNull();
    });
    it(`the same with the sources swapped (the PPMID's lock ${what})`, () => {
      const s: MeterState = meterState(
        { meterBalance: 1_000_000, ppmid: { lockedUntil: keypadUntil }, keypad: { lockedUntil: '2026-02-02T12:30:00Z' } },
        at('2026-02-02T12:00:00Z'),
      );
      expect(nextKeypadBoundary(s)).toBe(at('2026-02-02T12:30:00Z'));
    });
  }
});
