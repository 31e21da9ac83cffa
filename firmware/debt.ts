// Debt recovery (prepayment.md sections 3 and 5): time-debt instalments under the daily cap, and
// payment-based debt taken from top-ups under the weekly cap.
import { HOUR, nextLocalMidnight, type LocalTime } from './clock.js';
import { charge } from './charges.js';
import { pushCapped } from './capped.js';
import { logDebtCompleted } from './events.js';
import { LOG_LIMITS, type MeterState } from './state.js';

function recordRecovery(s: MeterState, register: 0 | 1 | 2, amount: number): void {
  s.debtRecovery = pushCapped(s.debtRecovery, { time: s.time, register, amount }, LOG_LIMITS.debtRecovery);
}

/** Whether any time debt is recovered hourly (so the hour boundaries matter). */
export function hasHourlyDebt(s: MeterState): boolean {
  return s.timeDebt.some((d) => d.period === 'hourly' && d.amount > 0 && d.rate > 0);
}

/** Debt's next boundary: the next local midnight, or the next hour while a time debt is hourly. */
export function nextDebtBoundary(s: MeterState): number {
  const midnight = nextLocalMidnight(s.time);
  return hasHourlyDebt(s) ? Math.min(midnight, (Math.floor(s.time / HOUR) + 1) * HOUR) : midnight;
}

/**
 * At a local midnight the daily recovery cap starts again, and on Monday the weekly payment-debt count,
 * before that midnight's standing charge and instalments (clarifications 8).
 */
export function resetDebtCaps(s: MeterState, local: LocalTime): void {
  if (local.secondOfDay !== 0) return;
  s.debtCapUsedToday = 0;
  if (local.weekday === 0) s.paymentDebt.recoveredThisWeek = 0;
}

/**
 * Instalments due at this instant, time debt 1 then 2: min(rate, amount, cap left today), moved to the
 * charge path. Skipped, not deferred, while suspended (clarifications 9: the state at the instant,
 * before that instant's section 4 evaluation; only `active` EC suspends).
 */
export function takeInstalments(s: MeterState, local: LocalTime): void {
  if (s.paymentMode !== 'prepayment') return;
  const isMidnight = local.secondOfDay === 0;
  const isMonday = local.weekday === 0;
  const suspended =
    (s.supply === 'disabled' && s.config.suspendDebtDisabled) ||
    (s.emergencyCredit.state === 'active' && s.config.suspendDebtEmergency);
  if (suspended) return;
  const onHour = s.time % HOUR === 0;
  s.timeDebt.forEach((debt, i) => {
    const due =
      debt.period === 'hourly' ? onHour : debt.period === 'daily' ? isMidnight : isMidnight && isMonday;
    if (!due) return;
    const capLeft = Math.max(0, s.config.debtRecoveryRateCap - s.debtCapUsedToday);
    const take = Math.min(debt.rate, debt.amount, capLeft);
    if (take <= 0) return;
    debt.amount -= take;
    s.debtCapUsedToday += take;
    charge(s, take);
    recordRecovery(s, i as 0 | 1, take);
    if (debt.amount === 0) logDebtCompleted(s, i as 0 | 1);
  });
}

/**
 * Step 2 of a top-up: min(floor(A * rateBp / 10000), amount, weekly cap left, what is left of A),
 * the percentage of the whole top-up A (clarifications 12).
 */
export function paymentDebtShare(s: MeterState, topUpMp: number, leftMp: number): number {
  const pd = s.paymentDebt;
  const share = Math.floor((topUpMp * pd.rateBp) / 10_000);
  const capLeft = Math.max(0, s.config.paymentDebtWeeklyCap - pd.recoveredThisWeek);
  return Math.max(0, Math.min(share, pd.amount, capLeft, leftMp));
}

/** Take `amountMp` of payment debt recovered from a top-up; log completion at 0. */
export function recoverPaymentDebt(s: MeterState, amountMp: number): void {
  if (amountMp <= 0) return;
  const pd = s.paymentDebt;
  pd.amount -= amountMp;
  pd.recoveredThisWeek += amountMp;
  recordRecovery(s, 2, amountMp);
  if (pd.amount === 0) logDebtCompleted(s, 2);
}
