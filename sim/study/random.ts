// Keyed randomness for the study: every draw is a pure function of (seed, meter, stream, k), so a
// meter's household, weather and deliveries are the same in both arms, on any worker and any shard.
import { rng } from '../rng.js';

/** A 32-bit mix of the key (murmur3's finaliser over each part). */
export function mix(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0 || 1;
}

/** A stream of uniforms in [0, 1) for one key. */
export const stream = (...key: number[]) => rng(mix(...key));

/** One uniform in [0, 1) for one key. */
export const uniform = (...key: number[]) => stream(...key)();

/** Exponential with the given mean. */
export const exponential = (u: number, mean: number) => -mean * Math.log(1 - u);

/** Lognormal with the given median and sigma, from two uniforms (Box-Muller). */
export function lognormal(u1: number, u2: number, median: number, sigma: number): number {
  const z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  return median * Math.exp(sigma * z);
}

/** Streams of one meter. */
export const STREAM = { site: 1, household: 2, behaviour: 3, delivery: 4 } as const;
