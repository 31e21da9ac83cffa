// Prices, TOU switching and pending price changes (prepayment.md sections 3 and 6).
import { fromLocal, toIso, toLocal } from './clock.js';
import { arr, bool, instant, int, mask, minute, obj, pick, type Obj } from './parse.js';
import type { Section } from './section.js';
import type { MeterState } from './state.js';

export interface TouSwitch {
  enabled: boolean;
  daysMask: number;
  startMinute: number;
  /** 1..8 */
  rate: number;
}

export interface PendingPrice {
  /** 0..7 TOU rate 1..8, 8 standing charge */
  element: number;
  price: number;
  at: number;
}

/** Replaced, never changed in place (`withTariff`): shared by drafts until an input changes it. */
export interface Tariff {
  readonly prices: readonly number[];
  readonly standingCharge: number;
  readonly touSwitch: readonly TouSwitch[];
  /** in `at` then element order */
  readonly pending: readonly PendingPrice[];
}

/** The tariff with some parts replaced (always of one shape). */
export function withTariff(t: Tariff, change: Partial<Tariff>): Tariff {
  return {
    prices: change.prices ?? t.prices,
    standingCharge: change.standingCharge ?? t.standingCharge,
    touSwitch: change.touSwitch ?? t.touSwitch,
    pending: change.pending ?? t.pending,
  };
}

export interface TariffSlice {
  tariff: Tariff;
}

/** The tariff RevertToDefaults restores: what was commissioned, without pending changes. */
export type CommissionedTariff = Pick<Tariff, 'prices' | 'standingCharge' | 'touSwitch'>;

export function clearedTouSwitch(): TouSwitch {
  return { enabled: false, daysMask: 0, startMinute: 0, rate: 1 };
}

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

/** The tariff with one element's price (0..7 a TOU rate, 8 the standing charge) set. */
export function withPrice(tariff: Tariff, element: number, price: number): Tariff {
  if (element === 8) return withTariff(tariff, { standingCharge: price });
  const prices = tariff.prices.slice();
  prices[element] = price;
  return withTariff(tariff, { prices });
}

/** Apply the pending changes due at or before now, in `at` then element order (clarifications 21). */
export function applyDuePrices(s: MeterState): void {
  // pending is kept in that order (schedulePrice, and reset.meter), so the due ones are in it too.
  const due = s.tariff.pending.filter((p) => p.at <= s.time);
  if (due.length === 0) return;
  let tariff = withTariff(s.tariff, { pending: s.tariff.pending.filter((p) => p.at > s.time) });
  for (const p of due) tariff = withPrice(tariff, p.element, p.price);
  s.tariff = tariff;
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
  const pending = s.tariff.pending.filter((p) => p.element !== element);
  if (at <= s.time) s.tariff = withPrice(withTariff(s.tariff, { pending }), element, price);
  else {
    pending.push({ element, price, at });
    pending.sort((a, b) => a.at - b.at || a.element - b.element);
    s.tariff = withTariff(s.tariff, { pending });
  }
}

/** RevertToDefaults' tariff scope drops every pending change (after the balances scope). */
export function clearPendingPrices(s: MeterState): void {
  s.tariff = withTariff(s.tariff, { pending: [] });
}

export function commissionedTariffOf(s: MeterState): CommissionedTariff {
  return { prices: s.tariff.prices.slice(), standingCharge: s.tariff.standingCharge, touSwitch: s.tariff.touSwitch.map((t) => ({ ...t })) };
}

/** RevertToDefaults' tariff scope: the commissioned prices and switches (pending changes go later). */
export function revertTariff(s: MeterState, c: CommissionedTariff): void {
  s.tariff = withTariff(s.tariff, { prices: c.prices.slice(), standingCharge: c.standingCharge, touSwitch: c.touSwitch.map((t) => ({ ...t })) });
}

function configureTariff(s: MeterState, t: Obj): void {
  const prices = s.tariff.prices.slice();
  let standingCharge = s.tariff.standingCharge;
  const touSwitch = s.tariff.touSwitch.slice();
  let pending = s.tariff.pending.slice();
  if (t.prices !== undefined) arr(t.prices, 'meter.tariff.prices', 8).forEach((p, i) => (prices[i] = int(p, `meter.tariff.prices[${i}]`, 0, 0xff_ffff)));
  if (t.standingCharge !== undefined) standingCharge = int(t.standingCharge, 'meter.tariff.standingCharge', 0);
  if (t.touSwitch !== undefined) {
    arr(t.touSwitch, 'meter.tariff.touSwitch', 16).forEach((e, i) => {
      const path = `meter.tariff.touSwitch[${i}]`;
      const slot = { ...touSwitch[i]! };
      pick(slot, obj(e, path), path, { enabled: bool, daysMask: mask, startMinute: minute, rate: (v, p) => int(v, p, 1, 8) });
      touSwitch[i] = slot.enabled ? slot : clearedTouSwitch();
    });
  }
  if (t.pending !== undefined) {
    pending = arr(t.pending, 'meter.tariff.pending', 9).map((e, i) => {
      const path = `meter.tariff.pending[${i}]`;
      const o = obj(e, path);
      return { element: int(o.element, `${path}.element`, 0, 8), price: int(o.price, `${path}.price`, 0, 0xff_ffff), at: instant(o.at, `${path}.at`) };
    });
    pending.sort((a, b) => a.at - b.at || a.element - b.element);
  }
  s.tariff = { prices, standingCharge, touSwitch, pending };
}

export const TARIFF: Section<
  keyof TariffSlice,
  { tariff: { prices: number[]; standingCharge: number; activeRate: number; pending: { element: number; price: number; at: string }[]; touSwitch: TouSwitch[] } }
> = {
  owns: ['tariff'],
  factory: () => ({
    tariff: { prices: Array.from({ length: 8 }, () => 24_500), standingCharge: 60_000, touSwitch: Array.from({ length: 16 }, clearedTouSwitch), pending: [] },
  }),
  configure: (s, m) => {
    if (m.tariff !== undefined) configureTariff(s, obj(m.tariff, 'meter.tariff'));
  },
  readout: (s) => ({
    tariff: {
      prices: s.tariff.prices.slice(),
      standingCharge: s.tariff.standingCharge,
      activeRate: activeRate(s.tariff, s.time),
      pending: s.tariff.pending.map((p) => ({ element: p.element, price: p.price, at: toIso(p.at) })),
      touSwitch: s.tariff.touSwitch.map((t) => ({ ...t })),
    },
  }),
};
