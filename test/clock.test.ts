import { describe, expect, it } from 'vitest';
import { bstRange, fromLocal, localDayMonth, localText, nextLocalMidnight, parseIso, toIso, toLocal, weekdayOf } from '../firmware/clock.js';

const t = (iso: string) => parseIso(iso)!;

describe('GB local time by rule (prepayment.md section 1)', () => {
  it('BST 2026 runs from 01:00 UTC on 29 March to 01:00 UTC on 25 October (the last Sundays)', () => {
    const [start, end] = bstRange(2026);
    expect(toIso(start)).toBe('2026-03-29T01:00:00Z');
    expect(toIso(end)).toBe('2026-10-25T01:00:00Z');
  });

  it('day 0 is Saturday 2000-01-01; 2026-04-01 is day 9587 (26 years x 365 + 7 leap days + 90)', () => {
    expect(weekdayOf(0)).toBe(5);
    expect(toLocal(t('2026-04-01T12:00:00Z')).day).toBe(9587);
  });

  it('local midnight in summer is 23:00 UTC the day before', () => {
    expect(toIso(fromLocal(9587, 0))).toBe('2026-03-31T23:00:00Z');
    expect(toIso(nextLocalMidnight(t('2026-06-01T22:59:59Z')))).toBe('2026-06-01T23:00:00Z');
  });

  it('a local time in the spring gap means the first instant after it', () => {
    const day = toLocal(t('2026-03-29T00:00:00Z')).day;
    expect(toIso(fromLocal(day, 90))).toBe('2026-03-29T01:00:00Z'); // 01:30 local does not exist
  });

  it('a local time that occurs twice in autumn means its first occurrence', () => {
    const day = toLocal(t('2026-10-25T00:00:00Z')).day;
    expect(toIso(fromLocal(day, 90))).toBe('2026-10-25T00:30:00Z'); // 01:30 BST, not 01:30 GMT
  });

  it('the spring day has 23 hours and the autumn day 25', () => {
    const spring = toLocal(t('2026-03-29T12:00:00Z')).day;
    expect(fromLocal(spring + 1, 0) - fromLocal(spring, 0)).toBe(23 * 3600);
    const autumn = toLocal(t('2026-10-25T12:00:00Z')).day;
    expect(fromLocal(autumn + 1, 0) - fromLocal(autumn, 0)).toBe(25 * 3600);
  });

  it('rejects malformed and impossible instants', () => {
    expect(parseIso('2026-02-30T00:00:00Z')).toBeNull();
    expect(parseIso('2026-02-01 00:00:00')).toBeNull();
    expect(parseIso(12)).toBeNull();
  });
});

describe('clock edges', () => {
  it('parses whole-second UTC instants only, with an optional .000 and Z or +00:00', () => {
    expect(parseIso('2026-02-02T08:00:00Z')).toBe(1_770_019_200); // 20,486 days x 86,400 + 8 h
    expect(parseIso('2026-02-02T08:00:00.000Z')).toBe(1_770_019_200);
    expect(parseIso('2026-02-02T08:00:00+00:00')).toBe(1_770_019_200);
    for (const bad of [
      '2026-02-02T08:00:00.5Z',
      '2026-02-02T08:00:00+01:00',
      '2026-02-02T08:00:00',
      ' 2026-02-02T08:00:00Z',
      '2026-02-02T08:00:00Z ',
      '26-02-02T08:00:00Z',
      '2026-00-02T08:00:00Z',
      '2026-13-02T08:00:00Z',
      '2026-02-00T08:00:00Z',
      '2026-01-32T08:00:00Z',
      '2026-04-31T08:00:00Z',
      '2026-02-02T24:00:00Z',
      '2026-02-02T08:60:00Z',
      '2026-02-02T08:00:60Z',
      '2026-02-02T08:99:00Z',
      '2026-02-29T08:00:00Z',
      '0026-02-02T08:00:00Z', // Date.UTC would read year 26 as 1926
    ]) {
      expect(parseIso(bad), bad).toBeNull();
    }
    // not a string, even one whose text is an instant (a JSON array of one string)
    expect(parseIso(['2026-02-02T08:00:00Z'])).toBeNull();
    expect(parseIso({ toString: () => '2026-02-02T08:00:00Z' })).toBeNull();
    expect(parseIso('2026-12-31T23:59:59Z')).toBe(1_798_761_599); // 2027-01-01 is day 20,819 since 1970: x 86,400 - 1
    expect(parseIso('2028-02-29T00:00:00Z')).toBe(parseIso('2028-03-01T00:00:00Z')! - 86_400);
    expect(parseIso('2026-12-31T23:59:59Z')).toBe(parseIso('2027-01-01T00:00:00Z')! - 1);
  });

  it('BST is found for the year of each instant, in any order of years asked', () => {
    expect(toLocal(t('2026-07-01T12:00:00Z')).secondOfDay).toBe(13 * 3600);
    expect(toLocal(t('2027-07-01T12:00:00Z')).secondOfDay).toBe(13 * 3600);
    expect(toLocal(t('2027-01-01T00:00:00Z')).secondOfDay).toBe(0);
    expect(toLocal(t('2025-07-01T12:00:00Z')).secondOfDay).toBe(13 * 3600);
    expect(toLocal(t('2026-12-31T23:59:59Z')).secondOfDay).toBe(86_399);
    // 2027: last Sundays are 28 March and 31 October
    expect(bstRange(2027).map(toIso)).toEqual(['2027-03-28T01:00:00Z', '2027-10-31T01:00:00Z']);
    expect(toLocal(t('2027-03-28T00:59:59Z')).secondOfDay).toBe(3599);
    expect(toLocal(t('2027-03-28T01:00:00Z')).secondOfDay).toBe(7200);
    expect(toLocal(t('2027-10-31T00:59:59Z')).secondOfDay).toBe(7199);
    expect(toLocal(t('2027-10-31T01:00:00Z')).secondOfDay).toBe(3600);
  });

  it('minute and weekday of local time, before 2000 too', () => {
    expect(toLocal(t('2026-02-02T08:59:59Z'))).toEqual({ day: 9529, secondOfDay: 32_399, minute: 539, weekday: 0 });
    expect(weekdayOf(-1)).toBe(4); // 1999-12-31 was a Friday
    expect(weekdayOf(-6)).toBe(6); // 1999-12-26 was a Sunday
  });

  it('local display texts follow BST', () => {
    // 31 March 23:30 UTC is 1 April 00:30 BST
    expect(localDayMonth(t('2026-03-31T23:30:00Z'))).toBe('01/04');
    expect(localDayMonth(t('2026-02-09T23:30:00Z'))).toBe('09/02');
    expect(localText(t('2026-05-31T23:30:05Z'))).toBe('2026-06-01 00:30:05 BST');
    expect(localText(t('2026-02-02T08:00:00Z'))).toBe('2026-02-02 08:00:00 GMT');
  });
});
