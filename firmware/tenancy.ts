// Change of tenancy (prepayment.md section 6 RevertToDefaults, clarifications 23 and 30): what was
// commissioned, kept to return to, and the revert itself, scope by scope. Each section says what of
// it is commissioned and how it is restored; this file only orders the scopes.
import { copyCalendars, type Calendars } from './calendar.js';
import { toLocal } from './clock.js';
import { creditOf, noteCreditDrop } from './charges.js';
import { debtTermsOf, revertDebts, type DebtTerms } from './debt.js';
import { EMERGENCY_CREDIT } from './emergency-credit.js';
import { clearEvents } from './events.js';
import { take } from './region.js';
import type { Section } from './section.js';
import { copyConfig, setConfig, type MeterConfig } from './settings.js';
import type { MeterState } from './state.js';
import { clearPendingPrices, commissionedTariffOf, revertTariff, type CommissionedTariff } from './tariff.js';

/** The parts RevertToDefaults restores (prepayment.md section 6). */
export interface Commissioned {
  config: MeterConfig;
  tariff: CommissionedTariff;
  calendars: Calendars;
  debtTerms: DebtTerms;
}

export interface TenancySlice {
  /** local day the tenancy started (RevertToDefaults), or null */
  tenancyStartDay: number | null;
  /** what commissioning set: never changed in place, shared by drafts */
  commissioned: Commissioned;
}

/** Snapshot of the configuration parts RevertToDefaults returns to. */
export function commissionedOf(s: MeterState): Commissioned {
  return { config: copyConfig(s.config), tariff: commissionedTariffOf(s), calendars: copyCalendars(s.calendars), debtTerms: debtTermsOf(s) };
}

export const TENANCY: Section<keyof TenancySlice, { tenancyStartDay: number | null }> = {
  owns: ['tenancyStartDay', 'commissioned'],
  // The factory meter is commissioned as it is: sections.ts fills this in from the finished state.
  factory: () => ({ tenancyStartDay: null, commissioned: undefined as unknown as Commissioned }),
  readout: (s) => ({ tenancyStartDay: s.tenancyStartDay }),
};

export const SCOPE = { balances: 1, debts: 2, tariff: 4, calendars: 8, config: 16, logs: 32, han: 64 } as const;

/**
 * Change of tenancy (clarifications 23): configuration parts back to the commissioned values first,
 * then data removed. Never touches payment mode, keys, the counter cache or lockouts; sets counterFloor.
 */
export function revertToDefaults(s: MeterState, scope: number, tenancyDay: number, utrnCounter: number): void {
  const c = s.commissioned;
  if (scope & SCOPE.config) {
    s.config = copyConfig(c.config);
    setConfig(s, 'emergencyCreditLimit', c.config.emergencyCreditLimit);
  }
  if (scope & SCOPE.tariff) revertTariff(s, c.tariff);
  if (scope & SCOPE.calendars) s.calendars = copyCalendars(c.calendars);
  // All four registers, accumulatedDebt included (clarifications 30).
  if (scope & SCOPE.debts) revertDebts(s, c.debtTerms);
  if (scope & SCOPE.balances) {
    // Clearing the balances is a fall in credit like any other (clarifications 29); raised here, before
    // a logs scope clears the log, it goes with the log.
    const before = creditOf(s);
    s.meterBalance = 0;
    take(EMERGENCY_CREDIT, s, 'REVERT_BALANCES', undefined);
    s.accumulatedDebt = 0;
    noteCreditDrop(s, before);
  }
  if (scope & SCOPE.tariff) clearPendingPrices(s);
  if (scope & SCOPE.logs) {
    clearEvents(s);
    s.topUps = [];
    s.debtRecovery = [];
  }
  if (scope & SCOPE.han) s.han = { joinWindow: null, devices: [] };
  s.counterFloor = Math.max(s.counterFloor, utrnCounter);
  s.tenancyStartDay = tenancyDay === 0 ? toLocal(s.time).day : tenancyDay;
}
