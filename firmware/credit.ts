// Credit states and supply (prepayment.md section 4), re-evaluated after every change.
import { logEvent } from './events.js';
import { periodInForce } from './calendar.js';
import type { MeterState, Source } from './state.js';

/** credit = meterBalance + (EC active ? EC balance : 0) */
export function creditOf(s: MeterState): number {
  return s.meterBalance + (s.emergencyCredit.state === 'active' ? s.emergencyCredit.balance : 0);
}

/**
 * Take `c` mp through the charge path (section 3): from a positive meter balance, then from active EC,
 * then the meter balance goes negative. Logs `lowCredit` when it takes credit below the threshold.
 */
export function charge(s: MeterState, c: number): void {
  if (c <= 0) return;
  const before = creditOf(s);
  let left = c;
  if (s.meterBalance > 0) {
    const fromBalance = Math.min(left, s.meterBalance);
    s.meterBalance -= fromBalance;
    left -= fromBalance;
  }
  if (left > 0 && s.emergencyCredit.state === 'active') {
    const fromEc = Math.min(left, s.emergencyCredit.balance);
    s.emergencyCredit.balance -= fromEc;
    left -= fromEc;
  }
  s.meterBalance -= left;
  noteCreditDrop(s, before);
}

/** `lowCredit` each time a charge or deduction takes credit from at/above the threshold to below it. */
export function noteCreditDrop(s: MeterState, creditBefore: number): void {
  if (s.paymentMode !== 'prepayment') return;
  const t = s.config.lowCreditThreshold;
  if (creditBefore >= t && creditOf(s) < t) logEvent(s, 'lowCredit');
}

function setSupply(s: MeterState, supply: MeterState['supply'], reason: MeterState['disableReason']): void {
  s.supply = supply;
  s.disableReason = reason;
  logEvent(s, supply === 'enabled' ? 'supplyEnabled' : supply === 'armed' ? 'supplyArmed' : 'supplyDisabled');
}

/** Section 4, evaluated at the state's current time. Idempotent. */
export function evaluateCredit(s: MeterState): void {
  if (s.paymentMode === 'credit') {
    if (s.supply === 'disabled' && s.disableReason === 'credit') setSupply(s, 'armed', null);
    return;
  }
  const ec = s.emergencyCredit;
  if (ec.state === 'unavailable' && s.meterBalance < s.config.emergencyCreditThreshold) {
    ec.state = 'available';
    logEvent(s, 'emergencyCreditAvailable');
  } else if (ec.state === 'available' && s.meterBalance >= s.config.emergencyCreditThreshold) {
    ec.state = 'unavailable';
  } else if (ec.state === 'active' && ec.balance <= 0) {
    ec.state = 'exhausted';
    logEvent(s, 'emergencyCreditExhausted');
  }
  const credit = creditOf(s);
  const threshold = s.config.disablementThreshold;
  if (credit < threshold && (s.supply === 'enabled' || s.supply === 'armed')) {
    if (!periodInForce(s.calendars, s.time)) {
      logEvent(s, 'belowDisablementThreshold');
      setSupply(s, 'disabled', 'credit');
    }
  } else if (credit >= threshold && s.supply === 'disabled' && s.disableReason === 'credit') {
    setSupply(s, 'armed', null);
  }
}

/** Whether disablement for credit is waiting on a friendly-credit/non-disconnect period to end. */
export function disablementDeferred(s: MeterState): boolean {
  return (
    s.paymentMode === 'prepayment' &&
    (s.supply === 'enabled' || s.supply === 'armed') &&
    creditOf(s) < s.config.disablementThreshold
  );
}

export type LocalRefusal = 'ecNotAvailable' | 'notArmed' | 'gasLocalOnly';

/** Button A (or the PPMID): activate emergency credit when it is available. */
export function activateEmergencyCredit(s: MeterState): LocalRefusal | null {
  if (s.emergencyCredit.state !== 'available') return 'ecNotAvailable';
  s.emergencyCredit.state = 'active';
  logEvent(s, 'emergencyCreditActivated');
  evaluateCredit(s);
  return null;
}

/** Button B at the meter, or the PPMID for electricity only: enable an armed supply. */
export function enableArmedSupply(s: MeterState, where: 'meter' | 'ppmid'): LocalRefusal | null {
  if (where === 'ppmid' && s.fuel === 'gas') return 'gasLocalOnly';
  if (s.supply !== 'armed') return 'notArmed';
  setSupply(s, 'enabled', null);
  evaluateCredit(s);
  return null;
}

/**
 * `Supply` command (section 4 and clarifications 14). For gas, `enable` not from the meter's own
 * keypad arms instead.
 */
export function supplyCommand(s: MeterState, action: 'arm' | 'disable' | 'enable', from: Source | 'envelope'): void {
  if (action === 'disable') {
    if (s.supply !== 'disabled') setSupply(s, 'disabled', 'command');
    else s.disableReason = 'command';
  } else if (action === 'enable' && !(s.fuel === 'gas' && from !== 'keypad')) {
    if (s.supply !== 'enabled') setSupply(s, 'enabled', null);
  } else if (s.supply === 'disabled') {
    setSupply(s, 'armed', null);
  }
  evaluateCredit(s);
}
