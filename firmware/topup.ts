// Top-up allocation (prepayment.md section 5).
import { evaluateCredit } from './credit.js';
import { takePaymentDebt } from './debt.js';
import { logEvent, pushCapped } from './events.js';
import { LOG_LIMITS, type MeterState, type TopUpSource } from './state.js';

export type TopUpRejection = 'maxCredit' | 'maxBalance';

/**
 * Share `amountMp` out: accumulated debt, payment debt, EC repayment (only while active or exhausted),
 * then the meter balance. Returns a rejection without touching the state, or null after applying it.
 */
export function applyTopUp(s: MeterState, amountMp: number, source: TopUpSource, utrnCounter: number): TopUpRejection | null {
  if (amountMp > s.config.maxCreditThreshold) return 'maxCredit';
  // Dry run of the final meter balance, to reject before changing anything.
  const pd = s.paymentDebt;
  let left = amountMp;
  left -= Math.min(left, s.accumulatedDebt);
  const share = pd.amount > 0 ? Math.floor((amountMp * pd.rateBp) / 10_000) : 0;
  left -= Math.max(0, Math.min(share, pd.amount, Math.max(0, s.config.paymentDebtWeeklyCap - pd.recoveredThisWeek), left));
  const ec = s.emergencyCredit;
  const repaying = ec.state === 'active' || ec.state === 'exhausted';
  if (repaying) left -= Math.min(left, Math.max(0, s.config.emergencyCreditLimit - ec.balance));
  if (s.meterBalance + left > s.config.maxMeterBalance) return 'maxBalance';

  left = amountMp;
  const toAccumulated = Math.min(left, s.accumulatedDebt);
  s.accumulatedDebt -= toAccumulated;
  left -= toAccumulated;
  left -= takePaymentDebt(s, amountMp, left);
  if (repaying) {
    const toEc = Math.min(left, Math.max(0, s.config.emergencyCreditLimit - ec.balance));
    ec.balance += toEc;
    left -= toEc;
  }
  s.meterBalance += left;
  // Fully repaid EC returns to unavailable; section 4 then makes it available again if the balance is
  // still below the threshold.
  if (repaying && ec.balance >= s.config.emergencyCreditLimit) ec.state = 'unavailable';
  pushCapped(s.topUps, { time: s.time, amount: amountMp, source, utrnCounter }, LOG_LIMITS.topUps);
  logEvent(s, 'creditAddedLocally');
  evaluateCredit(s);
  return null;
}
