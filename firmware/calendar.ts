// Friendly-credit (weekly) and non-disconnect (one-off) periods, half-open [start, end) in local
// time (prepayment.md section 4).
import { fromLocal, toIso, toLocal } from './clock.js';
import { arr, bool, fail, instant, mask, minute, obj, pick, type Obj } from './parse.js';
import type { Section } from './section.js';
import type { MeterState } from './state.js';

export interface FriendlyCredit {
  enabled: boolean;
  daysMask: number;
  startMinute: number;
  endMinute: number;
}

export interface NonDisconnect {
  enabled: boolean;
  /** UTC seconds, null when disabled */
  start: number | null;
  end: number | null;
}

/** Replaced, never changed in place: shared by drafts. */
export interface Calendars {
  readonly friendlyCredit: readonly FriendlyCredit[];
  readonly nonDisconnect: readonly NonDisconnect[];
}

export interface CalendarsSlice {
  calendars: Calendars;
}

export function clearedFriendlyCredit(): FriendlyCredit {
  return { enabled: false, daysMask: 0, startMinute: 0, endMinute: 0 };
}

export function clearedNonDisconnect(): NonDisconnect {
  return { enabled: false, start: null, end: null };
}

/** A deep copy (the commissioned calendars, and what RevertToDefaults restores from them). */
export function copyCalendars(c: Calendars): Calendars {
  return { friendlyCredit: c.friendlyCredit.map((f) => ({ ...f })), nonDisconnect: c.nonDisconnect.map((n) => ({ ...n })) };
}

/** [start, end) of the friendly-credit period starting on local day `day`, or null. */
function friendlyPeriod(f: FriendlyCredit, day: number): readonly [number, number] | null {
  if (!f.enabled || ((f.daysMask >> ((((day + 5) % 7) + 7) % 7)) & 1) === 0) return null;
  // endMinute <= startMinute ends on the next day; equal means 24 hours (clarifications 25).
  const endDay = f.endMinute <= f.startMinute ? day + 1 : day;
  return [fromLocal(day, f.startMinute), fromLocal(endDay, f.endMinute)];
}

/** Whether any enabled friendly-credit or non-disconnect period is in force at t. */
export function periodInForce(c: Calendars, t: number): boolean {
  for (const n of c.nonDisconnect) {
    if (n.enabled && n.start !== null && n.end !== null && t >= n.start && t < n.end) return true;
  }
  const today = toLocal(t).day;
  for (const f of c.friendlyCredit) {
    // A period that started yesterday may still run today.
    for (const d of [today - 1, today]) {
      const p = friendlyPeriod(f, d);
      if (p && t >= p[0] && t < p[1]) return true;
    }
  }
  return false;
}

/** First calendar edge (a period's start or end) strictly after t, or Infinity. */
export function nextCalendarEdge(c: Calendars, t: number): number {
  let next = Infinity;
  const consider = (at: number) => {
    if (at > t && at < next) next = at;
  };
  for (const n of c.nonDisconnect) {
    if (n.enabled && n.start !== null && n.end !== null) {
      consider(n.start);
      consider(n.end);
    }
  }
  const today = toLocal(t).day;
  for (const f of c.friendlyCredit) {
    if (!f.enabled) continue;
    for (let d = today - 1; d <= today + 8; d++) {
      const p = friendlyPeriod(f, d);
      if (p) {
        consider(p[0]);
        consider(p[1]);
      }
    }
  }
  return next;
}

function configureCalendars(s: MeterState, c: Obj): void {
  const friendlyCredit = s.calendars.friendlyCredit.slice();
  const nonDisconnect = s.calendars.nonDisconnect.slice();
  if (c.friendlyCredit !== undefined) {
    arr(c.friendlyCredit, 'meter.calendars.friendlyCredit', 8).forEach((e, i) => {
      const path = `meter.calendars.friendlyCredit[${i}]`;
      const slot = { ...friendlyCredit[i]! };
      pick(slot, obj(e, path), path, { enabled: bool, daysMask: mask, startMinute: minute, endMinute: minute });
      friendlyCredit[i] = slot.enabled ? slot : clearedFriendlyCredit();
    });
  }
  if (c.nonDisconnect !== undefined) {
    arr(c.nonDisconnect, 'meter.calendars.nonDisconnect', 8).forEach((e, i) => {
      const path = `meter.calendars.nonDisconnect[${i}]`;
      // Element-wise like every other array (clarifications 35): the keys given override the slot as
      // it was, so a slot without `enabled` stays as disabled as the factory left it.
      const slot = { ...nonDisconnect[i]! };
      pick(slot, obj(e, path), path, { enabled: bool, start: instant, end: instant });
      if (slot.enabled && (slot.start === null || slot.end === null)) fail(path, 'start and end for an enabled period', e);
      nonDisconnect[i] = slot.enabled ? slot : clearedNonDisconnect();
    });
  }
  s.calendars = { friendlyCredit, nonDisconnect };
}

const iso = (t: number | null) => (t === null ? null : toIso(t));

export const CALENDARS: Section<
  keyof CalendarsSlice,
  { calendars: { friendlyCredit: FriendlyCredit[]; nonDisconnect: { enabled: boolean; start: string | null; end: string | null }[]; inForce: boolean } }
> = {
  owns: ['calendars'],
  factory: () => ({
    calendars: { friendlyCredit: Array.from({ length: 8 }, clearedFriendlyCredit), nonDisconnect: Array.from({ length: 8 }, clearedNonDisconnect) },
  }),
  configure: (s, m) => {
    if (m.calendars !== undefined) configureCalendars(s, obj(m.calendars, 'meter.calendars'));
  },
  readout: (s) => ({
    calendars: {
      friendlyCredit: s.calendars.friendlyCredit.map((f) => ({ ...f })),
      nonDisconnect: s.calendars.nonDisconnect.map((n) => ({ enabled: n.enabled, start: iso(n.start), end: iso(n.end) })),
      inForce: periodInForce(s.calendars, s.time),
    },
  }),
};
