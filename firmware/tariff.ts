// Prices, TOU switching and pending price changes (prepayment.md sections 3 and 6).
import { fromLocal, toLocal } from './clock.js';
import type { MeterState, Tariff, TouSwitch } from './state.js';

/** Local days to look back/ahead for a weekly occurrence: one week plus the day itself. */
const WEEK_SPAN = 8;

function occursOn(entry: TouSwitch, day: number): boolean {
  return ((entry.daysMask >> ((((day + 5) % 7) + 7) % 7)) & 1) === 1;
}

/** Most recent occurrence at or before t of an enabled TOU entry; null if none. */
function lastOccurrence(entry: TouSwitch, t: number): number | null {
  const today = toLocal(t).day;
  for (let d = today; d > today - WEEK_SPAN; d--) {
    if (!occursOn(entry, d)) continue;
    const at = fromLocal(d, entry.startMinute);
    if (at <= t) return at;
  }
  return null;
}

/**
 * Active rate (1..8): the enabled entry whose most recent occurrence is at or before now; the lower
 * slot wins a tie (clarifications 5); rate 1 when no entry is enabled.
 */
export function activeRate(tariff: Tariff, t: number): number {
  if (!tariff.touSwitch.some((e) => e.enabled)) return 1;
  let best: number | null = null;
  let rate = 1;
  for (const entry of tariff.touSwitch) {
    if (!entry.enabled) continue;
    const at = lastOccurrence(entry, t);
    if (at !== null && (best === null || at > best)) {
      best = at;
      rate = entry.rate;
    }
  }
  return rate;
}

export function activePrice(tariff: Tariff, t: number): number {
  return tariff.prices[activeRate(tariff, t) - 1]!;
}

/** First TOU switch instant strictly after t, or Infinity. */
export function nextTouSwitch(tariff: Tariff, t: number): number {
  let next = Infinity;
  const today = toLocal(t).day;
  for (const entry of tariff.touSwitch) {
    if (!entry.enabled) continue;
    for (let d = today; d <= today + WEEK_SPAN; d++) {
      if (!occursOn(entry, d)) continue;
      const at = fromLocal(d, entry.startMinute);
      if (at > t) {
        if (at < next) next = at;
        break;
      }
    }
  }
  return next;
}

export function setPrice(tariff: Tariff, element: number, price: number): void {
  if (element === 8) tariff.standingCharge = price;
  else tariff.prices[element] = price;
}

/** Apply the pending changes due at or before now, in `at` then element order (clarifications 21). */
export function applyDuePrices(s: MeterState): void {
  // pending is kept in that order (schedulePrice, and reset.meter), so the due ones are in it too.
  const due = s.tariff.pending.filter((p) => p.at <= s.time);
  if (due.length === 0) return;
  s.tariff.pending = s.tariff.pending.filter((p) => p.at > s.time);
  for (const p of due) setPrice(s.tariff, p.element, p.price);
}

/** The tariff's next boundary: a pending price change, or a TOU switch (which needs no action). */
export function nextTariffBoundary(s: MeterState): number {
  return Math.min(nextPriceActivation(s.tariff), nextTouSwitch(s.tariff, s.time));
}

export function nextPriceActivation(tariff: Tariff): number {
  let next = Infinity;
  for (const p of tariff.pending) if (p.at < next) next = p.at;
  return next;
}

/**
 * ChangePrice (prepayment.md section 6): an activation at or before now applies now, a later one is
 * kept pending; any accepted change cancels a pending change for the same element.
 */
export function schedulePrice(s: MeterState, element: number, price: number, at: number): void {
  s.tariff.pending = s.tariff.pending.filter((p) => p.element !== element);
  if (at <= s.time) setPrice(s.tariff, element, price);
  else {
    s.tariff.pending.push({ element, price, at });
    s.tariff.pending.sort((a, b) => a.at - b.at || a.element - b.element);
  }
}
