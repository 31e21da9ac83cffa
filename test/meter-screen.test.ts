// The meter's standing display lines (tokens.md section 9, informative) and RevertToDefaults one
// scope bit at a time (prepayment.md section 6, tokens.md table 6: bit 0 balances, 1 debts, 2 tariff,
// 3 calendars, 4 config, 5 logs, 6 HAN devices).
import { describe, expect, it } from 'vitest';
import { issueCommandToken } from '../vending/command-token.js';
import { device, readout, rtdsParty } from './helpers.js';

const display = (meter: Record<string, unknown>, time?: string) => readout(device(meter, time)).display;

describe('standing display lines: credit, emergency credit, debt, rate, supply', () => {
  it('a plain meter: credit, rate 1 at 24.500 p, supply on', () => {
    expect(display({ meterBalance: 1_234_560 })).toEqual(['CREDIT £12.34', 'RATE 1 24.500p/kWh', 'SUPPLY ON']);
  });

  it('credit mode shows no balance', () => {
    expect(display({ paymentMode: 'credit', meterBalance: 1_234_560 })[0]).toBe('CREDIT MODE');
  });

  it('each EC state has its words and the EC balance; active EC counts in the credit', () => {
    expect(display({ meterBalance: 50_000 }).slice(0, 2)).toEqual(['CREDIT £0.50', 'EMERGENCY AVAILABLE - PRESS A £10.00']);
    // active: credit = 50,000 + 400,000
    expect(display({ meterBalance: 50_000, emergencyCredit: { state: 'active', balance: 400_000 } }).slice(0, 2)).toEqual(['CREDIT £4.50', 'EMERGENCY CREDIT IN USE £4.00']);
    expect(display({ meterBalance: 50_000, emergencyCredit: { state: 'exhausted', balance: 0 } }).slice(0, 2)).toEqual(['CREDIT £0.50', 'EMERGENCY CREDIT USED £0.00']);
  });

  it('the debt line is all four registers together, shown only when there is some', () => {
    // 100 p + 200 p + 300 p + 400 p = £10.00
    const r = display({
      meterBalance: 1_000_000,
      timeDebt: [{ amount: 100_000 }, { amount: 200_000 }],
      paymentDebt: { amount: 300_000 },
      accumulatedDebt: 400_000,
    });
    expect(r).toEqual(['CREDIT £10.00', 'DEBT £10.00', 'RATE 1 24.500p/kWh', 'SUPPLY ON']);
  });

  it('the active rate and its price; the supply words; a friendly period', () => {
    const tou = { prices: [10_000, 33_333], touSwitch: [{ enabled: true, daysMask: 127, startMinute: 0, rate: 2 }] };
    expect(display({ meterBalance: 1_000_000, tariff: tou })[1]).toBe('RATE 2 33.333p/kWh');
    expect(display({ meterBalance: 1_000_000, supply: 'armed' }).at(-1)).toBe('SUPPLY ARMED - PRESS B');
    expect(display({ meterBalance: 1_000_000, supply: 'disabled' }).at(-1)).toBe('SUPPLY OFF');
    const friendly = { friendlyCredit: [{ enabled: true, daysMask: 127, startMinute: 0, endMinute: 0 }] };
    expect(display({ meterBalance: 1_000_000, calendars: friendly }).at(-1)).toBe('SUPPLY ON (FRIENDLY)');
  });

  it('the last action\'s words come after the standing lines', () => {
    const d = device({ meterBalance: 1_000_000 });
    d.handle({ op: 'token', digits: '12345' });
    expect(readout(d).display).toEqual(['CREDIT £10.00', 'RATE 1 24.500p/kWh', 'SUPPLY ON', 'INCOMPLETE']);
  });
});

describe('RevertToDefaults restores only the parts its scope names', () => {
  const commissioned = {
    meterBalance: 2_000_000,
    accumulatedDebt: 50_000,
    timeDebt: [{ amount: 70_000, rate: 1_000, period: 'daily' }],
    tariff: { prices: [30_000], standingCharge: 40_000 },
    calendars: { friendlyCredit: [{ enabled: true, daysMask: 1, startMinute: 60, endMinute: 120 }] },
    config: { lowCreditThreshold: 300_000 },
  };
  /** Change every part away from the commissioned values, then revert with `scope`. */
  function revert(scope: number) {
    const d = device(commissioned);
    let n = 0;
    const send = (name: any, fields: Record<string, number>) => {
      const reply = d.handle({ op: 'token', digits: issueCommandToken(rtdsParty, ++n, name, fields).token }) as any;
      expect(reply.result, name).toBe('Accepted');
    };
    send('ChangePrice', { element: 0, price: 99_000, activationDay: 0, activationMinute: 0 });
    send('ChangePrice', { element: 1, price: 88_000, activationDay: 9600, activationMinute: 0 }); // pending
    send('SetFriendlyCredit', { slot: 0, enabled: 0, daysMask: 0, startMinute: 0, endMinute: 0 });
    send('SetConfig', { parameter: 2, sign: 0, value: 500 }); // low credit £5
    send('OpenHan', { minutes: 60, deviceClass: 0 });
    d.handle({ op: 'join', deviceClass: 'ihd', deviceId: '0011223344556677' });
    send('RevertToDefaults', { scope, tenancyDay: 9600 });
    return readout(d);
  }

  it('tariff (bit 2): prices and standing charge back, the pending change gone; nothing else', () => {
    const r = revert(4);
    expect(r.tariff.prices[0]).toBe(30_000);
    expect(r.tariff.standingCharge).toBe(40_000);
    expect(r.tariff.pending).toEqual([]);
    expect(r.calendars.friendlyCredit[0].enabled).toBe(false);
    expect(r.config.lowCreditThreshold).toBe(500_000);
    expect(r.meterBalance).toBe(2_000_000);
    expect(r.han.devices).toHaveLength(1);
    expect(r.tenancyStartDay).toBe(9600);
  });

  it('calendars (bit 3) and config (bit 4), alone', () => {
    const cal = revert(8);
    expect(cal.calendars.friendlyCredit[0]).toEqual({ enabled: true, daysMask: 1, startMinute: 60, endMinute: 120 });
    expect(cal.tariff.prices[0]).toBe(99_000);
    expect(cal.tariff.pending).toHaveLength(1);
    expect(cal.config.lowCreditThreshold).toBe(500_000);
    const config = revert(16);
    expect(config.config.lowCreditThreshold).toBe(300_000);
    expect(config.calendars.friendlyCredit[0].enabled).toBe(false);
  });

  it('debts (bit 1) keep the balances; balances (bit 0) keep the debts; HAN (bit 6) only the devices', () => {
    const debts = revert(2);
    expect([debts.timeDebt[0].amount, debts.accumulatedDebt, debts.meterBalance]).toEqual([0, 0, 2_000_000]);
    expect(debts.timeDebt[0].rate).toBe(1_000);
    const balances = revert(1);
    expect([balances.meterBalance, balances.timeDebt[0].amount]).toEqual([0, 70_000]);
    expect(balances.han.devices).toHaveLength(1);
    const han = revert(64);
    expect(han.han).toEqual({ joinWindow: null, devices: [] });
    expect(han.meterBalance).toBe(2_000_000);
    expect(han.config.lowCreditThreshold).toBe(500_000);
  });
});
