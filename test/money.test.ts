import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { energyCost, formatPounds, secondsUntilCharged } from '../firmware/money.js';

describe('money (prepayment.md 1)', () => {
  it('energy cost is floor((price x J + remainder) / 3.6e6) with the rest carried, in both number ranges', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 24 - 1 }), fc.integer({ min: 0, max: 2 ** 45 }), fc.integer({ min: 0, max: 3_599_999 }), (price, j, rem) => {
        const total = BigInt(price) * BigInt(j) + BigInt(rem);
        expect(energyCost(price, j, rem)).toEqual({ chargeMp: Number(total / 3_600_000n), remainder: Number(total % 3_600_000n) });
      }),
      { numRuns: 2000, seed: 3 },
    );
  });

  it('secondsUntilCharged is the least k with remainder + price x watts x k >= need x 3.6e6', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), fc.integer({ min: 1, max: 2 ** 24 - 1 }), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 3_599_999 }), (need, price, watts, rem) => {
        const k = BigInt(secondsUntilCharged(need, price, watts, rem));
        const target = BigInt(need) * 3_600_000n;
        const at = (n: bigint) => BigInt(rem) + BigInt(price) * BigInt(watts) * n;
        expect(at(k) >= target).toBe(true);
        if (k > 0n) expect(at(k - 1n) < target).toBe(true);
      }),
      { numRuns: 2000, seed: 4 },
    );
  });

  it('secondsUntilCharged at the edges: an exact multiple, nothing needed, and past 2^53', () => {
    // 1,000 mp/kWh x 3,600 W = 3,600,000 mp.J/kWh a second, exactly 1 mp: 1 s, not 2.
    expect(secondsUntilCharged(1, 1_000, 3_600, 0)).toBe(1);
    // 5 mp need 18,000,000; a remainder of 3,599,999 leaves 14,400,001 at 3,600,000 a second: 5 s.
    expect(secondsUntilCharged(5, 1_000, 3_600, 3_599_999)).toBe(5);
    // Nothing needed: 0 s, even with a remainder carried (0 x 3.6e6 - 5 < 0).
    expect(secondsUntilCharged(0, 1, 1, 5)).toBe(0);
    // 2^32 mp x 3.6e6 - 3 = 15,461,882,265,599,997, odd and past 2^53, so a double rounds it to
    // ...596 (a multiple of 4); at 4 a second the answer is ceil(.../4) = 3,865,470,566,400,000.
    expect(secondsUntilCharged(2 ** 32, 1, 4, 3)).toBe(3_865_470_566_400_000);
    // An exact multiple past 2^53: 2^32 x 3.6e6 / 4 = 3,865,470,566,400,000 s, not one more.
    expect(secondsUntilCharged(2 ** 32, 1, 4, 0)).toBe(3_865_470_566_400_000);
    // £36 = 3,600,000 mp at 1 mp a second (1,000 mp/kWh x 3,600 W): 3,600,000 s.
    expect(secondsUntilCharged(3_600_000, 1_000, 3_600, 0)).toBe(3_600_000);
  });

  it('displays pounds truncated toward zero', () => {
    expect(formatPounds(1_234_560)).toBe('£12.34');
    expect(formatPounds(-4)).toBe('£0.00'); // -0.004p truncates to 0p, which has no sign
    expect(formatPounds(-999)).toBe('£0.00');
    expect(formatPounds(-1000)).toBe('-£0.01');
    expect(formatPounds(0)).toBe('£0.00');
    expect(formatPounds(999)).toBe('£0.00');
    expect(formatPounds(50_000_000)).toBe('£500.00');
    expect(formatPounds(-150_000)).toBe('-£1.50');
  });
});
