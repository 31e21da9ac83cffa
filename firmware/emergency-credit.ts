// Emergency credit (prepayment.md sections 4 and 5): unavailable until the meter balance falls below
// the EC threshold, then available; active once button A (or the PPMID) takes it up; exhausted when
// spent. A top-up that refills it returns it to unavailable, or to available if the balance is still
// low (clarifications 31).
import { prepaymentMode as prepayment } from './payment-mode.js';
import { effect, not, rule, SETTLE, take, type Region } from './region.js';
import { mpPos, obj, oneOf, pick } from './parse.js';
import type { Section } from './section.js';
import { factoryConfig } from './settings.js';
import type { MeterState } from './state.js';

export type EcState = 'unavailable' | 'available' | 'active' | 'exhausted';

export interface EmergencyCreditSlice {
  emergencyCredit: { state: EcState; balance: number };
}

export type EcEvent = typeof SETTLE | 'BUTTON_A' | 'TOP_UP' | 'REVERT_BALANCES';

export const balanceBelowEcThreshold = rule('balanceBelowEcThreshold', 'meterBalance < emergencyCreditThreshold', (s) => s.meterBalance < s.config.emergencyCreditThreshold);
const ecSpent = rule('ecSpent', 'the emergency credit balance is 0 or less', (s) => s.emergencyCredit.balance <= 0);
const ecRefilled = rule('ecRefilled', 'the top-up has refilled emergency credit to emergencyCreditLimit', (s) => s.emergencyCredit.balance >= s.config.emergencyCreditLimit);
const refill = effect('refillToLimit', (s) => {
  s.emergencyCredit.balance = s.config.emergencyCreditLimit;
});

export const EMERGENCY_CREDIT: Region<EcState, EcEvent> = {
  name: 'emergencyCredit',
  about: 'emergency credit (sections 4 and 5)',
  states: ['unavailable', 'available', 'active', 'exhausted'],
  get: (s) => s.emergencyCredit.state,
  set: (s, to) => {
    s.emergencyCredit.state = to;
  },
  transitions: [
    // Section 4, in prepayment mode only: one step per evaluation, as the states exclude each other.
    { on: SETTLE, from: ['unavailable'], to: 'available', when: [prepayment, balanceBelowEcThreshold], log: ['emergencyCreditAvailable'] },
    { on: SETTLE, from: ['available'], to: 'unavailable', when: [prepayment, not(balanceBelowEcThreshold)] },
    { on: SETTLE, from: ['active'], to: 'exhausted', when: [prepayment, ecSpent], log: ['emergencyCreditExhausted'] },
    { on: 'BUTTON_A', from: ['available'], to: 'active', log: ['emergencyCreditActivated'] },
    // Step 3 of a top-up, in either payment mode, once the top-up has refilled it.
    { on: 'TOP_UP', from: ['active', 'exhausted'], to: 'available', when: [ecRefilled, balanceBelowEcThreshold], log: ['emergencyCreditAvailable'] },
    { on: 'TOP_UP', from: ['active', 'exhausted'], to: 'unavailable', when: [ecRefilled] },
    // RevertToDefaults' balances scope: back to the factory state, refilled.
    { on: 'REVERT_BALANCES', from: ['unavailable', 'available', 'active', 'exhausted'], to: 'unavailable', do: refill },
  ],
};

export type EcRefusal = 'ecNotAvailable';

/** Button A at the meter or on the PPMID: take up emergency credit when it is available. */
export function activateEmergencyCredit(s: MeterState): EcRefusal | null {
  return take(EMERGENCY_CREDIT, s, 'BUTTON_A', undefined) ? null : 'ecNotAvailable';
}

/** Section 4 for emergency credit at the state's current time. */
export function settleEmergencyCredit(s: MeterState): void {
  take(EMERGENCY_CREDIT, s, SETTLE, undefined);
}

/**
 * Charge (mp) after which emergency credit changes state under a constant load, or Infinity: the
 * balance falling below the EC threshold, or active EC spent.
 */
export function chargeToEcChange(s: MeterState): number {
  const ec = s.emergencyCredit;
  if (ec.state === 'unavailable' && s.meterBalance >= s.config.emergencyCreditThreshold) return s.meterBalance - s.config.emergencyCreditThreshold + 1;
  if (ec.state === 'active' && ec.balance > 0) return Math.max(s.meterBalance, 0) + ec.balance;
  return Infinity;
}

export const EMERGENCY_CREDIT_SECTION: Section<keyof EmergencyCreditSlice, EmergencyCreditSlice> = {
  owns: ['emergencyCredit'],
  factory: () => ({ emergencyCredit: { state: 'unavailable', balance: factoryConfig().emergencyCreditLimit } }),
  copy: (d, s) => {
    d.emergencyCredit = { state: s.emergencyCredit.state, balance: s.emergencyCredit.balance };
  },
  configure: (s, m) => {
    // Full, at the configured limit, unless given (the configuration's settings come first).
    s.emergencyCredit.balance = s.config.emergencyCreditLimit;
    if (m.emergencyCredit === undefined) return;
    pick(s.emergencyCredit, obj(m.emergencyCredit, 'meter.emergencyCredit'), 'meter.emergencyCredit', {
      state: (v, p) => oneOf(v, p, ['unavailable', 'available', 'active', 'exhausted'] as const),
      balance: mpPos,
    });
  },
  readout: (s) => ({ emergencyCredit: { state: s.emergencyCredit.state, balance: s.emergencyCredit.balance } }),
};
