import { describe, expect, it } from 'vitest';
import { bstRange, fromLocal, nextLocalMidnight, parseIso, toIso, toLocal, weekdayOf } from '../firmware/clock.js';

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
