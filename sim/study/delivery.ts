// How each supplier command reaches a meter, in each arm. WAN meters get it within minutes. A meter
// without WAN gets it, with MP094, as a token texted to the customer and typed after a drawn delay
// (or never); without MP094 only at a site visit (a free top-up may instead go as a texted UTRN, by
// parameter). An intermittent meter gets it when its WAN comes back, and with MP094 also by text
// if the WAN has not delivered within smsAfterHours (the later arrival is then a Duplicate).
import { HOUR, fromLocal, toLocal } from '../../firmware/clock.js';
import type { EventTimes } from './event.js';
import type { StudyParams } from './params.js';
import type { Household, Site } from './population.js';
import { STREAM, lognormal, stream, uniform } from './random.js';
import type { PlannedCommand } from './supplier.js';

export type Arm = 'with' | 'without';
export type Route = { how: 'wan'; at: number } | { how: 'text'; sentAt: number } | { how: 'visit'; at: number };

/** Routes of command k of a household's plan in one arm (possibly none: it never arrives). */
export function routesOf(p: StudyParams, h: Household, c: PlannedCommand, k: number, arm: Arm, visitAt: number | null): Route[] {
  const wanDelay = 60 + Math.floor(uniform(p.seed, h.index, STREAM.delivery, k) * (p.delivery.wanMinutes * 60 - 59));
  if (h.wan === 'ok') return [{ how: 'wan', at: c.at + wanDelay }];
  if (h.wan === 'intermittent') {
    const o = h.outage!;
    if (c.at < o.from || c.at >= o.until) return [{ how: 'wan', at: c.at + wanDelay }];
    const routes: Route[] = [{ how: 'wan', at: o.until + wanDelay }];
    const textAt = c.at + p.delivery.smsAfterHours * HOUR;
    if (arm === 'with' && textAt < o.until) routes.push({ how: 'text', sentAt: textAt });
    return routes;
  }
  if (arm === 'with' || (c.command === 'TopUp' && p.delivery.freeTopUpWithoutMp094 === 'utrn')) return [{ how: 'text', sentAt: c.at }];
  return visitAt !== null && visitAt >= c.at ? [{ how: 'visit', at: visitAt }] : [];
}

/**
 * When the customer types a batch of tokens texted at `sentAt`, or null if never: a lognormal delay
 * (sigma 1) around the median, moved out of the night (23:00-07:00 local) to the next morning.
 * Drawn from the meter and the batch time only, so it is the same in both arms.
 */
export function typedAt(p: StudyParams, h: Household, sentAt: number): number | null {
  const r = stream(p.seed, h.index, STREAM.delivery, 0x7e47, sentAt);
  const d = p.delivery;
  if (r() < (h.vulnerable ? d.neverTypeShareVulnerable : d.neverTypeShare)) return null;
  return awake(sentAt + Math.round(lognormal(r(), r(), h.vulnerable ? d.typingMedianHoursVulnerable : d.typingMedianHours, 1) * HOUR), r());
}

/** `t`, or if it falls at night, a time in the next 07:00-09:00 local. */
export function awake(t: number, u: number): number {
  const l = toLocal(t);
  const hour = Math.floor(l.secondOfDay / HOUR);
  if (hour >= 7 && hour < 23) return t;
  const day = hour >= 23 ? l.day + 1 : l.day;
  return fromLocal(day, 7 * 60) + Math.floor(u * 2 * HOUR);
}

/** Site visits a day for the fleet: the capacity per 10,000 meters, at least one when any is allowed. */
export const visitsPerDay = (p: StudyParams) => (p.delivery.visitsPerDayPer10k === 0 ? 0 : Math.max(1, Math.round((p.delivery.visitsPerDayPer10k * p.meters) / 10_000)));

/**
 * The site-visit schedule without MP094, fleet-wide: every meter without WAN needs a visit for the
 * event's commands. Vulnerable households first, then by a drawn order; from the day after the
 * supplier acts, `visitsPerDay` a day spread over 08:00-18:00 local. Returns visit time by meter
 * index for the meters of `wanted` (only those visited before the study ends).
 */
export function visitSchedule(p: StudyParams, e: EventTimes, sites: Iterable<Site>, wanted: (index: number) => boolean): Map<number, number> {
  const needing: Site[] = [];
  for (const s of sites) if (s.wan === 'none') needing.push(s);
  needing.sort((a, b) => Number(b.vulnerable) - Number(a.vulnerable) || a.visitKey - b.visitKey || a.index - b.index);
  const perDay = visitsPerDay(p);
  const out = new Map<number, number>();
  if (perDay === 0) return out;
  const firstDay = toLocal(e.announce).day + 1;
  for (let rank = 0; rank < needing.length; rank++) {
    const day = firstDay + Math.floor(rank / perDay);
    const at = fromLocal(day, 8 * 60) + Math.floor(((rank % perDay) * 10 * HOUR) / perDay);
    if (at >= e.end) break;
    if (wanted(needing[rank]!.index)) out.set(needing[rank]!.index, at);
  }
  return out;
}
