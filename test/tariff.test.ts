// Prices and TOU switching (prepayment.md sections 3 and 6, clarifications 5 and 21), through the
// device. 2026-02-02 is a Monday; in February local time is UTC.
import { describe, expect, it } from 'vitest';
import { issueCommandToken } from '../vending/command-token.js';
import { device, readout, rtdsParty } from './helpers.js';

const on = (daysMask: number, startMinute: number, rate: number) => ({ enabled: true, daysMask, startMinute, rate });
const rateAt = (d: ReturnType<typeof device>, to: string) => {
  d.handle({ op: 'advance', to });
  return readout(d).tariff.activeRate;
};

describe('the active rate (section 3)', () => {
  it('a Monday-only entry (daysMask bit 0) starts on Mondays only and stays in force until another entry', () => {
    // slot 0: every day 00:00 rate 1; slot 1: Monday 10:00 rate 2.
    const d = device({ tariff: { touSwitch: [on(127, 0, 1), on(1, 600, 2)] } }, '2026-02-02T09:59:59Z');
    expect(readout(d).tariff.activeRate).toBe(1);
    expect(rateAt(d, '2026-02-02T10:00:00Z')).toBe(2);
    expect(rateAt(d, '2026-02-02T23:59:59Z')).toBe(2);
    expect(rateAt(d, '2026-02-03T00:00:00Z')).toBe(1); // Tuesday 00:00
    expect(rateAt(d, '2026-02-03T10:00:00Z')).toBe(1); // Tuesday is not in the mask
    expect(rateAt(d, '2026-02-09T10:00:00Z')).toBe(2); // the next Monday
  });

  it('a Sunday-only entry (bit 6) starts on Sunday, not Saturday or Monday', () => {
    const d = device({ tariff: { touSwitch: [on(127, 0, 1), on(64, 720, 3)] } }, '2026-02-07T12:00:00Z'); // Saturday noon
    expect(readout(d).tariff.activeRate).toBe(1);
    expect(rateAt(d, '2026-02-08T12:00:00Z')).toBe(3); // Sunday noon
    expect(rateAt(d, '2026-02-09T12:00:00Z')).toBe(1); // Monday noon
  });

  it('an entry is in force until its next occurrence a week later, if nothing else switches', () => {
    // Only Monday 10:00 rate 4: at Monday 09:59 a week later its last occurrence is 7 days back.
    const d = device({ tariff: { touSwitch: [on(1, 600, 4)] } }, '2026-02-09T09:59:00Z');
    expect(readout(d).tariff.activeRate).toBe(4);
  });

  it('with only entries that never occur (daysMask 0), rate 1 applies', () => {
    const d = device({ tariff: { touSwitch: [on(0, 600, 5)] } }, '2026-02-02T12:00:00Z');
    expect(readout(d).tariff.activeRate).toBe(1);
  });

  it('the lower slot wins when two entries share the most recent occurrence (clarifications 5)', () => {
    expect(readout(device({ tariff: { touSwitch: [on(127, 480, 3), on(127, 480, 2)] } }, '2026-02-02T12:00:00Z')).tariff.activeRate).toBe(3);
    // and a later occurrence beats an earlier one whatever the slot
    expect(readout(device({ tariff: { touSwitch: [on(127, 420, 3), on(127, 480, 2)] } }, '2026-02-02T12:00:00Z')).tariff.activeRate).toBe(2);
  });

  it('energy is charged at the rate in force over each stretch, split at a weekly switch', () => {
    // rate 1 10,000 mp/kWh, rate 2 30,000 from Monday 10:00. 1 kW from 09:00 to 11:00:
    // 1 kWh x 10,000 + 1 kWh x 30,000 = 40,000 mp.
    const d = device({ meterBalance: 1_000_000, tariff: { prices: [10_000, 30_000], standingCharge: 0, touSwitch: [on(127, 0, 1), on(1, 600, 2)] } }, '2026-02-02T09:00:00Z');
    d.handle({ op: 'load', watts: 1000 });
    d.handle({ op: 'advance', to: '2026-02-02T11:00:00Z' });
    expect(readout(d).meterBalance).toBe(960_000);
  });
});

describe('TOU switches as boundaries', () => {
  it('the next switch is the earliest of all entries, whatever their slot order', () => {
    // rates: 1 = 10,000, 2 = 20,000, 3 = 30,000 mp/kWh. slot 0 every day 00:00 rate 1, slot 1 10:00
    // rate 3, slot 2 12:00 rate 2. 1 kW 09:00-13:00: 1 kWh x 10,000 + 2 x 30,000 + 1 x 20,000 = 90,000
    const d = device(
      { meterBalance: 1_000_000, tariff: { prices: [10_000, 20_000, 30_000], standingCharge: 0, touSwitch: [on(127, 0, 1), on(127, 600, 3), on(127, 720, 2)] } },
      '2026-02-02T09:00:00Z',
    );
    d.handle({ op: 'load', watts: 1000 });
    d.handle({ op: 'advance', to: '2026-02-02T13:00:00Z' });
    expect(readout(d).meterBalance).toBe(910_000);
  });
});

describe('ChangePrice (section 6, clarifications 21)', () => {
  // Day 9529 is 2026-02-02 (days since 2000-01-01: 26 x 365 + 7 leap days + 32 = 9529).
  const TODAY = 9529;
  const changePrice = (counter: number, element: number, price: number, activationDay: number, activationMinute: number) =>
    issueCommandToken(rtdsParty, counter, 'ChangePrice', { element, price, activationDay, activationMinute }).token;

  it('keeps later changes pending in activation then element order, and a new change for an element replaces its pending one', () => {
    const d = device({ meterBalance: 1_000_000 }, '2026-02-02T08:00:00Z');
    expect(d.handle({ op: 'token', digits: changePrice(1, 2, 20_000, TODAY + 2, 0) })).toMatchObject({ result: 'Accepted' });
    expect(d.handle({ op: 'token', digits: changePrice(2, 1, 21_000, TODAY + 2, 0) })).toMatchObject({ result: 'Accepted' });
    expect(d.handle({ op: 'token', digits: changePrice(3, 0, 22_000, TODAY + 1, 600) })).toMatchObject({ result: 'Accepted' });
    expect(readout(d).tariff.pending).toEqual([
      { element: 0, price: 22_000, at: '2026-02-03T10:00:00Z' },
      { element: 1, price: 21_000, at: '2026-02-04T00:00:00Z' },
      { element: 2, price: 20_000, at: '2026-02-04T00:00:00Z' },
    ]);
    // element 1 again, now: applies at once and cancels its pending change
    expect(d.handle({ op: 'token', digits: changePrice(4, 1, 23_000, 0, 0) })).toMatchObject({ result: 'Accepted' });
    let r = readout(d);
    expect(r.tariff.prices.slice(0, 3)).toEqual([24_500, 23_000, 24_500]);
    expect(r.tariff.pending.map((p: any) => p.element)).toEqual([0, 2]);
    d.handle({ op: 'advance', to: '2026-02-03T09:59:59Z' });
    expect(readout(d).tariff.prices[0]).toBe(24_500);
    d.handle({ op: 'advance', to: '2026-02-03T10:00:00Z' });
    r = readout(d);
    expect(r.tariff.prices[0]).toBe(22_000);
    expect(r.tariff.pending).toEqual([{ element: 2, price: 20_000, at: '2026-02-04T00:00:00Z' }]);
  });

  it('an activation minute earlier today applies now', () => {
    const d = device({}, '2026-02-02T08:00:00Z');
    d.handle({ op: 'token', digits: changePrice(1, 0, 11_000, TODAY, 479) }); // 07:59 today
    expect(readout(d).tariff.prices[0]).toBe(11_000);
    expect(readout(d).tariff.pending).toEqual([]);
    d.handle({ op: 'token', digits: changePrice(2, 0, 12_000, TODAY, 480) }); // 08:00 = now: applies now
    expect(readout(d).tariff.prices[0]).toBe(12_000);
    d.handle({ op: 'token', digits: changePrice(3, 0, 13_000, TODAY, 481) }); // 08:01: pending
    expect(readout(d).tariff.prices[0]).toBe(12_000);
    expect(readout(d).tariff.pending).toEqual([{ element: 0, price: 13_000, at: '2026-02-02T08:01:00Z' }]);
  });

  it('a pending energy price takes effect at its instant for the energy after it', () => {
    // 1 kW, 10,000 mp/kWh until 09:00 then 50,000: 08:00-10:00 = 10,000 + 50,000 = 60,000 mp
    const d = device({ meterBalance: 1_000_000, tariff: { prices: [10_000], standingCharge: 0 } }, '2026-02-02T08:00:00Z');
    d.handle({ op: 'token', digits: changePrice(1, 0, 50_000, TODAY, 540) });
    d.handle({ op: 'load', watts: 1000 });
    d.handle({ op: 'advance', to: '2026-02-02T10:00:00Z' });
    expect(readout(d).meterBalance).toBe(940_000);
  });
});
