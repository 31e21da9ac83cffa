// Every result code of tokens.md section 7, the Table 27 example, lockout and anti-replay.
import { describe, expect, it } from 'vitest';
import { recoverCounter } from '../firmware/tokens/counter-cache.js';
import { PPTD_OFFSET } from '../firmware/tokens/gbcs.js';
import { issueUtrn } from '../vending/utrn.js';
import { issueCommandToken } from '../vending/command-token.js';
import { checkDigit } from '../firmware/tokens/verhoeff.js';
import { withCheckDigits } from '../firmware/tokens/digits.js';
import { device, examples, readout, rtdsParty } from './helpers.js';

const strip = (t: string) => t.replace(/ /g, '');
const DEDUCT_CREDIT = strip(examples.commands[0].token); // counter 10, 250 p
const utrn = (counter: number, pence = 0) => issueUtrn(rtdsParty, counter, 'pennies', pence).token;

/** A UTRN with a valid check digit whose MAC is wrong: PTUT + 1 changes the MAC's last bit. */
function forged(n = 0): string {
  const pptd = (BigInt(utrn(1 + n, 100).slice(0, 19)) + 1n).toString();
  return pptd + String(checkDigit(pptd));
}

/** Digits of a command token from a raw W-bit value X (any MAC), with valid check digits. */
function rawToken(digits: 40 | 60, x: bigint): string {
  const data = x.toString().padStart(digits === 40 ? 38 : 57, '0');
  return withCheckDigits(data);
}

const enter = (d: ReturnType<typeof device>, digits: string, source = 'keypad') => d.handle({ op: 'token', digits, source }) as any;

describe('counter recovery (tokens.md 7.1)', () => {
  it('GBCS Table 27: V = 2458896167, r = 812, t = 10 gives 2458896172', () => {
    expect(recoverCounter(2_458_896_167, 812, 10)).toBe(2_458_896_172);
  });

  it('a counter that wraps the 10-bit window: V = 1023, r = 1 recovers 1025', () => {
    expect(recoverCounter(1023, 1, 10)).toBe(1025);
    const d = device({ utrnCounters: [1023] });
    expect(enter(d, utrn(1025, 5)).result).toBe('Accepted');
    expect(readout(d).utrnCounters).toEqual([1023, 1025]);
  });

  it('a 16-bit command counter wraps likewise: V = 65535, r = 2 recovers 65538', () => {
    expect(recoverCounter(65_535, 2, 16)).toBe(65_538);
  });
});

describe('result codes in check order (tokens.md 7)', () => {
  it('Incomplete for any count but 20, 40 or 60', () => {
    const d = device();
    expect(enter(d, '1234567890123456789')).toMatchObject({ result: 'Incomplete' });
    expect(enter(d, '')).toMatchObject({ result: 'Incomplete' });
    expect(readout(d).events.at(-1).name).toBe('tokenRejected');
  });

  it('CheckDigitError names the first failing block: one digit wrong in block 2', () => {
    const typo = DEDUCT_CREDIT.slice(0, 25) + String((Number(DEDUCT_CREDIT[25]) + 1) % 10) + DEDUCT_CREDIT.slice(26);
    expect(enter(device({ utrnCounters: [9] }), typo)).toMatchObject({ result: 'CheckDigitError', block: 2, display: ['CHECK DIGIT BLOCK 2'] });
  });

  it('the first 20-digit block of a 40-digit token is a FormatError, never Invalid, and not counted', () => {
    const d = device();
    for (let i = 0; i < 6; i++) expect(enter(d, DEDUCT_CREDIT.slice(0, 20))).toMatchObject({ result: 'FormatError' });
    expect(readout(d).keypad).toMatchObject({ invalidCount: 0, lockedUntil: null });
  });

  it('FormatError for a value class 10 or 11', () => {
    // PTUT with class bits 10: high word bit 14 set (value class sits at bits 13-14 of the high word)
    const pptd = (PPTD_OFFSET + (BigInt(0b10 << 13) << 32n)).toString();
    expect(enter(device(), pptd + String(checkDigit(pptd)))).toMatchObject({ result: 'FormatError' });
  });

  it('FormatError for a command entered at the wrong length, bad version, unused bits and out-of-range fields', () => {
    const d = device({ utrnCounters: [100] });
    // 40 digits: version 3 | command 5 | counterLow 16 | payload 37 | mac 64 (tokens.md 4)
    const short = (version: number, code: number, payload: bigint) => rawToken(40, (BigInt(version) << 122n) | (BigInt(code) << 117n) | (101n << 101n) | (payload << 64n));
    expect(enter(d, short(1, 0x10, 0n))).toMatchObject({ result: 'FormatError' }); // SetDebt is a 60-digit command
    expect(enter(d, short(2, 0x01, 0n))).toMatchObject({ result: 'FormatError' }); // version 2
    expect(enter(d, short(1, 0x09, 0n))).toMatchObject({ result: 'FormatError' }); // unknown code
    expect(enter(d, short(1, 0x05, 0n << 29n))).toMatchObject({ result: 'FormatError' }); // OpenHan minutes 0
    expect(enter(d, short(1, 0x05, (1n << 29n) | (5n << 26n)))).toMatchObject({ result: 'FormatError' }); // class 5
    expect(enter(d, short(1, 0x07, 3n << 35n))).toMatchObject({ result: 'FormatError' }); // Supply action 3
    expect(enter(d, short(1, 0x01, 1n))).toMatchObject({ result: 'FormatError' }); // unused payload bit set
    expect(enter(d, short(1, 0x08, (0n << 33n) | (1n << 32n)))).toMatchObject({ result: 'FormatError' }); // sign on EC limit
    expect(enter(d, rawToken(40, 1n << 125n))).toMatchObject({ result: 'FormatError' }); // X >= 2^125
    expect(readout(d).keypad.invalidCount).toBe(0);
    // The vending side refuses to build such tokens at all.
    expect(() => issueCommandToken(rtdsParty, 102, 'OpenHan', { minutes: 0, deviceClass: 0 })).toThrow(RangeError);
    expect(() => issueCommandToken(rtdsParty, 102, 'Supply', { action: 3 })).toThrow(RangeError);
  });

  it('Duplicate for a counter in the cache', () => {
    const d = device();
    expect(enter(d, utrn(1)).result).toBe('Accepted');
    expect(enter(d, utrn(1))).toMatchObject({ result: 'Duplicate', display: ['DUPLICATE'] });
  });

  it('Expired: a replayed token after 100 newer ones', () => {
    const d = device();
    const first = utrn(1, 100);
    expect(enter(d, first).result).toBe('Accepted');
    for (let c = 2; c <= 101; c++) expect(enter(d, utrn(c)).result).toBe('Accepted');
    const r = readout(d);
    expect(r.utrnCounters).toHaveLength(100);
    expect(r.utrnCounters[0]).toBe(2);
    expect(enter(d, first)).toMatchObject({ result: 'Expired' });
  });

  it('Expired: counter 0 is never valid', () => {
    expect(enter(device(), utrn(0)).result).toBe('Expired');
  });

  it('Expired: at or below counterFloor after RevertToDefaults', () => {
    const revert = strip(examples.commands.find((c: any) => c.name === 'RevertToDefaults').token); // counter 26
    const d = device({ utrnCounters: [20] });
    expect(enter(d, utrn(25, 100)).result).toBe('Accepted');
    expect(enter(d, revert).result).toBe('Accepted');
    expect(readout(d).counterFloor).toBe(26);
    expect(enter(d, utrn(24, 100)).result).toBe('Expired');
  });

  it('Invalid for a forged MAC, and for a token made for another meter', () => {
    expect(enter(device(), forged())).toMatchObject({ result: 'Invalid', display: ['INVALID'] });
    const other = device({ deviceId: '00DB1234567890A1' });
    expect(enter(other, utrn(1)).result).toBe('Invalid');
  });

  it('Rejected zeroPrice for a TOU rate of 0; a zero standing charge is fine', () => {
    const d = device({ utrnCounters: [100] });
    expect(enter(d, issueCommandToken(rtdsParty, 101, 'ChangePrice', { element: 0, price: 0, activationDay: 0, activationMinute: 0 }).token)).toMatchObject({ result: 'Rejected', reason: 'zeroPrice' });
    expect(enter(d, issueCommandToken(rtdsParty, 102, 'ChangePrice', { element: 8, price: 0, activationDay: 0, activationMinute: 0 }).token).result).toBe('Accepted');
    expect(readout(d).tariff.standingCharge).toBe(0);
  });

  it('Rejected hanFull for OpenHan with 8 devices joined', () => {
    const devices = Array.from({ length: 8 }, (_, i) => ({ deviceId: `000000000000000${i}`, deviceClass: 'ihd' }));
    const d = device({ utrnCounters: [14], han: { devices } });
    expect(enter(d, strip(examples.commands.find((c: any) => c.name === 'OpenHan').token))).toMatchObject({ result: 'Rejected', reason: 'hanFull' });
  });

  it('a rejected token changes nothing but the lockout state and the event log', () => {
    const d = device({ meterBalance: 1_000_000 });
    const before = readout(d);
    enter(d, forged());
    const after = readout(d);
    expect({ ...after, events: [], keypad: null, display: null }).toEqual({ ...before, events: [], keypad: null, display: null });
    expect(after.keypad.invalidCount).toBe(1);
    expect(after.events.at(-1).name).toBe('tokenRejected');
  });
});

describe('keypad lockout (tokens.md 7.2)', () => {
  it('5 forged tokens lock for 60 min; the next lock doubles; an Accepted token resets the doubling', () => {
    const d = device();
    for (let i = 0; i < 4; i++) expect(enter(d, forged(i)).result).toBe('Invalid');
    expect(enter(d, forged(4))).toMatchObject({ result: 'Invalid', display: ['KEY LOCKED 60 MIN'] });
    let k = readout(d).keypad;
    expect(k).toMatchObject({ lockedUntil: '2026-02-02T09:00:00Z', invalidCount: 0, lockouts: 1 });
    expect(enter(d, utrn(1)).result).toBe('KeypadLocked');
    expect(readout(d).events.map((e: any) => e.name)).toContain('keypadLocked');
    d.handle({ op: 'advance', to: '2026-02-02T09:00:00Z' });
    expect(readout(d).keypad.lockedUntil).toBeNull();
    for (let i = 0; i < 5; i++) enter(d, forged(i));
    k = readout(d).keypad;
    expect(k).toMatchObject({ lockedUntil: '2026-02-02T11:00:00Z', lockouts: 2 }); // 60 x 2 = 120 min
    d.handle({ op: 'advance', to: '2026-02-02T11:00:00Z' });
    expect(enter(d, utrn(1)).result).toBe('Accepted');
    expect(readout(d).keypad).toMatchObject({ invalidCount: 0, lockouts: 0 });
    for (let i = 5; i < 10; i++) enter(d, forged(i)); // counters 6..10: counter 1 is now a Duplicate
    expect(readout(d).keypad.lockedUntil).toBe('2026-02-02T12:00:00Z'); // back to 60 min
  });

  it('lockout length is capped at 24 hours', () => {
    const d = device({ keypad: { lockouts: 5 } }); // 60 x 2^5 = 1,920 min -> 1,440
    for (let i = 0; i < 5; i++) enter(d, forged(i));
    expect(readout(d).keypad.lockedUntil).toBe('2026-02-03T08:00:00Z');
  });

  it('the PPMID relay has its own count and lock', () => {
    const d = device();
    for (let i = 0; i < 5; i++) enter(d, forged(i), 'ppmid');
    expect(readout(d).ppmid.lockouts).toBe(1);
    expect(enter(d, utrn(1), 'ppmid').result).toBe('KeypadLocked');
    expect(enter(d, utrn(1), 'keypad').result).toBe('Accepted');
  });

  it('a lockout survives a power cut', () => {
    const d = device();
    for (let i = 0; i < 5; i++) enter(d, forged(i));
    d.handle({ op: 'power', on: false });
    d.handle({ op: 'advance', seconds: 60 });
    d.handle({ op: 'power', on: true });
    expect(enter(d, utrn(1)).result).toBe('KeypadLocked');
  });
});

describe('the keypad path (tokens.md 7, 9)', () => {
  it('typing, backspace, clear and submit', () => {
    const d = device();
    const t = utrn(1, 100);
    expect(d.handle({ op: 'keys', keys: t.slice(0, 10) + '9<' })).toEqual({ ok: true, buffer: t.slice(0, 10) });
    expect(d.handle({ op: 'keys', keys: t.slice(10) + '#' })).toMatchObject({ ok: true, result: 'Accepted', buffer: '', display: ['ADDED £1.00'] });
    expect(d.handle({ op: 'keys', keys: '123*' })).toEqual({ ok: true, buffer: '' });
  });

  it('the entry clears after 20 s without a key press', () => {
    const d = device();
    d.handle({ op: 'keys', keys: '7394' });
    d.handle({ op: 'advance', seconds: 19 });
    expect(readout(d).keypad.buffer).toBe('7394');
    d.handle({ op: 'keys', keys: '1' });
    d.handle({ op: 'advance', seconds: 19 });
    expect(readout(d).keypad.buffer).toBe('73941');
    d.handle({ op: 'advance', seconds: 1 });
    expect(readout(d).keypad.buffer).toBe('');
  });

  it('a power cut clears a half-typed entry', () => {
    const d = device();
    d.handle({ op: 'keys', keys: '7394' });
    d.handle({ op: 'power', on: false });
    d.handle({ op: 'power', on: true });
    expect(readout(d).keypad.buffer).toBe('');
  });
});
