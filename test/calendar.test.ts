// Friendly-credit and non-disconnect periods (prepayment.md section 4, clarifications 25), through
// the device. 2026-02-02 is a Monday; in February local time is UTC.
import { describe, expect, it } from 'vitest';
import { device, readout } from './helpers.js';

const friendly = (daysMask: number, startMinute: number, endMinute: number) => ({ friendlyCredit: [{ enabled: true, daysMask, startMinute, endMinute }] });
const inForceAt = (calendars: Record<string, unknown>, time: string) => readout(device({ meterBalance: 1_000_000, calendars }, time)).calendars.inForce;

describe('friendly-credit periods', () => {
  it('are half-open [start, end) and start only on a day in the mask (bit 6 Sunday)', () => {
    const sundayNight = friendly(64, 1320, 120); // Sunday 22:00 to Monday 02:00
    expect(inForceAt(sundayNight, '2026-02-08T21:59:59Z')).toBe(false);
    expect(inForceAt(sundayNight, '2026-02-08T22:00:00Z')).toBe(true);
    expect(inForceAt(sundayNight, '2026-02-09T01:59:59Z')).toBe(true); // started yesterday
    expect(inForceAt(sundayNight, '2026-02-09T02:00:00Z')).toBe(false);
    expect(inForceAt(sundayNight, '2026-02-09T22:30:00Z')).toBe(false); // Monday is not in the mask
    expect(inForceAt(sundayNight, '2026-02-10T01:00:00Z')).toBe(false);
  });

  it('a period inside one day ends that day (bit 0 Monday)', () => {
    const mondayAfternoon = friendly(1, 780, 900); // Monday 13:00 to 15:00
    expect(inForceAt(mondayAfternoon, '2026-02-02T12:59:59Z')).toBe(false);
    expect(inForceAt(mondayAfternoon, '2026-02-02T13:00:00Z')).toBe(true);
    expect(inForceAt(mondayAfternoon, '2026-02-02T14:59:59Z')).toBe(true);
    expect(inForceAt(mondayAfternoon, '2026-02-02T15:00:00Z')).toBe(false);
    expect(inForceAt(mondayAfternoon, '2026-02-03T13:30:00Z')).toBe(false); // Tuesday
  });

  it('endMinute == startMinute lasts 24 hours, to that minute on the next day (clarifications 25)', () => {
    const allDay = friendly(1, 720, 720); // Monday 12:00 to Tuesday 12:00
    expect(inForceAt(allDay, '2026-02-02T12:00:00Z')).toBe(true);
    expect(inForceAt(allDay, '2026-02-03T11:59:59Z')).toBe(true);
    expect(inForceAt(allDay, '2026-02-03T12:00:00Z')).toBe(false);
  });

  it('a disabled slot is never in force', () => {
    expect(inForceAt({ friendlyCredit: [{ enabled: false, daysMask: 127, startMinute: 0, endMinute: 0 }] }, '2026-02-02T12:00:00Z')).toBe(false);
  });

  it('a deferred disablement happens at the end of a period that ends the next day', () => {
    // Monday 23:00 to Tuesday 01:00; balance -50,000 from Monday 23:30 on.
    const d = device({ meterBalance: -50_000, calendars: friendly(1, 1380, 60) }, '2026-02-02T23:30:00Z');
    expect(readout(d).supply).toBe('enabled');
    d.handle({ op: 'advance', to: '2026-02-03T00:59:59Z' });
    expect(readout(d).supply).toBe('enabled');
    d.handle({ op: 'advance', to: '2026-02-03T06:00:00Z' });
    const r = readout(d);
    expect(r.supply).toBe('disabled');
    expect(r.events.filter((e: any) => e.name === 'supplyDisabled')).toEqual([{ time: '2026-02-03T01:00:00Z', code: 3, name: 'supplyDisabled' }]);
  });
});

describe('non-disconnect periods', () => {
  const window = { nonDisconnect: [{ enabled: true, start: '2026-02-02T10:00:00Z', end: '2026-02-02T12:00:00Z' }] };

  it('are half-open [start, end)', () => {
    expect(inForceAt(window, '2026-02-02T09:59:59Z')).toBe(false);
    expect(inForceAt(window, '2026-02-02T10:00:00Z')).toBe(true);
    expect(inForceAt(window, '2026-02-02T11:59:59Z')).toBe(true);
    expect(inForceAt(window, '2026-02-02T12:00:00Z')).toBe(false);
  });

  it('a disabled slot is not in force', () => {
    expect(inForceAt({ nonDisconnect: [{ enabled: false, start: '2026-02-02T10:00:00Z', end: '2026-02-02T12:00:00Z' }] }, '2026-02-02T11:00:00Z')).toBe(false);
  });

  it('a negative balance before the period disables at once; inside it, at its end', () => {
    expect(readout(device({ meterBalance: -1, calendars: window }, '2026-02-02T09:59:59Z')).supply).toBe('disabled');
    const d = device({ meterBalance: -1, calendars: window }, '2026-02-02T10:00:00Z');
    expect(readout(d).supply).toBe('enabled');
    d.handle({ op: 'advance', to: '2026-02-02T13:00:00Z' });
    expect(readout(d).events.filter((e: any) => e.name === 'supplyDisabled').map((e: any) => e.time)).toEqual(['2026-02-02T12:00:00Z']);
  });
});
