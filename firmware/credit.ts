// Section 4 of prepayment.md, evaluated after every change: emergency credit first (its state decides
// what counts as credit), then the supply. Each is a region of the meter's finite-state spec, in
// emergency-credit.ts and supply.ts.
import { settleEmergencyCredit, type EcRefusal } from './emergency-credit.js';
import type { MeterState } from './state.js';
import { settleSupply, type SupplyRefusal } from './supply.js';

/** Why button A or B did nothing. */
export type LocalRefusal = EcRefusal | SupplyRefusal;

/** Section 4 at the state's current time. Idempotent. */
export function evaluateCredit(s: MeterState): void {
  settleEmergencyCredit(s);
  settleSupply(s);
}
