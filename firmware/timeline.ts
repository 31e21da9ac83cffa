// Event-driven time (prepayment.md section 1): a small scheduler over the sections. It jumps from
// boundary to boundary, each section saying when its next one is and what happens there, and to the
// whole seconds at which a balance under constant load crosses a threshold. Cost grows with the
// boundaries crossed, never with the seconds elapsed.
import { toLocal, type LocalTime } from './clock.js';
import { chargeStandingCharge, chargeToFallBelow, importing, nextStandingCharge, runLoad } from './charges.js';
import { evaluateCredit } from './credit.js';
import { nextDebtBoundary, resetDebtCaps, takeInstalments } from './debt.js';
import { chargeToEcChange } from './emergency-credit.js';
import { closeExpiredJoinWindow, nextHanBoundary } from './han.js';
import { keypadAtBoundary, nextKeypadBoundary } from './keypad.js';
import { J_PER_KWH, secondsUntilCharged } from './money.js';
import type { MeterState } from './state.js';
import { nextSupplyBoundary } from './supply.js';
import { activePrice, applyDuePrices, nextTariffBoundary } from './tariff.js';

interface Scheduled {
  /** the next instant strictly after now at which this section acts, or Infinity */
  next(s: MeterState): number;
  /** what it does at a boundary (any section's: each checks that the instant is its own) */
  at?(s: MeterState, local: LocalTime): void;
}

/**
 * In the order of prepayment.md section 1: price changes, the midnight cap resets, the standing
 * charge, debt instalments, then expiries. TOU switches and calendar edges need no action of their
 * own: the active rate is a function of time, and section 4 (after every stop) reads the calendars.
 */
const SCHEDULE: readonly Scheduled[] = [
  { next: nextTariffBoundary, at: applyDuePrices },
  { next: nextDebtBoundary, at: resetDebtCaps },
  { next: nextStandingCharge, at: chargeStandingCharge },
  { next: () => Infinity, at: takeInstalments },
  { next: nextSupplyBoundary },
  { next: nextHanBoundary, at: closeExpiredJoinWindow },
  { next: nextKeypadBoundary, at: keypadAtBoundary },
];

/**
 * The next instant strictly after now at which something is scheduled, or Infinity. An instant at
 * or before now is never a stop: time could not move past it (a section that gave one would hang
 * the advance), and what is due then happens at the next real boundary.
 */
export function nextBoundary(s: MeterState): number {
  let next = Infinity;
  for (const section of SCHEDULE) {
    const t = section.next(s);
    if (t > s.time && t < next) next = t;
  }
  return next;
}

function processBoundaries(s: MeterState): void {
  const local = toLocal(s.time);
  for (const section of SCHEDULE) section.at?.(s, local);
}

/** First whole second in (now, limit) at which a threshold is crossed under the current load, or null. */
function nextCrossing(s: MeterState, limit: number): number | null {
  if (!importing(s) || s.paymentMode !== 'prepayment') return null;
  // The charge after which some section 4 condition changes: low credit, disablement, EC.
  const need = Math.min(chargeToFallBelow(s, s.config.lowCreditThreshold), chargeToFallBelow(s, s.config.disablementThreshold), chargeToEcChange(s));
  const price = activePrice(s.tariff, s.time);
  if (price <= 0) return null;
  // Cheap test first: if even the whole stretch up to `limit` cannot charge `need`, there is no
  // crossing before it (the +1 keeps the floating-point estimate on the safe side).
  const most = (s.energy.costRemainder + price * s.loadW * (limit - s.time)) / J_PER_KWH;
  if (need > most + 1) return null;
  const k = Math.max(1, secondsUntilCharged(need, price, s.loadW, s.energy.costRemainder));
  const at = s.time + k;
  return at < limit ? at : null;
}

/**
 * Let time pass to `target` under the current load (mutates the draft state). Returns the number of
 * stops made, which is the measure of its cost: boundaries and threshold crossings, never seconds.
 */
export function advanceTo(s: MeterState, target: number): number {
  let stops = 0;
  while (s.time < target) {
    stops++;
    const boundary = nextBoundary(s);
    const stop = Math.min(boundary, target);
    const crossing = nextCrossing(s, stop);
    const until = crossing ?? stop;
    runLoad(s, until - s.time, until);
    if (until === boundary) processBoundaries(s);
    evaluateCredit(s);
  }
  return stops;
}
