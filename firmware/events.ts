// The event log (prepayment.md section 7, clarifications 3): append-only and in time order. The entries
// one input raises at one instant are in the table's order (entries sharing a row keep the order in
// which they were raised); a later input's entries come after every earlier input's, never sorted in
// among them: the log is a record of causes.
import { insertCapped } from './capped.js';
import { toIso } from './clock.js';
import type { Section } from './section.js';
import type { MeterState } from './state.js';

export interface LogEntry {
  time: number;
  code: number;
  name: string;
}

export const EVENT_LOG_LIMIT = 100;

export interface EventsSlice {
  /** the log, oldest first, at most EVENT_LOG_LIMIT; replaced, never changed in place */
  events: LogEntry[];
  /** Index in `events` of the first entry of the input being applied (`beginInput`). */
  inputLogStart: number;
}

/** name -> [table row, code] */
const TABLE = {
  lowCredit: [0, 0x810d],
  belowDisablementThreshold: [1, 0x8f0f],
  emergencyCreditAvailable: [2, 0x8119],
  emergencyCreditActivated: [3, 0x81ab],
  emergencyCreditExhausted: [4, 0x81aa],
  creditAddedLocally: [5, 0x810e],
  debtCollectionCompleted: [6, 0x81a7],
  supplyArmed: [7, 0x0001],
  supplyEnabled: [7, 0x0002],
  supplyDisabled: [7, 0x0003],
  tokenRejected: [8, 0x0010],
  keypadLocked: [9, 0x0011],
  powerOff: [10, 0x0020],
  powerOn: [10, 0x0021],
} as const;

export type EventName = keyof typeof TABLE;

/** debtCollectionCompleted codes per register: time debt 1, time debt 2, payment debt. */
const DEBT_COMPLETED_CODES = [0x81a7, 0x81a8, 0x81a9] as const;

function rowOf(name: string): number {
  return (TABLE as Record<string, readonly [number, number]>)[name]?.[0] ?? 99;
}

/**
 * Log an event at the state's current time (mutates the draft state). The log array itself is
 * replaced, never changed in place: drafts share their logs with the state they came from.
 */
export function logEvent(s: MeterState, name: EventName, code: number = TABLE[name][1]): void {
  const entry = { time: s.time, code, name };
  const row = TABLE[name][0];
  const log = s.events;
  // Only this input's own entries at this instant can be passed: the scan is bounded by what one
  // input raises, so logging stays linear in the log's length.
  let i = log.length;
  while (i > s.inputLogStart) {
    const prev = log[i - 1]!;
    if (prev.time < entry.time || (prev.time === entry.time && rowOf(prev.name) <= row)) break;
    i--;
  }
  const over = Math.max(0, log.length + 1 - EVENT_LOG_LIMIT);
  s.events = insertCapped(log, i, entry, EVENT_LOG_LIMIT);
  s.inputLogStart = Math.max(0, s.inputLogStart - over);
}

/** Clear the event log (RevertToDefaults' logs scope): this input's earlier entries go too. */
export function clearEvents(s: MeterState): void {
  s.events = [];
  s.inputLogStart = 0;
}

export function logDebtCompleted(s: MeterState, register: 0 | 1 | 2): void {
  logEvent(s, 'debtCollectionCompleted', DEBT_COMPLETED_CODES[register]);
}

export const EVENTS: Section<keyof EventsSlice, { events: { time: string; code: number; name: string }[] }> = {
  owns: ['events', 'inputLogStart'],
  factory: () => ({ events: [], inputLogStart: 0 }),
  readout: (s) => ({ events: s.events.map((e) => ({ time: toIso(e.time), code: e.code, name: e.name })) }),
};
