// Credit and debt over the last simulated days, sampled whenever the meter changes, for the chart.
import { creditOf } from '../firmware/charges.js';
import { totalDebt } from '../firmware/debt.js';
import type { MeterState } from '../firmware/state.js';

export const HISTORY_DAYS = 3;
const MAX_POINTS = 4000;

export interface Point {
  t: number;
  /** milli-pence, as the meter's CREDIT line */
  credit: number;
  /** milli-pence, as the meter's DEBT line (both time debts, payment debt, accumulated debt) */
  debt: number;
}

export function pointOf(m: MeterState): Point {
  return { t: m.time, credit: creditOf(m), debt: totalDebt(m) };
}

/** `history` with the meter's current point appended when it differs, trimmed to the window. */
export function record(history: readonly Point[], m: MeterState): readonly Point[] {
  const p = pointOf(m);
  const last = history[history.length - 1];
  if (last && last.t === p.t && last.credit === p.credit && last.debt === p.debt) return history;
  // A clock that went back (an imported meter) starts the chart again.
  const kept = last && last.t > p.t ? [] : history.filter((q) => q.t >= p.t - HISTORY_DAYS * 86_400);
  const out = [...kept, p];
  return out.length > MAX_POINTS ? out.filter((_, i) => i % 2 === 0 || i === out.length - 1) : out;
}
