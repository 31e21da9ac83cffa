// GB local time by rule (prepayment.md section 1), no tz database.
// UTC+1 from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October.
// All instants are integer UTC seconds since 1970-01-01.
import type { Section } from './section.js';

/** 2000-01-01T00:00:00Z: day 0 of the token date fields (tokens.md section 6). */
export const EPOCH_2000 = 946_684_800;
export const DAY = 86_400;
export const HOUR = 3_600;

const bstCache = new Map<number, readonly [number, number]>();

/** Instant (UTC) of 01:00 UTC on the last Sunday of the given month (1-based) of a year. */
function lastSunday0100(year: number, month: number): number {
  const lastDay = Date.UTC(year, month, 0) / 1000; // day 0 of next month = last day of this one
  const weekday = new Date(lastDay * 1000).getUTCDay(); // 0 = Sunday
  return lastDay - weekday * DAY + HOUR;
}

/** [start, end) of British Summer Time in a UTC year. */
export function bstRange(year: number): readonly [number, number] {
  let r = bstCache.get(year);
  if (!r) {
    r = [lastSunday0100(year, 3), lastSunday0100(year, 10)];
    bstCache.set(year, r);
  }
  return r;
}

// The year of the last instant asked about, and its bounds: most calls stay within one year.
// Stryker disable next-line ObjectLiteral,UnaryOperator: any start value that misses every real instant only costs one recomputation
let cachedYear = { year: 0, start: 0, end: -1 };

function utcYear(t: number): number {
  // Stryker disable next-line EqualityOperator: at either bound the year is recomputed or is the neighbour whose BST range gives the same offset (January is GMT)
  if (t >= cachedYear.start && t < cachedYear.end) return cachedYear.year;
  const year = new Date(t * 1000).getUTCFullYear();
  cachedYear = { year, start: Date.UTC(year, 0, 1) / 1000, end: Date.UTC(year + 1, 0, 1) / 1000 };
  return year;
}

/** Offset of GB local time from UTC at instant t, in seconds (0 or 3600). */
export function gbOffset(t: number): number {
  const [start, end] = bstRange(utcYear(t));
  return t >= start && t < end ? HOUR : 0;
}

export interface LocalTime {
  /** Local day number, days since 2000-01-01 local. */
  day: number;
  /** Seconds since local midnight. */
  secondOfDay: number;
  /** Minutes since local midnight (0..1439). */
  minute: number;
  /** Day of week, 0 = Monday .. 6 = Sunday. */
  weekday: number;
}

export function toLocal(t: number): LocalTime {
  const local = t + gbOffset(t) - EPOCH_2000;
  const day = Math.floor(local / DAY);
  const secondOfDay = local - day * DAY;
  return { day, secondOfDay, minute: Math.floor(secondOfDay / 60), weekday: weekdayOf(day) };
}

/** 2000-01-01 was a Saturday: Monday-based index 5. */
export function weekdayOf(day: number): number {
  return (((day + 5) % 7) + 7) % 7;
}

/**
 * UTC instant of a local (day, minute). A local time in the spring gap means the first instant after
 * the gap; one that occurs twice in autumn means its first occurrence (prepayment.md section 1).
 */
export function fromLocal(day: number, minute: number): number {
  const naive = EPOCH_2000 + day * DAY + minute * 60;
  const asBst = naive - HOUR;
  if (gbOffset(asBst) === HOUR) return asBst;
  if (gbOffset(naive) === 0) return naive;
  // The gap: naive - 1 h is still GMT but naive is already BST; the gap ends at BST start.
  return bstRange(utcYear(naive))[0];
}

// The local day of the last instant asked about, [its midnight, the next): every boundary of a day
// asks for the same next midnight, and several sections ask at each one.
let cachedDay = { from: 0, next: -1 };

/** First local midnight strictly after t. */
export function nextLocalMidnight(t: number): number {
  if (t >= cachedDay.from && t < cachedDay.next) return cachedDay.next;
  const day = toLocal(t).day;
  cachedDay = { from: fromLocal(day, 0), next: fromLocal(day + 1, 0) };
  return cachedDay.next;
}

/**
 * The meter's time range: every instant whose GB local date fits the 16-bit day count of the token
 * date fields (days since 2000-01-01, tokens.md section 6), so local day 65535 even in BST:
 * 2000-01-01T00:00:00Z to 2179-06-06T22:59:59Z. Inputs that would leave it are refused.
 */
export const METER_TIME_MIN = EPOCH_2000;
export const METER_TIME_MAX = EPOCH_2000 + 65_536 * DAY - HOUR - 1;
export const METER_TIME_RANGE = '2000-01-01T00:00:00Z to 2179-06-06T22:59:59Z';

export function inMeterTimeRange(t: number): boolean {
  return Number.isSafeInteger(t) && t >= METER_TIME_MIN && t <= METER_TIME_MAX;
}

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.0+)?(?:Z|\+00:00)$/;

/**
 * Parse an ISO-8601 UTC instant with whole seconds, strictly: real instants only (no 19xx for year
 * 00xx, no 30 February); null when malformed. The caller checks the meter time range.
 */
export function parseIso(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const m = ISO_RE.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls impossible fields over (30 February is 2 March, 24:00 the next day, minute 60 the
  // next hour, year 0026 is 1926): a real instant reads back as the same text.
  if (new Date(ms).toISOString() !== `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`) return null;
  return ms / 1000;
}

/** An ISO-8601 UTC instant the meter can be at (parseIso, then the meter time range), or null. */
export function parseMeterTime(text: unknown): number | null {
  const t = parseIso(text);
  return t !== null && inMeterTimeRange(t) ? t : null;
}

export function toIso(t: number): string {
  return new Date(t * 1000).toISOString().replace('.000Z', 'Z');
}

/** Local date as DD/MM for displays. */
export function localDayMonth(t: number): string {
  const l = toLocal(t);
  const d = new Date((EPOCH_2000 + l.day * DAY) * 1000);
  const dd = String(d.getUTCDate()).padStart(2, '0');
  const mm = String(d.getUTCMonth() + 1).padStart(2, '0');
  return `${dd}/${mm}`;
}

/** Local wall-clock text `YYYY-MM-DD HH:MM:SS BST|GMT`. */
export function localText(t: number): string {
  const off = gbOffset(t);
  const iso = new Date((t + off) * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} ${off ? 'BST' : 'GMT'}`;
}

export interface ClockSlice {
  /** the meter's time, UTC seconds; it moves only by ADVANCE (prepayment.md section 1) */
  time: number;
}

export const CLOCK: Section<keyof ClockSlice, { time: string }> = {
  owns: ['time'],
  factory: (time) => ({ time }),
  readout: (s) => ({ time: toIso(s.time) }),
};
