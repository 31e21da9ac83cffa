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

  it('displays pounds truncated toward zero', () => {
    expect(formatPounds(1_234_560)).toBe('£12.34');
    expect(formatPounds(-4)).toBe('£0.00'); // -0.004p truncates to 0p, which has no sign
    expect(formatPounds(-999)).toBe('£0.00');
    expect(formatPounds(-1000)).toBe('-£0.01');
    expect(formatPounds(-150_000)).toBe('-£1.50');
  });
});
