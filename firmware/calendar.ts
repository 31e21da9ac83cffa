// Friendly-credit (weekly) and non-disconnect (one-off) periods, half-open [start, end) in local
// time (prepayment.md section 4).
import { fromLocal, toLocal } from './clock.js';
import type { Calendars, FriendlyCredit } from './state.js';

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
