// The supply (prepayment.md section 4, clarifications 14 and 15): enabled, armed (waiting for button
// B), disabled for credit (re-armed when credit returns) or disabled by command (until a command or a
// change of tenancy). Disablement for credit waits while a friendly-credit or non-disconnect period
// is in force. A gas meter is only enabled at the meter itself: from anywhere else it is armed.
import { nextCalendarEdge, periodInForce } from './calendar.js';
import { creditOf } from './charges.js';
import { creditMode, prepaymentMode as prepayment } from './payment-mode.js';
import { not, rule, SETTLE, take, type Region } from './region.js';
import { oneOf } from './parse.js';
import type { Section } from './section.js';
import type { Source } from './keypad.js';
import type { MeterState } from './state.js';

export type Supply = 'enabled' | 'armed' | 'disabled';
export type DisableReason = 'credit' | 'command' | null;

export interface SupplySlice {
  supply: Supply;
  /** why a disabled supply is off; null while enabled or armed */
  disableReason: DisableReason;
}

export type SupplyState = 'enabled' | 'armed' | 'disabledForCredit' | 'disabledByCommand';
export type SupplyEvent = typeof SETTLE | 'BUTTON_B' | 'SUPPLY_ENABLE' | 'SUPPLY_ARM' | 'SUPPLY_DISABLE';
/** Where a button was pressed or a command came from: the meter itself, the PPMID, or an envelope. */
export type Via = 'meter' | 'ppmid' | 'envelope';

export const creditBelowDisablement = rule<Via | undefined>('creditBelowDisablement', 'credit (meterBalance, plus the EC balance while EC is active) < disablementThreshold', (s) => creditOf(s) < s.config.disablementThreshold);
const inForce = rule<Via | undefined>('periodInForce', 'a friendly-credit or non-disconnect period is in force now', (s) => periodInForce(s.calendars, s.time));
const gasAwayFromMeter = rule<Via | undefined>('gasAwayFromMeter', 'a gas meter, and the button or command is not at the meter itself (PPMID, relayed token, envelope)', (s, via) => s.fuel === 'gas' && via !== 'meter');

const DISABLED: readonly SupplyState[] = ['disabledForCredit', 'disabledByCommand'];
const ALL: readonly SupplyState[] = ['enabled', 'armed', 'disabledForCredit', 'disabledByCommand'];

const STORED: Record<SupplyState, [Supply, DisableReason]> = {
  enabled: ['enabled', null],
  armed: ['armed', null],
  disabledForCredit: ['disabled', 'credit'],
  disabledByCommand: ['disabled', 'command'],
};

export const SUPPLY: Region<SupplyState, SupplyEvent, Via | undefined> = {
  name: 'supply',
  about: 'the supply (section 4)',
  states: ALL,
  get: (s) => (s.supply !== 'disabled' ? s.supply : s.disableReason === 'credit' ? 'disabledForCredit' : 'disabledByCommand'),
  set: (s, to) => {
    [s.supply, s.disableReason] = STORED[to];
  },
  transitions: [
    { on: SETTLE, from: ['enabled', 'armed'], to: 'disabledForCredit', when: [prepayment, creditBelowDisablement, not(inForce)], log: ['belowDisablementThreshold', 'supplyDisabled'] },
    { on: SETTLE, from: ['disabledForCredit'], to: 'armed', when: [creditMode], log: ['supplyArmed'] },
    { on: SETTLE, from: ['disabledForCredit'], to: 'armed', when: [not(creditBelowDisablement)], log: ['supplyArmed'] },
    { on: 'BUTTON_B', from: ['armed'], to: 'enabled', when: [not(gasAwayFromMeter)], log: ['supplyEnabled'] },
    { on: 'SUPPLY_ENABLE', from: ['armed', ...DISABLED], to: 'enabled', when: [not(gasAwayFromMeter)], log: ['supplyEnabled'] },
    { on: 'SUPPLY_ENABLE', from: DISABLED, to: 'armed', when: [gasAwayFromMeter], log: ['supplyArmed'] },
    { on: 'SUPPLY_ARM', from: DISABLED, to: 'armed', log: ['supplyArmed'] },
    { on: 'SUPPLY_DISABLE', from: ['enabled', 'armed'], to: 'disabledByCommand', log: ['supplyDisabled'] },
    // Already off for credit: the reason changes, the supply does not.
    { on: 'SUPPLY_DISABLE', from: ['disabledForCredit'], to: 'disabledByCommand' },
  ],
};

export type SupplyRefusal = 'notArmed' | 'gasLocalOnly';

/** Button B at the meter, or on the PPMID for electricity only: enable an armed supply. */
export function enableArmedSupply(s: MeterState, where: 'meter' | 'ppmid'): SupplyRefusal | null {
  if (take(SUPPLY, s, 'BUTTON_B', where)) return null;
  return gasAwayFromMeter.holds(s, where) ? 'gasLocalOnly' : 'notArmed';
}

/** The `Supply` command, from the meter's own keypad, the PPMID or an envelope (section 4 follows). */
export function supplyCommand(s: MeterState, action: 'arm' | 'disable' | 'enable', from: Source | 'envelope'): void {
  take(SUPPLY, s, action === 'arm' ? 'SUPPLY_ARM' : action === 'disable' ? 'SUPPLY_DISABLE' : 'SUPPLY_ENABLE', from === 'keypad' ? 'meter' : from);
}

/** Section 4 for the supply at the state's current time (after emergency credit's). */
export function settleSupply(s: MeterState): void {
  take(SUPPLY, s, SETTLE, undefined);
}

/** Whether disablement for credit is waiting on a friendly-credit/non-disconnect period to end. */
export function disablementDeferred(s: MeterState): boolean {
  // The first settle row's rules less `periodInForce`: it would be taken but for the period.
  return (s.supply === 'enabled' || s.supply === 'armed') && prepayment.holds(s, undefined) && creditBelowDisablement.holds(s, undefined);
}

/** The supply's next boundary: while disablement waits, the next calendar edge. */
export function nextSupplyBoundary(s: MeterState): number {
  return disablementDeferred(s) ? nextCalendarEdge(s.calendars, s.time) : Infinity;
}

export const SUPPLY_SECTION: Section<keyof SupplySlice, SupplySlice> = {
  owns: ['supply', 'disableReason'],
  factory: () => ({ supply: 'enabled', disableReason: null }),
  configure: (s, m) => {
    if (m.supply !== undefined) s.supply = oneOf(m.supply, 'meter.supply', ['enabled', 'armed', 'disabled'] as const);
    if (m.disableReason !== undefined) s.disableReason = m.disableReason === null ? null : oneOf(m.disableReason, 'meter.disableReason', ['credit', 'command'] as const);
    // Also when only the reason is given: the factory supply is enabled, and an enabled or armed supply has none.
    if (s.supply !== 'disabled') s.disableReason = null;
    if (s.supply === 'disabled' && s.disableReason === null) s.disableReason = 'command'; // clarifications 15
  },
  readout: (s) => ({ supply: s.supply, disableReason: s.disableReason }),
};
