// Counter recovery and anti-replay (tokens.md section 7.1, GBCS Table 27 generalised to 10/16 bits).
import { insertCapped } from '../capped.js';
import { arr, int } from '../parse.js';
import type { Section } from '../section.js';

/** Counters remembered for anti-replay (tokens.md section 7.1). */
export const COUNTER_CACHE_SIZE = 100;

export interface CounterCacheSlice {
  /** the accepted counters, ascending, at most COUNTER_CACHE_SIZE; replaced, never changed in place */
  utrnCounters: number[];
  /** counters at or below it are Expired (RevertToDefaults raises it) */
  counterFloor: number;
}

const MAX_COUNTER = 0xffff_ffff;

/**
 * Full counter from its low `width` bits, given V, the highest accepted counter:
 * p = V mod 2^t, q = V - p; s = r + 2^t if r < p - 2^(t-1), r - 2^t if r > p + 2^(t-1), else r.
 */
export function recoverCounter(highest: number, truncated: number, width: number): number {
  const span = 2 ** width;
  const half = span / 2;
  const p = highest % span;
  const q = highest - p;
  const s = truncated < p - half ? truncated + span : truncated > p + half ? truncated - span : truncated;
  return q + s;
}

export type CounterVerdict = 'ok' | 'Duplicate' | 'Expired' | 'FormatError';

/** Duplicate if cached; Expired at or below counterFloor, or below a full cache's smallest entry. */
export function judgeCounter(cache: readonly number[], counterFloor: number, counter: number): CounterVerdict {
  if (counter > MAX_COUNTER) return 'FormatError';
  // The whole cache is searched, not only up to its highest entry: refusing a replay must not rest
  // on the cache being in order, however the state was made.
  if (cache.includes(counter)) return 'Duplicate';
  // A recovered counter below 0 is below any floor (counterFloor >= 0).
  if (counter <= counterFloor) return 'Expired';
  if (cache.length >= COUNTER_CACHE_SIZE && counter < cache[0]!) return 'Expired';
  return 'ok';
}

export function highestCounter(cache: readonly number[]): number {
  return cache.length === 0 ? 0 : cache[cache.length - 1]!;
}

/** The ascending cache with `counter` inserted, the smallest evicted when full: a new array. */
export function cacheCounter(cache: readonly number[], counter: number): number[] {
  let i = cache.length;
  while (i > 0 && cache[i - 1]! > counter) i--;
  return insertCapped(cache, i, counter, COUNTER_CACHE_SIZE);
}

export const COUNTER_CACHE: Section<keyof CounterCacheSlice, CounterCacheSlice> = {
  owns: ['utrnCounters', 'counterFloor'],
  factory: () => ({ utrnCounters: [], counterFloor: 0 }),
  configure: (s, m) => {
    if (m.counterFloor !== undefined) s.counterFloor = int(m.counterFloor, 'meter.counterFloor', 0, 0xffff_ffff);
    if (m.utrnCounters !== undefined) {
      const list = arr(m.utrnCounters, 'meter.utrnCounters', COUNTER_CACHE_SIZE).map((c, i) => int(c, `meter.utrnCounters[${i}]`, 1, 0xffff_ffff));
      s.utrnCounters = [...new Set(list)].sort((a, b) => a - b);
    }
  },
  readout: (s) => ({ utrnCounters: s.utrnCounters.slice(), counterFloor: s.counterFloor }),
};
