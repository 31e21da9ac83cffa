// What a token shows and says (tokens.md section 9, docs/decisions.md 21): an accepted command shows
// what changed, with amounts worked by hand here; a rejection shows a short word and never which
// check inside the MAC failed. The command tokens are the worked examples of token-examples.json.
import { describe, expect, it } from 'vitest';
import { issueCommandToken } from '../vending/command-token.js';
import { issueUtrn } from '../vending/utrn.js';
import { device, examples, rtdsParty } from './helpers.js';

const enter = (d: ReturnType<typeof device>, digits: string) => d.handle({ op: 'token', digits, source: 'keypad' }) as any;

/** The display after the n-th example token of a command, on a meter whose cache sits below it. */
function shown(name: string, n = 0, meter: Record<string, unknown> = {}): string {
  const c = examples.commands.filter((x: any) => x.name === name)[n];
  const reply = enter(device({ utrnCounters: [c.utrnCounter - 1], meterBalance: 1_000_000, ...meter }), c.token);
  expect(reply.result).toBe('Accepted');
  return reply.display[0];
}

describe('accepted commands show what changed', () => {
  it.each([
    ['DeductCredit', 0, 'DEDUCTED £2.50'], // 250 p
    ['SetCredit', 0, 'SET £15.00'], // +1500 p
    ['SetCredit', 1, 'SET -£3.20'], // sign 1, 320 p
    ['AddDebt', 0, 'DEBT ADDED £50.00'], // 5000 p
    ['DeductDebt', 0, 'DEBT DEDUCTED £12.50'], // 1250 p
    ['SetDebt', 0, 'DEBT SET'],
    ['ChangePrice', 0, 'PRICE SET'], // activation day 0: now
    ['ChangePrice', 1, 'PRICE SET FROM 01/04'], // day 9587 = 2026-04-01
    ['OpenHan', 0, 'HAN OPEN 60 MIN'],
    ['ChangeMode', 0, 'MODE PREPAY'], // mode 1
    ['Supply', 0, 'SUPPLY ARM'], // action 0
    ['SetConfig', 0, 'SETTING CHANGED'],
    ['SetTouSwitch', 0, 'TARIFF SET'],
    ['SetFriendlyCredit', 0, 'FRIENDLY HOURS SET'],
    ['SetNonDisconnect', 0, 'NO-CUT PERIOD SET'],
    ['RevertToDefaults', 0, 'NEW TENANCY'],
  ])('%s #%i shows %s', (name, n, words) => {
    expect(shown(name as string, n as number)).toBe(words);
  });

  it('the other modes and supply actions', () => {
    const token = (counter: number, name: 'ChangeMode' | 'Supply', fields: Record<string, number>) => issueCommandToken(rtdsParty, counter, name, fields).token;
    const d = device({ meterBalance: 1_000_000 });
    expect(enter(d, token(1, 'ChangeMode', { mode: 0, suspendDebtDisabled: 0, suspendDebtEmergency: 0, sign: 0, disablementThreshold: 0 })).display).toEqual(['MODE CREDIT']);
    expect(enter(d, token(2, 'Supply', { action: 1 })).display).toEqual(['SUPPLY OFF']);
    expect(enter(d, token(3, 'Supply', { action: 2 })).display).toEqual(['SUPPLY ON']);
    // an enable from the PPMID only arms a gas meter: say what to do next
    const gas = device({ fuel: 'gas', meterBalance: 1_000_000, supply: 'disabled' });
    const reply = gas.handle({ op: 'token', digits: token(1, 'Supply', { action: 2 }), source: 'ppmid' }) as any;
    expect(reply.display).toEqual(['SUPPLY ARMED - PRESS B']);
    // an arm of an electricity meter that was disabled: just armed
    const elec = device({ meterBalance: 1_000_000, supply: 'disabled' });
    expect(enter(elec, token(1, 'Supply', { action: 0 })).display).toEqual(['SUPPLY ARM']);
  });

  it('the message names the command and its counter', () => {
    const c = examples.commands.find((x: any) => x.name === 'DeductCredit');
    const reply = enter(device({ utrnCounters: [c.utrnCounter - 1], meterBalance: 1_000_000 }), c.token);
    expect(reply.message).toBe(`DeductCredit accepted, counter ${c.utrnCounter}`);
  });
});

describe('rejections show a short word and say why', () => {
  const utrn = (counter: number, pence = 100) => issueUtrn(rtdsParty, counter, 'pennies', pence).token;

  it('Incomplete names how many digits came', () => {
    expect(enter(device(), '1234567890')).toMatchObject({ result: 'Incomplete', display: ['INCOMPLETE'], message: '10 digits; a token has 20, 40 or 60' });
  });

  it('Duplicate and Expired name the counter', () => {
    const d = device({ utrnCounters: [7] });
    expect(enter(d, utrn(7))).toMatchObject({ result: 'Duplicate', display: ['DUPLICATE'], message: 'counter 7 was already used' });
    const floor = device({ counterFloor: 20 });
    expect(enter(floor, utrn(20))).toMatchObject({ result: 'Expired', display: ['EXPIRED'], message: 'counter 20 is too old' });
  });

  it('an Invalid below the lockout threshold shows INVALID, the one that reaches it the lock', () => {
    const d = device({ config: { lockoutThreshold: 2 } });
    // a genuine UTRN for another meter fails the MAC here
    const otherMeter = (counter: number) => issueUtrn({ ...rtdsParty, deviceId: new Uint8Array(8).fill(1) }, counter, 'pennies', 100).token;
    expect(enter(d, otherMeter(1))).toMatchObject({ result: 'Invalid', display: ['INVALID'] });
    expect(enter(d, otherMeter(2))).toMatchObject({ result: 'Invalid', display: ['KEY LOCKED 60 MIN'] });
    // then locked: the remaining whole minutes, rounded up
    d.handle({ op: 'advance', seconds: 61 });
    expect(enter(d, utrn(1))).toMatchObject({ result: 'KeypadLocked', display: ['KEY LOCKED 59 MIN'], message: 'keypad locked' });
    d.handle({ op: 'advance', seconds: 58 * 60 + 30 }); // 30 s left: still 1 MIN
    expect(enter(d, utrn(1))).toMatchObject({ result: 'KeypadLocked', display: ['KEY LOCKED 1 MIN'] });
  });

  it('each Rejected reason has its word', () => {
    expect(enter(device({ config: { maxCreditThreshold: 100_000 } }), utrn(1, 2000))).toMatchObject({ result: 'Rejected', reason: 'maxCredit', display: ['ACCOUNT HIGH'] });
    const zero = issueCommandToken(rtdsParty, 1, 'ChangePrice', { element: 0, price: 0, activationDay: 0, activationMinute: 0 }).token;
    expect(enter(device(), zero)).toMatchObject({ result: 'Rejected', reason: 'zeroPrice', display: ['REJECTED'] });
    const devices = Array.from({ length: 8 }, (_, i) => ({ deviceId: `00112233445566${i}0`, deviceClass: 'ihd' }));
    const open = issueCommandToken(rtdsParty, 1, 'OpenHan', { minutes: 10, deviceClass: 0 }).token;
    expect(enter(device({ han: { devices } }), open)).toMatchObject({ result: 'Rejected', reason: 'hanFull', display: ['HAN FULL'] });
  });

  it('a rejected top-up says why: ACCOUNT HIGH', () => {
    expect(enter(device({ meterBalance: 49_990_000 }), utrn(1, 2000))).toMatchObject({ result: 'Rejected', reason: 'maxBalance', display: ['ACCOUNT HIGH'], message: 'rejected: maxBalance' });
  });
});

describe('the counter range (tokens.md 7.1)', () => {
  it('the last counter, 2^32 - 1, is accepted; the cache keeps the 100 highest, in order', () => {
    const d = device({ utrnCounters: [0xffff_fffe] });
    expect(enter(d, issueUtrn(rtdsParty, 0xffff_ffff, 'pennies', 1).token)).toMatchObject({ result: 'Accepted' });
    expect((d.handle({ op: 'read' }) as any).readout.utrnCounters).toEqual([0xffff_fffe, 0xffff_ffff]);
    // 100 cached (2..101); an older counter above the floor that is not cached is Expired
    const full = device({ utrnCounters: Array.from({ length: 100 }, (_, i) => i + 2) });
    expect(enter(full, issueUtrn(rtdsParty, 1, 'pennies', 1).token)).toMatchObject({ result: 'Expired' });
    // 103 evicts 2: the cache is 3..101, 103
    expect(enter(full, issueUtrn(rtdsParty, 103, 'pennies', 1).token)).toMatchObject({ result: 'Accepted' });
    const cached = (full.handle({ op: 'read' }) as any).readout.utrnCounters;
    expect([cached.length, cached[0], cached.at(-2), cached.at(-1)]).toEqual([100, 3, 101, 103]);
    // 102 fits between and evicts 3
    expect(enter(full, issueUtrn(rtdsParty, 102, 'pennies', 1).token)).toMatchObject({ result: 'Accepted' });
    const after = (full.handle({ op: 'read' }) as any).readout.utrnCounters;
    expect([after.length, after[0], after.at(-3), after.at(-2), after.at(-1)]).toEqual([100, 4, 101, 102, 103]);
  });
});

describe('an Accepted token resets its own source\'s lockout count only (tokens.md 7.2)', () => {
  it('from the PPMID: the PPMID count goes to 0, the keypad count stays', () => {
    const d = device({ keypad: { invalidCount: 2 }, ppmid: { invalidCount: 3, lockouts: 1 } });
    const reply = d.handle({ op: 'token', digits: issueUtrn(rtdsParty, 1, 'pennies', 100).token, source: 'ppmid' }) as any;
    expect(reply.result).toBe('Accepted');
    const r = (d.handle({ op: 'read' }) as any).readout;
    expect(r.ppmid).toMatchObject({ invalidCount: 0, lockouts: 0 });
    expect(r.keypad.invalidCount).toBe(2);
  });
});
