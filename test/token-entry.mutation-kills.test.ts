// What a rejected digit token shows and says (tokens.md sections 7 and 9) for each check that refuses
// it, and the field range rules of section 6 that the bit widths leave open.
import { describe, expect, it } from 'vitest';
import { enterToken } from '../firmware/tokens/enter.js';
import { fieldError, type Command } from '../firmware/tokens/command-table.js';
import { examples, meterState, T0 } from './helpers.js';

// GBCS worked example: utrnCounter 1, 100 pounds.
const token = examples.gbcs[0].token as string;

const enter = (meter: Record<string, unknown>, digits = token) => enterToken(meterState(meter), digits, 'keypad').outcome;

describe('rejections (tokens.md section 9 words)', () => {
  it('too few digits: INCOMPLETE', () => {
    expect(enter({}, '123')).toMatchObject({ result: 'Incomplete', display: 'INCOMPLETE' });
  });
  it('a wrong check digit names its block', () => {
    const last = Number(token[19]);
    const bad = token.slice(0, 19) + String((last + 1) % 10);
    expect(enter({}, bad)).toMatchObject({ result: 'CheckDigitError', block: 1, message: 'check digit of block 1 is wrong', display: 'CHECK DIGIT BLOCK 1' });
  });
  it('a counter recovered past 2^32 - 1 is a FormatError shown as INVALID', () => {
    // Section 7.1 with V = 2^32 - 1, t = 10, r = 1: p = 1023, q = 4,294,966,272; r < p - 512, so
    // s = 1 + 1024 = 1025 and the counter is 4,294,967,297.
    expect(enter({ utrnCounters: [0xffff_ffff] })).toMatchObject({
      result: 'FormatError',
      message: 'recovered counter 4294967297 is past 2^32 - 1',
      display: 'INVALID',
    });
  });
  it('a counter at or below the floor: EXPIRED', () => {
    expect(enter({ counterFloor: 5 })).toMatchObject({ result: 'Expired', display: 'EXPIRED' });
  });
  it('a token for another meter: INVALID, without saying which check failed', () => {
    expect(enter({ sharedSecret: '00'.repeat(32) })).toMatchObject({ result: 'Invalid', message: 'not for this meter, or forged', display: 'INVALID' });
  });
  it('a lockout that ended exactly now does not show KEY LOCKED for the next Invalid', () => {
    // lockedUntil = now: the keypad is free (locked while now < lockedUntil); one Invalid of the five
    // that lock it again shows INVALID.
    const out = enter({ sharedSecret: '00'.repeat(32), keypad: { lockedUntil: T0, invalidCount: 0, lockouts: 1 } });
    expect(out).toMatchObject({ result: 'Invalid', display: 'INVALID' });
  });
});

describe('field range rules (tokens.md section 6)', () => {
  const err = (cmd: unknown) => fieldError(cmd as Command);
  it('activationMinute must be below 1440', () => {
    expect(err({ name: 'ChangePrice', fields: { element: 0, price: 1, activationDay: 1, activationMinute: 1440 } })).toBe('activationMinute 1440 is not below 1440');
  });
  it('endMinute must be below 1440', () => {
    expect(err({ name: 'SetFriendlyCredit', fields: { slot: 0, enabled: 1, daysMask: 1, startMinute: 0, endMinute: 1440 } })).toBe('endMinute 1440 is not below 1440');
  });
  it('an enabled TOU switch needs a day', () => {
    expect(err({ name: 'SetTouSwitch', fields: { slot: 0, enabled: 1, daysMask: 0, startMinute: 0, rate: 0 } })).toBe('SetTouSwitch enabled with days mask 0');
  });
  it('a non-disconnect period ending later the same day is well formed', () => {
    // start day 1 minute 0 = 1,440; end day 1 minute 60 = 1,500 > 1,440
    expect(err({ name: 'SetNonDisconnect', fields: { slot: 0, enabled: 1, startDay: 1, startMinute: 0, endDay: 1, endMinute: 60 } })).toBeNull();
  });
});
