// Words a customer reads on the emulator's screen (tokens.md section 9): never a code name. Shared
// by every front end that shows the meter to a person.
import { tokenOf, type Outcome } from '../firmware/meter.js';
import type { EventName } from '../firmware/events.js';
import type { MeterState } from '../firmware/state.js';
import { isLocked } from '../firmware/keypad.js';
import { lockedWords } from '../firmware/tokens/results.js';

/** The event log in plain words (prepayment.md section 7 names the events; these say what happened). */
export const EVENT_WORDS: Record<EventName, string> = {
  lowCredit: 'Credit is low',
  belowDisablementThreshold: 'Credit ran out',
  emergencyCreditAvailable: 'Emergency available',
  emergencyCreditActivated: 'Emergency credit on',
  emergencyCreditExhausted: 'Emergency used up',
  creditAddedLocally: 'Credit added',
  debtCollectionCompleted: 'Debt paid off',
  supplyArmed: 'Press B for supply',
  supplyEnabled: 'Supply on',
  supplyDisabled: 'Supply off',
  tokenRejected: 'Code not accepted',
  keypadLocked: 'Keypad locked',
  powerOff: 'Power cut',
  powerOn: 'Power back',
};

export function eventWords(name: string): string {
  return (EVENT_WORDS as Record<string, string>)[name] ?? name;
}

/** The keypad lock counting down in whole minutes (at least 1), or '' when the keypad is not locked. */
export function lockWords(meter: MeterState): string {
  return isLocked(meter.keypad, meter.time) ? lockedWords(meter, meter.keypad.lockedUntil!) : '';
}

/** What the meter shows after button A (emergency credit) or B (enable supply). */
export function buttonWords(button: 'A' | 'B', outcome: Outcome, meter: MeterState): string {
  if (outcome.kind !== 'button') return outcomeWords(outcome);
  if (outcome.accepted) return button === 'A' ? 'EMERGENCY CREDIT ON' : 'SUPPLY ON';
  switch (outcome.reason) {
    case 'ecNotAvailable':
      return meter.emergencyCredit.state === 'active'
        ? 'EMERGENCY CREDIT ALREADY ON'
        : meter.emergencyCredit.state === 'exhausted'
          ? 'EMERGENCY CREDIT USED UP'
          : 'NO EMERGENCY CREDIT NOW';
    case 'gasLocalOnly':
      return 'PRESS B ON THE GAS METER';
    case 'notArmed':
      return meter.supply === 'enabled' ? 'SUPPLY ALREADY ON' : 'SUPPLY OFF: ADD CREDIT FIRST';
  }
}

/** What the meter shows after a token or an envelope: its display line, or why nothing happened. */
export function outcomeWords(outcome: Outcome): string {
  if (outcome.kind === 'refused') return outcome.code === 'powerOff' ? 'NO POWER' : 'NOT ACCEPTED';
  return tokenOf(outcome)?.display ?? '';
}
