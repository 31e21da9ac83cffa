// Every command of tokens.md table 6 applied end to end through the machine, with the effects of
// prepayment.md section 6. Tokens are the independent worked examples of token-examples.json.
import { describe, expect, it } from 'vitest';
import { issueCommandToken } from '../vending/command-token.js';
import { device, examples, readout, rtdsParty } from './helpers.js';

function example(name: string, n = 0): { token: string; counter: number } {
  const c = examples.commands.filter((x: any) => x.name === name)[n];
  return { token: c.token, counter: c.utrnCounter };
}

/** Apply one example token to a fresh meter whose cache sits just below its counter. */
function apply(name: string, meter: Record<string, unknown> = {}, n = 0) {
  const { token, counter } = example(name, n);
  const d = device({ utrnCounters: [counter - 1], ...meter });
  const reply = d.handle({ op: 'token', digits: token }) as any;
  return { d, reply, r: readout(d) };
}

describe('table 6 commands', () => {
  it('DeductCredit 250 p takes 250,000 mp from the balance', () => {
    const { reply, r } = apply('DeductCredit', { meterBalance: 1_000_000 });
    expect(reply).toMatchObject({ result: 'Accepted', display: ['DEDUCTED £2.50'] });
    expect(r.meterBalance).toBe(750_000);
  });

  it('DeductCredit may take the balance negative and disable the supply', () => {
    const { r } = apply('DeductCredit', { meterBalance: 100_000 });
    expect(r.meterBalance).toBe(-150_000); // 100,000 - 250,000
    expect(r.supply).toBe('disabled');
    // 100,000 was already below the low-credit threshold (200,000): no new lowCredit
    // 100,000 was not below the EC threshold (100,000), now it is; logged in the section 7 table order
    expect(r.events.map((e: any) => e.name)).toEqual(['belowDisablementThreshold', 'emergencyCreditAvailable', 'supplyDisabled']);
  });

  it('a deduction taking credit below the low-credit threshold logs lowCredit', () => {
    const { r } = apply('DeductCredit', { meterBalance: 300_000 });
    expect(r.meterBalance).toBe(50_000); // 300,000 - 250,000, below 200,000 and below the EC threshold
    expect(r.events.map((e: any) => e.name)).toEqual(['lowCredit', 'emergencyCreditAvailable']);
  });

  it('SetCredit +1500 p and -320 p', () => {
    expect(apply('SetCredit', { meterBalance: 5 }, 0).r.meterBalance).toBe(1_500_000);
    expect(apply('SetCredit', {}, 1).r.meterBalance).toBe(-320_000);
  });

  it('SetCredit above maxMeterBalance is Rejected maxBalance', () => {
    expect(apply('SetCredit', { config: { maxMeterBalance: 1_000_000 } }).reply).toMatchObject({ result: 'Rejected', reason: 'maxBalance' });
  });

  it('AddDebt 5000 p to time debt 1', () => {
    const { r } = apply('AddDebt', { timeDebt: [{ amount: 1_000 }] });
    expect(r.timeDebt[0].amount).toBe(5_001_000);
  });

  it('DeductDebt 1250 p from payment debt, floored at 0', () => {
    expect(apply('DeductDebt', { paymentDebt: { amount: 2_000_000 } }).r.paymentDebt.amount).toBe(750_000);
    const { r } = apply('DeductDebt', { paymentDebt: { amount: 1_000 } });
    expect(r.paymentDebt.amount).toBe(0);
    expect(r.events.map((e: any) => e.name)).not.toContain('debtCollectionCompleted');
  });

  it('OpenHan 60 min for PPMIDs; a PPMID joins, an IHD is refused, the window closes', () => {
    const { d, r } = apply('OpenHan');
    expect(r.han.joinWindow).toEqual({ until: '2026-02-02T09:00:00Z', deviceClass: 'ppmid' });
    expect(d.handle({ op: 'join', deviceClass: 'ihd', deviceId: '0011223344556677' })).toEqual({ ok: true, accepted: false, reason: 'wrongDeviceClass' });
    expect(d.handle({ op: 'join', deviceClass: 'ppmid', deviceId: '0011223344556677' })).toEqual({ ok: true, accepted: true });
    expect(d.handle({ op: 'join', deviceClass: 'ppmid', deviceId: '0011223344556677' })).toEqual({ ok: true, accepted: true });
    expect(readout(d).han.devices).toEqual([{ deviceId: '0011223344556677', deviceClass: 'ppmid' }]);
    d.handle({ op: 'advance', seconds: 3600 });
    expect(readout(d).han.joinWindow).toBeNull();
    expect(d.handle({ op: 'join', deviceClass: 'ppmid', deviceId: '0011223344556678' })).toEqual({ ok: true, accepted: false, reason: 'noJoinWindow' });
  });

  it('ChangeMode to prepayment with suspendDebtDisabled, threshold 0', () => {
    const { r } = apply('ChangeMode', { paymentMode: 'credit', config: { suspendDebtDisabled: false, suspendDebtEmergency: true, disablementThreshold: -500 } });
    expect(r.paymentMode).toBe('prepayment');
    expect(r.config).toMatchObject({ suspendDebtDisabled: true, suspendDebtEmergency: false, disablementThreshold: 0 });
  });

  it('Supply arm on a disabled supply arms it', () => {
    const { r } = apply('Supply', { supply: 'disabled', meterBalance: 1_000_000 });
    expect(r.supply).toBe('armed');
    expect(r.events.map((e: any) => e.name)).toContain('supplyArmed');
  });

  it('SetConfig EC limit 1500 p becomes the balance of an idle EC', () => {
    const { r } = apply('SetConfig', { meterBalance: 1_000_000 });
    expect(r.config.emergencyCreditLimit).toBe(1_500_000);
    expect(r.emergencyCredit).toEqual({ state: 'unavailable', balance: 1_500_000 });
  });

  it('SetDebt time debt 2: 12000 p at 150 p daily', () => {
    expect(apply('SetDebt', {}, 0).r.timeDebt[1]).toEqual({ amount: 12_000_000, rate: 150_000, period: 'daily' });
  });

  it('SetDebt payment debt: 8000 p at 1000 bp', () => {
    expect(apply('SetDebt', {}, 1).r.paymentDebt).toEqual({ amount: 8_000_000, rateBp: 1000, recoveredThisWeek: 0 });
  });

  it('ChangePrice now: rate 1 at 24.500 p', () => {
    const { r } = apply('ChangePrice', { tariff: { prices: [30_000] } }, 0);
    expect(r.tariff.prices[0]).toBe(24_500);
  });

  it('ChangePrice pending: standing charge 53.350 p from 1 April 2026 local (31 March 23:00 UTC)', () => {
    const { d, reply, r } = apply('ChangePrice', { meterBalance: 10_000_000 }, 1);
    expect(reply.display).toEqual(['PRICE SET FROM 01/04']);
    expect(r.tariff.pending).toEqual([{ element: 8, price: 53_350, at: '2026-03-31T23:00:00Z' }]);
    d.handle({ op: 'advance', to: '2026-03-31T23:00:00Z' });
    const after = readout(d);
    expect(after.tariff.standingCharge).toBe(53_350);
    expect(after.tariff.pending).toEqual([]);
    // 58 midnights from 3 Feb to 31 Mar at 60,000 and the first April midnight at 53,350 (activation first)
    expect(after.meterBalance).toBe(10_000_000 - 57 * 60_000 - 53_350);
  });

  it('SetTouSwitch slot 1: every day from 23:30 at rate 2', () => {
    const { d, r } = apply('SetTouSwitch');
    expect(r.tariff.touSwitch[1]).toEqual({ enabled: true, daysMask: 127, startMinute: 1410, rate: 2 });
    expect(r.tariff.activeRate).toBe(2); // its last occurrence (yesterday 23:30) is the only one
    d.handle({ op: 'advance', to: '2026-02-02T23:30:00Z' });
    expect(readout(d).tariff.activeRate).toBe(2);
  });

  it('SetFriendlyCredit slot 0: Mon-Fri 16:00 to 10:00 next day', () => {
    const { r } = apply('SetFriendlyCredit');
    expect(r.calendars.friendlyCredit[0]).toEqual({ enabled: true, daysMask: 31, startMinute: 960, endMinute: 600 });
    // Monday 08:00: Friday's period ended Saturday 10:00 and Sunday is not in the mask
    expect(r.calendars.inForce).toBe(false);
  });

  it('a friendly-credit period spanning midnight is in force until the end minute of the next day', () => {
    const { d } = apply('SetFriendlyCredit');
    d.handle({ op: 'advance', to: '2026-02-02T16:00:00Z' });
    expect(readout(d).calendars.inForce).toBe(true);
    d.handle({ op: 'advance', to: '2026-02-03T09:59:59Z' });
    expect(readout(d).calendars.inForce).toBe(true);
    d.handle({ op: 'advance', seconds: 1 });
    expect(readout(d).calendars.inForce).toBe(false);
  });

  it('SetNonDisconnect slot 0: 2026-03-02 00:00 to 2026-03-05 00:00 local', () => {
    const { r } = apply('SetNonDisconnect');
    expect(r.calendars.nonDisconnect[0]).toEqual({ enabled: true, start: '2026-03-02T00:00:00Z', end: '2026-03-05T00:00:00Z' });
  });

  it('RevertToDefaults scope 127: balances, debts, tariff, calendars, config, logs and HAN restored', () => {
    const commissioned = { config: { lowCreditThreshold: 300_000 }, tariff: { prices: [20_000] } };
    const { token, counter } = example('RevertToDefaults');
    const d = device({ ...commissioned, utrnCounters: [counter - 2], meterBalance: 5_000_000, accumulatedDebt: 7, han: { devices: [{ deviceId: '0011223344556677', deviceClass: 'ihd' }] } });
    d.handle({ op: 'token', digits: issueCommandToken(rtdsParty, counter - 1, 'ChangePrice', { element: 0, price: 99_000, activationDay: 0, activationMinute: 0 }).token });
    expect(readout(d).tariff.prices[0]).toBe(99_000);
    expect((d.handle({ op: 'token', digits: token }) as any).result).toBe('Accepted');
    const r = readout(d);
    expect(r.meterBalance).toBe(0);
    expect(r.accumulatedDebt).toBe(0);
    expect(r.tariff.prices[0]).toBe(20_000);
    expect(r.config.lowCreditThreshold).toBe(300_000);
    expect(r.han.devices).toEqual([]);
    expect(r.counterFloor).toBe(counter);
    expect(r.utrnCounters).toContain(counter);
    // logs cleared, then section 4: a zero balance makes EC available
    expect(r.events.map((e: any) => e.name)).toEqual(['emergencyCreditAvailable']);
    expect(r.topUps).toEqual([]);
  });
});
