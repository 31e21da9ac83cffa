// Event-driven time (prepayment.md section 1): jump from boundary to boundary, and to the whole
// seconds at which a balance under constant load crosses a threshold. Cost grows with the boundaries
// crossed, never with the seconds elapsed.
import { HOUR, nextLocalMidnight, toLocal } from './clock.js';
import { nextCalendarEdge } from './calendar.js';
import { charge, creditOf, disablementDeferred, evaluateCredit } from './credit.js';
import { hasHourlyDebt, takeInstalments } from './debt.js';
import { energyCost, J_PER_KWH, secondsUntilCharged } from './money.js';
import type { MeterState } from './state.js';
import { activePrice, applyDuePrices, nextPriceActivation, nextTouSwitch } from './tariff.js';

export const KEYPAD_TIMEOUT_S = 20;

/** Whether energy flows: power on, supply enabled, a load. */
function importing(s: MeterState): boolean {
  return s.power && s.supply === 'enabled' && s.loadW > 0;
}

/** Import `energyJ` now at the active price (a `consume`, or a stretch of constant load). */
export function importEnergy(s: MeterState, energyJ: number): void {
  s.energy.importJ += energyJ;
  if (s.paymentMode !== 'prepayment') return;
  const cost = energyCost(activePrice(s.tariff, s.time), energyJ, s.energy.costRemainder);
  s.energy.costRemainder = cost.remainder;
  charge(s, cost.chargeMp);
}

/** Run the current load for `seconds`, ending at `endTime` (the charge is stamped there). */
function runLoad(s: MeterState, seconds: number, endTime: number): void {
  if (!importing(s)) {
    s.time = endTime;
    return;
  }
  // The price is constant over the stretch: segments end at every TOU switch and price activation.
  const priceTime = s.time;
  s.time = endTime;
  const energyJ = s.loadW * seconds;
  s.energy.importJ += energyJ;
  if (s.paymentMode !== 'prepayment') return;
  const cost = energyCost(activePrice(s.tariff, priceTime), energyJ, s.energy.costRemainder);
  s.energy.costRemainder = cost.remainder;
  charge(s, cost.chargeMp);
}

/** The next instant strictly after now at which something is scheduled, or Infinity. */
export function nextBoundary(s: MeterState): number {
  const t = s.time;
  let next = Math.min(nextPriceActivation(s.tariff), nextTouSwitch(s.tariff, t), nextLocalMidnight(t));
  if (hasHourlyDebt(s)) next = Math.min(next, (Math.floor(t / HOUR) + 1) * HOUR);
  if (disablementDeferred(s)) next = Math.min(next, nextCalendarEdge(s.calendars, t));
  for (const until of [s.han.joinWindow?.until, s.keypad.lockedUntil, s.ppmid.lockedUntil]) {
    if (until != null && until > t) next = Math.min(next, until);
  }
  // lastKeyAt is set exactly while the buffer holds digits, and cleared at the timeout instant.
  if (s.keypad.lastKeyAt !== null) next = Math.min(next, s.keypad.lastKeyAt + KEYPAD_TIMEOUT_S);
  return next;
}

/**
 * Charge (mp) after which some section 4 condition changes under constant load, or Infinity:
 * low credit, EC available, EC exhausted, disablement.
 */
function chargeToNextCrossing(s: MeterState): number {
  let need = Infinity;
  const credit = creditOf(s);
  const c = s.config;
  const ec = s.emergencyCredit;
  if (credit >= c.lowCreditThreshold) need = Math.min(need, credit - c.lowCreditThreshold + 1);
  if (credit >= c.disablementThreshold) need = Math.min(need, credit - c.disablementThreshold + 1);
  if (ec.state === 'unavailable' && s.meterBalance >= c.emergencyCreditThreshold) {
    need = Math.min(need, s.meterBalance - c.emergencyCreditThreshold + 1);
  }
  if (ec.state === 'active' && ec.balance > 0) need = Math.min(need, Math.max(s.meterBalance, 0) + ec.balance);
  return need;
}

/** First whole second in (now, limit) at which a threshold is crossed under the current load, or null. */
function nextCrossing(s: MeterState, limit: number): number | null {
  if (!importing(s) || s.paymentMode !== 'prepayment') return null;
  const need = chargeToNextCrossing(s);
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

/** Everything scheduled at this instant, in the order of prepayment.md section 1. */
function processBoundaries(s: MeterState): void {
  applyDuePrices(s);
  // TOU switches need no action: the active rate is a function of time.
  const local = toLocal(s.time);
  const isMidnight = local.secondOfDay === 0;
  const isMonday = local.weekday === 0;
  if (isMidnight) {
    // The daily cap and weekly count reset before that midnight's instalments (clarifications 8).
    s.debtCapUsedToday = 0;
    if (isMonday) s.paymentDebt.recoveredThisWeek = 0;
    if (s.paymentMode === 'prepayment') charge(s, s.tariff.standingCharge);
  }
  takeInstalments(s, isMidnight, isMonday);
  // Calendar edges need no action here: section 4 below looks at the calendars.
  if (s.han.joinWindow && s.time >= s.han.joinWindow.until) s.han.joinWindow = null;
  if (s.keypad.lockedUntil !== null && s.time >= s.keypad.lockedUntil) s.keypad.lockedUntil = null;
  if (s.ppmid.lockedUntil !== null && s.time >= s.ppmid.lockedUntil) s.ppmid.lockedUntil = null;
  if (s.keypad.lastKeyAt !== null && s.time >= s.keypad.lastKeyAt + KEYPAD_TIMEOUT_S) {
    s.keypad.buffer = '';
    s.keypad.lastKeyAt = null;
  }
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
