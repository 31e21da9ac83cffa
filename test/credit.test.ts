// Credit states and supply at their edges (prepayment.md sections 4 and 5, clarifications 14), through
// the device: exact thresholds, the charge path with a negative balance, and Supply commands that
// change nothing.
import { describe, expect, it } from 'vitest';
import { issueCommandToken } from '../vending/command-token.js';
import { device, readout, rtdsParty } from './helpers.js';

const UTRN_1234P = '73947252416745201637'; // GBCS published: counter 4, 1234 pennies = 1,234,000 mp
const names = (d: ReturnType<typeof device>) => readout(d).events.map((e: any) => e.name);
const supply = (d: ReturnType<typeof device>, counter: number, action: 0 | 1 | 2) =>
  d.handle({ op: 'token', digits: issueCommandToken(rtdsParty, counter, 'Supply', { action }).token }) as any;

describe('thresholds are "below", never "at"', () => {
  it('credit falling exactly to the low-credit threshold is not low credit; one more mp is', () => {
    // 100,000 mp/kWh: 1 Wh = 100 mp. 201,000 - 10 Wh = 200,000 (the threshold): no event.
    const d = device({ meterBalance: 201_000, tariff: { prices: [100_000] } });
    d.handle({ op: 'consume', wh: 10 });
    expect(readout(d).meterBalance).toBe(200_000);
    expect(names(d)).not.toContain('lowCredit');
    d.handle({ op: 'consume', wh: 1 });
    expect(names(d)).toContain('lowCredit');
  });

  it('a top-up bringing credit exactly to the disablement threshold arms the supply', () => {
    const d = device({ meterBalance: -1_234_000 });
    expect(readout(d)).toMatchObject({ supply: 'disabled', disableReason: 'credit' });
    d.handle({ op: 'token', digits: UTRN_1234P });
    // -1,234,000 + 1,234,000 = 0, not below the threshold 0
    expect(readout(d)).toMatchObject({ meterBalance: 0, supply: 'armed', disableReason: null });
  });

  it('a top-up ending exactly at maxMeterBalance is accepted', () => {
    const d = device({ meterBalance: 50_000_000 - 1_234_000 });
    expect(d.handle({ op: 'token', digits: UTRN_1234P })).toMatchObject({ result: 'Accepted' });
    expect(readout(d).meterBalance).toBe(50_000_000);
  });
});

describe('supply changes are logged under their own names', () => {
  it('an armed supply falling below the threshold is disabled; enabling logs supplyEnabled', () => {
    const d = device({ meterBalance: -1_234_000 });
    d.handle({ op: 'token', digits: UTRN_1234P }); // 0: armed
    d.handle({ op: 'button', button: 'B' });
    expect(readout(d).supply).toBe('enabled');
    expect(names(d).slice(-2)).toEqual(['supplyArmed', 'supplyEnabled']);
    const armed = device({ meterBalance: 1_000_000, supply: 'armed' });
    armed.handle({ op: 'token', digits: issueCommandToken(rtdsParty, 1, 'DeductCredit', { amount: 2000 }).token }); // -1,000,000
    expect(readout(armed)).toMatchObject({ supply: 'disabled', disableReason: 'credit' });
  });
});

describe('the charge path with a negative balance (section 3)', () => {
  it('active EC pays the charge; the negative balance stays as it was', () => {
    // -50,000: EC available at reset, supply disabled. A activates EC: credit 950,000, so armed; B enables.
    const d = device({ meterBalance: -50_000, tariff: { prices: [100_000] } });
    expect(d.handle({ op: 'button', button: 'A' })).toEqual({ ok: true, accepted: true });
    expect(d.handle({ op: 'button', button: 'B' })).toEqual({ ok: true, accepted: true });
    d.handle({ op: 'consume', wh: 1 }); // 100 mp
    expect(readout(d)).toMatchObject({ meterBalance: -50_000, emergencyCredit: { state: 'active', balance: 999_900 } });
  });
});

describe('Supply commands that change nothing (clarifications 14)', () => {
  it('enable on an enabled supply, arm on an enabled or armed one: no supply event', () => {
    const d = device({ meterBalance: 1_000_000 });
    expect(supply(d, 1, 2).result).toBe('Accepted');
    expect(supply(d, 2, 0).result).toBe('Accepted');
    expect(readout(d).supply).toBe('enabled');
    const armed = device({ meterBalance: 1_000_000, supply: 'armed' });
    supply(armed, 1, 0);
    expect(readout(armed).supply).toBe('armed');
    expect([...names(d), ...names(armed)].filter((n: string) => n.startsWith('supply'))).toEqual([]);
  });

  it('in credit mode a supply disabled by command stays disabled', () => {
    const d = device({ paymentMode: 'credit', meterBalance: 1_000_000 });
    supply(d, 1, 1);
    d.handle({ op: 'advance', seconds: 3600 });
    d.handle({ op: 'consume', wh: 1 });
    expect(readout(d)).toMatchObject({ supply: 'disabled', disableReason: 'command' });
  });
});

describe('a top-up while EC is available (section 5 step 3 does not apply)', () => {
  it('leaves EC available without a second emergencyCreditAvailable', () => {
    // -2,000,000 at reset: EC available (logged once). 1234 p leaves -766,000, still below the
    // threshold, with EC never activated: it stays available and nothing new is logged.
    const d = device({ meterBalance: -2_000_000 });
    expect(names(d).filter((n: string) => n === 'emergencyCreditAvailable')).toHaveLength(1);
    d.handle({ op: 'token', digits: UTRN_1234P });
    expect(readout(d).emergencyCredit.state).toBe('available');
    expect(names(d).filter((n: string) => n === 'emergencyCreditAvailable')).toHaveLength(1);
  });
});
