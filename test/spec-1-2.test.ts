// Clarifications 1.2 (3, 29-36) and the boundaries a hand mutation test found unguarded, each with its
// arithmetic worked by hand. The vectors pin the same points for a manufacturer's meter.
import { describe, expect, it } from 'vitest';
import { recoverCounter } from '../firmware/tokens/counter-cache.js';
import { isLocked } from '../firmware/keypad.js';
import { issueCommandToken } from '../vending/command-token.js';
import { issueUtrn } from '../vending/utrn.js';
import { device, readout, rtdsParty } from './helpers.js';

const UTRN_1234P = '73947252416745201637'; // GBCS published: counter 4, 1234 pennies
const utrn = (counter: number, pence: number) => issueUtrn(rtdsParty, counter, 'pennies', pence).token;
const cmd = (name: Parameters<typeof issueCommandToken>[2], counter: number, fields: Record<string, number>) =>
  issueCommandToken(rtdsParty, counter, name, fields).token;
const names = (r: any): string[] => r.events.map((e: any) => e.name);
/** EC and low credit out of the way, so only the supply rules log. */
const QUIET = { config: { emergencyCreditThreshold: -1_000_000, lowCreditThreshold: -1_000_000 } };

describe('clarifications 3: the log is append-only, a record of causes', () => {
  it('a later input at the same second logs after an earlier one, never sorted in among it', () => {
    const d = device({ meterBalance: 100_000, utrnCounters: [100], ...QUIET });
    // 100,000 - 200,000 = -100,000 < 0: disabled; then +500,000 = 400,000: armed, same second
    expect(d.handle({ op: 'token', digits: cmd('DeductCredit', 101, { amount: 200 }) })).toMatchObject({ result: 'Accepted' });
    expect(d.handle({ op: 'token', digits: utrn(102, 500) })).toMatchObject({ result: 'Accepted' });
    expect(names(readout(d))).toEqual(['belowDisablementThreshold', 'supplyDisabled', 'creditAddedLocally', 'supplyArmed']);
  });

  it('one input at one instant is in table order: a keys request with two submissions is one input', () => {
    const d = device({ meterBalance: 100_000, utrnCounters: [100], ...QUIET });
    d.handle({ op: 'keys', keys: `${cmd('DeductCredit', 101, { amount: 200 })}#${utrn(102, 500)}#` });
    // rows 1, 5, 7, 7 (supplyDisabled raised before supplyArmed keeps its place in row 7)
    expect(names(readout(d))).toEqual(['belowDisablementThreshold', 'creditAddedLocally', 'supplyDisabled', 'supplyArmed']);
  });

  it('a keys request\'s entries come before those of the next request', () => {
    const d = device({ meterBalance: 100_000, utrnCounters: [100], ...QUIET });
    d.handle({ op: 'keys', keys: '123#' }); // Incomplete: tokenRejected, an earlier input
    d.handle({ op: 'token', digits: cmd('DeductCredit', 101, { amount: 200 }) });
    expect(names(readout(d))).toEqual(['tokenRejected', 'belowDisablementThreshold', 'supplyDisabled']);
  });

  it('the log stays capped at 100 with this input\'s entries last', () => {
    const d = device({ meterBalance: 100_000_000 });
    for (let i = 0; i < 120; i++) d.handle({ op: 'power', on: i % 2 === 1 });
    const r = readout(d);
    expect(r.events).toHaveLength(100);
    // 120 entries alternating powerOff, powerOn, ...; the last 100 end with powerOn
    expect(r.events.at(-1).name).toBe('powerOn');
  });
});

describe('clarifications 29: lowCredit on any fall in credit', () => {
  it('RevertToDefaults of the balances', () => {
    const d = device({ meterBalance: 300_000, utrnCounters: [100] });
    d.handle({ op: 'token', digits: cmd('RevertToDefaults', 101, { scope: 1, tenancyDay: 0 }) });
    // 300,000 -> 0: below 200,000 (lowCredit) and below 100,000 (EC available)
    expect(names(readout(d))).toEqual(['lowCredit', 'emergencyCreditAvailable']);
  });

  it('RevertToDefaults of the balances and the logs: the lowCredit raised before the logs cleared goes too', () => {
    const d = device({ meterBalance: 300_000, utrnCounters: [100] });
    d.handle({ op: 'token', digits: cmd('RevertToDefaults', 101, { scope: 1 | 32, tenancyDay: 0 }) });
    // section 4 runs after the revert: EC becomes available then, after the logs were cleared
    expect(names(readout(d))).toEqual(['emergencyCreditAvailable']);
  });

  it('a lower EC limit capping an active balance', () => {
    const d = device({ meterBalance: 50_000, utrnCounters: [100] });
    d.handle({ op: 'button', button: 'A' });
    // credit 1,050,000; limit 100 p caps EC to 100,000: credit 150,000 < 200,000
    d.handle({ op: 'token', digits: cmd('SetConfig', 101, { parameter: 0, sign: 0, value: 100 }) });
    expect(names(readout(d))).toEqual(['emergencyCreditAvailable', 'emergencyCreditActivated', 'lowCredit']);
  });

  it('unused active EC handed back by a top-up', () => {
    const d = device({ meterBalance: 10_000 });
    d.handle({ op: 'button', button: 'A' });
    d.handle({ op: 'advance', seconds: 1 });
    d.handle({ op: 'token', digits: utrn(1, 50) });
    // credit 1,010,000 -> 60,000 (EC back at its limit, no longer counted): lowCredit; 60,000 < 100,000: available
    expect(names(readout(d)).slice(2)).toEqual(['lowCredit', 'emergencyCreditAvailable', 'creditAddedLocally']);
  });

  it('never for a change of the threshold itself, nor for a reset', () => {
    const d = device({ meterBalance: 300_000, utrnCounters: [100] });
    expect(readout(d).events).toEqual([]);
    d.handle({ op: 'token', digits: cmd('SetConfig', 101, { parameter: 2, sign: 0, value: 5000 }) });
    expect(readout(d).events).toEqual([]);
  });
});

describe('clarifications 30 and 31', () => {
  it('RevertToDefaults debts zeroes all four registers, accumulatedDebt included', () => {
    const d = device({ accumulatedDebt: 500_000, timeDebt: [{ amount: 300_000, rate: 1000 }], paymentDebt: { amount: 200_000, rateBp: 1000 }, utrnCounters: [100] });
    d.handle({ op: 'token', digits: cmd('RevertToDefaults', 101, { scope: 2, tenancyDay: 0 }) });
    const r = readout(d);
    expect(r.accumulatedDebt).toBe(0);
    expect(r.timeDebt.map((t: any) => t.amount)).toEqual([0, 0]);
    expect(r.paymentDebt).toEqual({ amount: 0, rateBp: 1000, recoveredThisWeek: 0 });
  });

  it('credit mode: fully repaid EC goes to available when the balance is below the threshold', () => {
    const d = device({ paymentMode: 'credit', meterBalance: 10_000, emergencyCredit: { state: 'active', balance: 400_000 } });
    d.handle({ op: 'token', digits: utrn(1, 650) });
    // 650,000: 600,000 to EC (limit), 50,000 to the balance -> 60,000 < 100,000
    const r = readout(d);
    expect(r.emergencyCredit).toEqual({ state: 'available', balance: 1_000_000 });
    expect(r.meterBalance).toBe(60_000);
    expect(names(r)).toEqual(['emergencyCreditAvailable', 'creditAddedLocally']);
  });

  it('credit mode: fully repaid EC goes to unavailable when the balance reaches the threshold', () => {
    const d = device({ paymentMode: 'credit', meterBalance: 10_000, emergencyCredit: { state: 'exhausted', balance: 0 } });
    d.handle({ op: 'token', digits: utrn(1, 1100) });
    // 1,100,000: 1,000,000 to EC, 100,000 -> 110,000 >= 100,000
    expect(readout(d).emergencyCredit).toEqual({ state: 'unavailable', balance: 1_000_000 });
  });
});

describe('clarifications 35: reset.meter arrays and their elements override what was there', () => {
  it('a non-disconnect slot without `enabled` stays disabled; an enabled one needs start and end', () => {
    const r = readout(device({ calendars: { nonDisconnect: [{ start: '2026-02-02T00:00:00Z', end: '2026-02-03T00:00:00Z' }, { enabled: true, start: '2026-02-02T00:00:00Z', end: '2026-02-03T00:00:00Z' }] } }));
    expect(r.calendars.nonDisconnect.slice(0, 3)).toEqual([
      { enabled: false, start: null, end: null },
      { enabled: true, start: '2026-02-02T00:00:00Z', end: '2026-02-03T00:00:00Z' },
      { enabled: false, start: null, end: null },
    ]);
    expect(() => device({ calendars: { nonDisconnect: [{ enabled: true, start: '2026-02-02T00:00:00Z' }] } })).toThrow(/badConfig/);
  });
});

describe('boundaries the tests used to miss', () => {
  it('top-up: accumulated debt is paid before payment debt', () => {
    const d = device({ meterBalance: 500_000, accumulatedDebt: 1_000_000, paymentDebt: { amount: 1_000_000, rateBp: 5000 } });
    d.handle({ op: 'token', digits: UTRN_1234P });
    // A = 1,234,000: accumulated min(A, 1,000,000) = 1,000,000, 234,000 left; payment
    // min(floor(1,234,000 x 0.5) = 617,000, 1,000,000, 2,000,000, 234,000) = 234,000; balance + 0
    const r = readout(d);
    expect(r.accumulatedDebt).toBe(0);
    expect(r.paymentDebt.amount).toBe(766_000);
    expect(r.meterBalance).toBe(500_000);
  });

  it('counter recovery: exactly half a window either side of p is not shifted', () => {
    // V = 1000, t = 10: p = 1000, q = 0; r = 488 = p - 512 is not < p - 512: s = r
    expect(recoverCounter(1000, 488, 10)).toBe(488);
    expect(recoverCounter(1000, 487, 10)).toBe(487 + 1024);
    // V = 100: r = 612 = p + 512 is not > p + 512: s = r; 613 is: 613 - 1024 = -411
    expect(recoverCounter(100, 612, 10)).toBe(612);
    expect(recoverCounter(100, 613, 10)).toBe(-411);
    // t = 16, V = 100,000: p = 34,464, q = 65,536; r = 1,696 = p - 32,768: s = r
    expect(recoverCounter(100_000, 1_696, 16)).toBe(67_232);
  });

  it('a genuine UTRN 512 ahead of the highest cached fails its MAC, 512 behind is accepted', () => {
    expect(device({ utrnCounters: [1000] }).handle({ op: 'token', digits: utrn(1512, 100) })).toMatchObject({ result: 'Invalid' });
    expect(device({ utrnCounters: [1000] }).handle({ op: 'token', digits: utrn(488, 100) })).toMatchObject({ result: 'Accepted' });
  });

  it('a lock has ended at exactly lockedUntil (clarifications 6)', () => {
    expect(isLocked({ lockedUntil: 3600, invalidCount: 0, lockouts: 1 }, 3599)).toBe(true);
    expect(isLocked({ lockedUntil: 3600, invalidCount: 0, lockouts: 1 }, 3600)).toBe(false);
    const d = device({ keypad: { lockedUntil: '2026-02-02T08:00:00Z' } });
    expect(d.handle({ op: 'token', digits: utrn(1, 100) })).toMatchObject({ result: 'Accepted' });
    const e = device({ keypad: { lockedUntil: '2026-02-02T08:00:05Z' } });
    e.handle({ op: 'advance', seconds: 5 });
    expect(readout(e).keypad.lockedUntil).toBeNull();
    expect(e.handle({ op: 'token', digits: utrn(1, 100) })).toMatchObject({ result: 'Accepted' });
  });

  it('EC availability: exactly at the threshold is not below it', () => {
    expect(readout(device({ meterBalance: 100_000 })).emergencyCredit.state).toBe('unavailable');
    expect(readout(device({ meterBalance: 99_999 })).emergencyCredit.state).toBe('available');
    const d = device();
    d.handle({ op: 'token', digits: utrn(1, 100) }); // 0 -> 100,000 = the threshold: back to unavailable
    expect(readout(d).emergencyCredit.state).toBe('unavailable');
  });
});
