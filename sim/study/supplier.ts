// What the supplier does for the event, as the commands MP094 lists: a non-disconnect period over the
// snap, wider friendly credit, debt recovery paused and restored, free top-ups for vulnerable
// households, and the unit price of the new cap from the cap date.
import { HOUR, toLocal } from '../../firmware/clock.js';
import { COMMAND_BY_NAME, type CommandName } from '../../firmware/tokens/command-table.js';
import type { EventTimes } from './event.js';
import type { StudyParams } from './params.js';
import { TARIFF, type Household } from './population.js';

export type CommandKind = 'nonDisconnect' | 'friendlyCredit' | 'debtPause' | 'debtRestore' | 'freeTopUp' | 'price';

export interface PlannedCommand {
  kind: CommandKind;
  /** when the supplier issues it */
  at: number;
  command: CommandName | 'TopUp';
  fields: Record<string, number>;
}

const local = (t: number) => {
  const l = toLocal(t);
  return { day: l.day, minute: l.minute };
};

/** The new unit price (mp/kWh) after the cap change, rounded to the whole mp. */
export const newUnitPrice = (p: StudyParams, fuel: Household['fuel']) => Math.round((TARIFF[fuel].unitMpPerKwh * (10_000 + p.supplier.priceChangeBp)) / 10_000);

/** The supplier's commands for one household, in issue order. */
export function planFor(p: StudyParams, e: EventTimes, h: Household): PlannedCommand[] {
  const s = p.supplier;
  const plan: PlannedCommand[] = [];
  const from = local(e.snapStart);
  const until = local(e.snapEnd + s.nonDisconnectAfterHours * HOUR);
  plan.push({
    kind: 'nonDisconnect',
    at: e.announce,
    command: 'SetNonDisconnect',
    fields: { slot: 0, enabled: 1, startDay: from.day, startMinute: from.minute, endDay: until.day, endMinute: until.minute },
  });
  if (s.widenFriendlyCredit) {
    plan.push({ kind: 'friendlyCredit', at: e.announce, command: 'SetFriendlyCredit', fields: { slot: 1, enabled: 1, daysMask: 127, startMinute: 12 * 60, endMinute: 18 * 60 } });
  }
  if (s.debtRelief && h.timeDebt.amountMp > 0) {
    // SetConfig parameter 5, debtRecoveryRateCap in pence per day (tokens.md table 7): 0 pauses the
    // time-debt instalments; the factory cap of GBP 10 a day comes back when the snap ends.
    plan.push({ kind: 'debtPause', at: e.announce, command: 'SetConfig', fields: { parameter: 5, sign: 0, value: 0 } });
    plan.push({ kind: 'debtRestore', at: e.snapEnd, command: 'SetConfig', fields: { parameter: 5, sign: 0, value: 1000 } });
  }
  if (s.freeTopUpPounds > 0 && h.vulnerable) plan.push({ kind: 'freeTopUp', at: e.announce, command: 'TopUp', fields: { pounds: s.freeTopUpPounds } });
  if (s.priceChangeBp !== 0 && e.capAt > e.start) {
    const cap = local(e.capAt);
    plan.push({ kind: 'price', at: e.priceSentAt, command: 'ChangePrice', fields: { element: 0, price: newUnitPrice(p, h.fuel), activationDay: cap.day, activationMinute: cap.minute } });
  }
  return plan.sort((a, b) => a.at - b.at);
}

/** Digits of a command's token (tokens.md table 6; a top-up is a 20-digit GBCS UTRN). */
export const digitsOf = (c: PlannedCommand): 20 | 40 | 60 => (c.command === 'TopUp' ? 20 : COMMAND_BY_NAME.get(c.command)!.digits);
