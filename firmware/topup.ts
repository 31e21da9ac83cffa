// Top-up allocation (prepayment.md section 5).
import { creditOf, noteCreditDrop } from './charges.js';
import { evaluateCredit } from './credit.js';
import { EMERGENCY_CREDIT } from './emergency-credit.js';
import { take } from './region.js';
import { paymentDebtShare, recoverPaymentDebt } from './debt.js';
import { pushCapped } from './capped.js';
import { logEvent } from './events.js';
import { toIso } from './clock.js';
import type { Section } from './section.js';
import type { MeterState } from './state.js';

export type TopUpSource = 'keypad' | 'ppmid' | 'envelope';

export interface TopUpRecord {
  time: number;
  amount: number;
  source: TopUpSource;
  utrnCounter: number;
}

export const TOP_UP_LOG_LIMIT = 5;

export interface TopUpSlice {
  /** the last top-ups, oldest first; replaced, never changed in place */
  topUps: TopUpRecord[];
}

export type TopUpRejection = 'maxCredit' | 'maxBalance';

interface Allocation {
  accumulatedDebt: number;
  paymentDebt: number;
  emergencyCredit: number;
  meterBalance: number;
}

/** How `amountMp` is shared out, in the order of section 5, without changing anything. */
function allocate(s: MeterState, amountMp: number): Allocation {
  let left = amountMp;
  const accumulatedDebt = Math.min(left, s.accumulatedDebt);
  left -= accumulatedDebt;
  const paymentDebt = paymentDebtShare(s, amountMp, left);
  left -= paymentDebt;
  const ec = s.emergencyCredit;
  const emergencyCredit = ec.state === 'active' || ec.state === 'exhausted' ? Math.min(left, Math.max(0, s.config.emergencyCreditLimit - ec.balance)) : 0;
  return { accumulatedDebt, paymentDebt, emergencyCredit, meterBalance: left - emergencyCredit };
}

/**
 * Apply a top-up of `amountMp`. Returns a rejection without touching the state, or null after
 * applying it, logging the top-up record and `creditAddedLocally`.
 */
export function applyTopUp(s: MeterState, amountMp: number, source: TopUpSource, utrnCounter: number): TopUpRejection | null {
  if (amountMp > s.config.maxCreditThreshold) return 'maxCredit';
  const a = allocate(s, amountMp);
  if (s.meterBalance + a.meterBalance > s.config.maxMeterBalance) return 'maxBalance';
  const creditBefore = creditOf(s);
  s.accumulatedDebt -= a.accumulatedDebt;
  recoverPaymentDebt(s, a.paymentDebt);
  s.emergencyCredit.balance += a.emergencyCredit;
  s.meterBalance += a.meterBalance;
  // Step 3, in either payment mode (clarifications 31): fully repaid EC returns to unavailable, or to
  // available if the balance after step 4 is still below the threshold (emergency-credit.ts TOP_UP).
  take(EMERGENCY_CREDIT, s, 'TOP_UP', undefined);
  // Unused active EC handed back lowers credit from balance + EC to the balance (clarifications 29).
  noteCreditDrop(s, creditBefore);
  s.topUps = pushCapped(s.topUps, { time: s.time, amount: amountMp, source, utrnCounter }, TOP_UP_LOG_LIMIT);
  logEvent(s, 'creditAddedLocally');
  evaluateCredit(s);
  return null;
}

export const TOP_UPS: Section<keyof TopUpSlice, { topUps: { time: string; amount: number; source: TopUpSource; utrnCounter: number }[] }> = {
  owns: ['topUps'],
  factory: () => ({ topUps: [] }),
  readout: (s) => ({ topUps: s.topUps.map((t) => ({ time: toIso(t.time), amount: t.amount, source: t.source, utrnCounter: t.utrnCounter })) }),
};
