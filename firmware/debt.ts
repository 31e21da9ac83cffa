// Debt recovery (prepayment.md sections 3 and 5): time-debt instalments under the daily cap, and
// payment-based debt taken from top-ups under the weekly cap.
import { HOUR, nextLocalMidnight, toIso, type LocalTime } from './clock.js';
import { charge } from './charges.js';
import { pushCapped } from './capped.js';
import { logDebtCompleted } from './events.js';
import { arr, int, mpPos, obj, oneOf, pick } from './parse.js';
import type { Section } from './section.js';
import type { MeterState } from './state.js';

export type DebtPeriod = 'hourly' | 'daily' | 'weekly';
export const DEBT_PERIODS: readonly DebtPeriod[] = ['hourly', 'daily', 'weekly'];

export interface TimeDebt {
  amount: number;
  /** mp per period */
  rate: number;
  period: DebtPeriod;
}

export interface PaymentDebt {
  amount: number;
  rateBp: number;
  recoveredThisWeek: number;
}

export interface DebtRecoveryRecord {
  time: number;
  /** 0 time debt 1, 1 time debt 2, 2 payment debt */
  register: number;
  amount: number;
}

export const DEBT_RECOVERY_LOG_LIMIT = 20;

export interface DebtSlice {
  accumulatedDebt: number;
  /** replaced, never changed in place (`withTimeDebt`): shared by drafts until a debt changes */
  timeDebt: readonly Readonly<TimeDebt>[];
  /** replaced, never changed in place (`withPaymentDebt`) */
  paymentDebt: Readonly<PaymentDebt>;
  /** Time-debt recovery taken today, against debtRecoveryRateCap. */
  debtCapUsedToday: number;
  /** the last recoveries, oldest first; replaced, never changed in place */
  debtRecovery: DebtRecoveryRecord[];
}

/** The terms RevertToDefaults restores (clarifications 30): rates and periods, not amounts. */
export interface DebtTerms {
  timeDebt: { rate: number; period: DebtPeriod }[];
  paymentDebtRateBp: number;
}

function recordRecovery(s: MeterState, register: 0 | 1 | 2, amount: number): void {
  s.debtRecovery = pushCapped(s.debtRecovery, { time: s.time, register, amount }, DEBT_RECOVERY_LOG_LIMIT);
}

/** Whether any time debt is recovered hourly (so the hour boundaries matter). */
export function hasHourlyDebt(s: MeterState): boolean {
  return s.timeDebt.some((d) => d.period === 'hourly' && d.amount > 0 && d.rate > 0);
}

/** All the meter owes: both time debts, payment debt and accumulated debt (mp). */
export function totalDebt(s: MeterState): number {
  return s.timeDebt[0]!.amount + s.timeDebt[1]!.amount + s.paymentDebt.amount + s.accumulatedDebt;
}

/** Replace time debt `i` (0 or 1) with `change` applied: the list is shared by drafts, never changed in place. */
export function withTimeDebt(s: MeterState, i: number, change: Partial<TimeDebt>): void {
  s.timeDebt = s.timeDebt.map((d, j) => (j === i ? { amount: change.amount ?? d.amount, rate: change.rate ?? d.rate, period: change.period ?? d.period } : d));
}

/** Replace the payment debt with `change` applied (always of one shape). */
export function withPaymentDebt(s: MeterState, change: Partial<PaymentDebt>): void {
  const p = s.paymentDebt;
  s.paymentDebt = { amount: change.amount ?? p.amount, rateBp: change.rateBp ?? p.rateBp, recoveredThisWeek: change.recoveredThisWeek ?? p.recoveredThisWeek };
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
  if (local.weekday === 0) withPaymentDebt(s, { recoveredThisWeek: 0 });
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
    const left = debt.amount - take;
    withTimeDebt(s, i, { amount: left });
    s.debtCapUsedToday += take;
    charge(s, take);
    recordRecovery(s, i as 0 | 1, take);
    if (left === 0) logDebtCompleted(s, i as 0 | 1);
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
  withPaymentDebt(s, { amount: pd.amount - amountMp, recoveredThisWeek: pd.recoveredThisWeek + amountMp });
  recordRecovery(s, 2, amountMp);
  if (s.paymentDebt.amount === 0) logDebtCompleted(s, 2);
}

export function debtTermsOf(s: MeterState): DebtTerms {
  return { timeDebt: s.timeDebt.map((d) => ({ rate: d.rate, period: d.period })), paymentDebtRateBp: s.paymentDebt.rateBp };
}

/** RevertToDefaults' debts scope: all four registers cleared, the commissioned terms back. */
export function revertDebts(s: MeterState, terms: DebtTerms): void {
  s.timeDebt = terms.timeDebt.map((d) => ({ amount: 0, rate: d.rate, period: d.period }));
  s.paymentDebt = { amount: 0, rateBp: terms.paymentDebtRateBp, recoveredThisWeek: 0 };
  s.accumulatedDebt = 0;
  s.debtCapUsedToday = 0;
}

const copyTimeDebt = (d: Readonly<TimeDebt>): TimeDebt => ({ amount: d.amount, rate: d.rate, period: d.period });
const copyPaymentDebt = (p: Readonly<PaymentDebt>): PaymentDebt => ({ amount: p.amount, rateBp: p.rateBp, recoveredThisWeek: p.recoveredThisWeek });

export const DEBT: Section<
  keyof DebtSlice,
  { accumulatedDebt: number; timeDebt: TimeDebt[]; paymentDebt: PaymentDebt; debtRecovery: { time: string; register: number; amount: number }[] }
> = {
  owns: ['accumulatedDebt', 'timeDebt', 'paymentDebt', 'debtCapUsedToday', 'debtRecovery'],
  factory: () => ({
    accumulatedDebt: 0,
    timeDebt: [
      { amount: 0, rate: 0, period: 'daily' },
      { amount: 0, rate: 0, period: 'daily' },
    ],
    paymentDebt: { amount: 0, rateBp: 0, recoveredThisWeek: 0 },
    debtCapUsedToday: 0,
    debtRecovery: [],
  }),
  configure: (s, m) => {
    if (m.accumulatedDebt !== undefined) s.accumulatedDebt = mpPos(m.accumulatedDebt, 'meter.accumulatedDebt');
    if (m.timeDebt !== undefined) {
      const timeDebt = s.timeDebt.map(copyTimeDebt);
      arr(m.timeDebt, 'meter.timeDebt', 2).forEach((d, i) =>
        pick(timeDebt[i]!, obj(d, `meter.timeDebt[${i}]`), `meter.timeDebt[${i}]`, {
          amount: mpPos,
          rate: mpPos,
          period: (v, p) => oneOf(v, p, DEBT_PERIODS),
        }),
      );
      s.timeDebt = timeDebt;
    }
    if (m.paymentDebt !== undefined) {
      const paymentDebt = copyPaymentDebt(s.paymentDebt);
      pick(paymentDebt, obj(m.paymentDebt, 'meter.paymentDebt'), 'meter.paymentDebt', {
        amount: mpPos,
        rateBp: (v, p) => int(v, p, 0, 10_000),
        recoveredThisWeek: mpPos,
      });
      s.paymentDebt = paymentDebt;
    }
  },
  readout: (s) => ({
    accumulatedDebt: s.accumulatedDebt,
    timeDebt: s.timeDebt.map(copyTimeDebt),
    paymentDebt: copyPaymentDebt(s.paymentDebt),
    debtRecovery: s.debtRecovery.map((d) => ({ time: toIso(d.time), register: d.register, amount: d.amount })),
  }),
};
