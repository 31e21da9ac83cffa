// The charge path (prepayment.md section 3): energy at the active price, the standing charge at each
// local midnight, and how a charge is taken from the meter balance and emergency credit.
import { nextLocalMidnight, type LocalTime } from './clock.js';
import { logEvent } from './events.js';
import { energyCost } from './money.js';
import { mp } from './parse.js';
import type { Section } from './section.js';
import type { MeterState } from './state.js';
import { activePrice } from './tariff.js';

export interface ChargesSlice {
  meterBalance: number;
  /** the load now, W */
  loadW: number;
  energy: {
    importJ: number;
    /** below-1-mp remainder of price x J, in mp*J/kWh units (< 3.6e6) */
    costRemainder: number;
  };
}

/** credit = meterBalance + (EC active ? EC balance : 0) */
export function creditOf(s: MeterState): number {
  return s.meterBalance + (s.emergencyCredit.state === 'active' ? s.emergencyCredit.balance : 0);
}

/**
 * Take `c` mp through the charge path: from a positive meter balance, then from active EC, then the
 * meter balance goes negative. Logs `lowCredit` when it takes credit below the threshold.
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

/** Charge (mp) after which credit falls below `threshold`, or Infinity when it is below already. */
export function chargeToFallBelow(s: MeterState, threshold: number): number {
  const credit = creditOf(s);
  return credit >= threshold ? credit - threshold + 1 : Infinity;
}

/** Whether energy flows: power on, supply enabled, a load. */
export function importing(s: MeterState): boolean {
  return s.power && s.supply === 'enabled' && s.loadW > 0;
}

/** Import `energyJ` at the price in force at `priceTime`, charged in prepayment mode. */
function chargeEnergy(s: MeterState, energyJ: number, priceTime: number): void {
  s.energy.importJ += energyJ;
  if (s.paymentMode !== 'prepayment') return;
  const cost = energyCost(activePrice(s.tariff, priceTime), energyJ, s.energy.costRemainder);
  s.energy.costRemainder = cost.remainder;
  charge(s, cost.chargeMp);
}

/** Import `energyJ` now at the active price (a `consume`). */
export function importEnergy(s: MeterState, energyJ: number): void {
  chargeEnergy(s, energyJ, s.time);
}

/**
 * Run the current load for `seconds`, ending at `endTime`, where the charge is stamped. The price is
 * the one at the stretch's start: the timeline ends a stretch at every TOU switch and price change.
 */
export function runLoad(s: MeterState, seconds: number, endTime: number): void {
  const priceTime = s.time;
  s.time = endTime;
  if (importing(s)) chargeEnergy(s, s.loadW * seconds, priceTime);
}

/** The standing charge's next instant: the next local midnight. */
export function nextStandingCharge(s: MeterState): number {
  return nextLocalMidnight(s.time);
}

/** At a local midnight, in prepayment mode, the day's standing charge (after the debt caps reset). */
export function chargeStandingCharge(s: MeterState, local: LocalTime): void {
  if (local.secondOfDay === 0 && s.paymentMode === 'prepayment') charge(s, s.tariff.standingCharge);
}

export const CHARGES: Section<keyof ChargesSlice, { meterBalance: number; load: { watts: number }; energy: { importJ: number } }> = {
  owns: ['meterBalance', 'loadW', 'energy'],
  factory: () => ({ meterBalance: 0, loadW: 0, energy: { importJ: 0, costRemainder: 0 } }),
  copy: (d, s) => {
    d.energy = { importJ: s.energy.importJ, costRemainder: s.energy.costRemainder };
  },
  configure: (s, m) => {
    if (m.meterBalance !== undefined) s.meterBalance = mp(m.meterBalance, 'meter.meterBalance');
  },
  readout: (s) => ({ meterBalance: s.meterBalance, load: { watts: s.loadW }, energy: { importJ: s.energy.importJ } }),
};
