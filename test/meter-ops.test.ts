// The meter's operations at their edges (conformance.md section 1, clarifications 7 and 27): what a
// powered-off meter refuses, the exact shape of a token reply, power on while on, and inspecting a
// token without applying it (tokens.md section 7, the published UTRN of counter 3).
import { describe, expect, it } from 'vitest';
import { inspectToken } from '../diagnostics/inspect.js';
import { device, meterState, readout } from './helpers.js';

const UTRN_1234P = '73947252416745201637'; // GBCS published: counter 4, 1234 pennies
const UTRN_1000P = '73946144332040217315'; // GBCS published: counter 3, £10

describe('a powered-off meter', () => {
  it('refuses keys, tokens, envelopes, buttons and joins with powerOff, and changes nothing', () => {
    const d = device({ meterBalance: 50_000 });
    d.handle({ op: 'power', on: false });
    const before = readout(d);
    const powerOff = { ok: false, error: { code: 'powerOff', message: 'the meter has no power' } };
    expect(d.handle({ op: 'keys', keys: '1' })).toEqual(powerOff);
    expect(d.handle({ op: 'token', digits: UTRN_1234P })).toEqual(powerOff);
    expect(d.handle({ op: 'envelope', jws: 'a.b.c' })).toEqual(powerOff);
    expect(d.handle({ op: 'button', button: 'A' })).toEqual(powerOff);
    expect(d.handle({ op: 'button', button: 'B', where: 'ppmid' })).toEqual(powerOff);
    expect(d.handle({ op: 'join', deviceClass: 'ihd', deviceId: '0011223344556677' })).toEqual(powerOff);
    expect(readout(d)).toEqual(before);
  });

  it('power off while off and on while on do nothing (clarifications 7)', () => {
    const d = device();
    d.handle({ op: 'power', on: true });
    d.handle({ op: 'power', on: false });
    d.handle({ op: 'power', on: false });
    d.handle({ op: 'power', on: true });
    d.handle({ op: 'power', on: true });
    expect(readout(d).events.map((e: any) => e.name).filter((n: string) => n.startsWith('power'))).toEqual(['powerOff', 'powerOn']);
    expect(readout(d).power).toBe(true);
  });

  it('a cut clears a half-typed entry; restoring does not', () => {
    const d = device();
    d.handle({ op: 'keys', keys: '123' });
    d.handle({ op: 'power', on: false });
    expect(readout(d).keypad.buffer).toBe('');
    d.handle({ op: 'power', on: true });
    d.handle({ op: 'keys', keys: '45' });
    d.handle({ op: 'power', on: true });
    expect(readout(d).keypad.buffer).toBe('45');
  });
});

describe('token replies carry only the keys that apply', () => {
  it('Accepted: result, message, display; no reason, block or index', () => {
    expect(device().handle({ op: 'token', digits: UTRN_1234P })).toEqual({
      ok: true,
      result: 'Accepted',
      message: 'TopUp accepted, counter 4',
      display: ['ADDED £12.34'],
    });
  });

  it('the keypad: a key after clearing and backspacing, then a submit', () => {
    const d = device();
    expect(d.handle({ op: 'keys', keys: '12*3<4' })).toEqual({ ok: true, buffer: '4' });
    expect(readout(d).keypad.buffer).toBe('4');
    // clearing everything leaves no pending timeout either
    d.handle({ op: 'keys', keys: '*' });
    d.handle({ op: 'advance', seconds: 30 });
    expect(readout(d).keypad.buffer).toBe('');
    expect(d.handle({ op: 'keys', keys: `${UTRN_1234P}#` })).toMatchObject({ ok: true, result: 'Accepted', buffer: '' });
  });
});

describe('inspecting a token', () => {
  it('the published £10 UTRN: one block, its fields, counter 3, the MAC with the meter keys', () => {
    const s = meterState({ utrnCounters: [1] });
    const r = inspectToken('73946 14433-20402 17315', s);
    expect(r).toMatchObject({
      digits: UTRN_1000P,
      family: 'GBCS UTRN',
      blocks: [{ block: 1, checkDigit: 5, ok: true }],
      command: 'TopUp',
      fields: { amount: '£10.00' },
      utrnCounter: 3,
      mac: 'OK',
      counterVerdict: 'fresh',
    });
    expect(inspectToken(UTRN_1000P, meterState({ utrnCounters: [3] }))).toMatchObject({ counterVerdict: 'Duplicate' });
    expect(inspectToken(UTRN_1000P)).toMatchObject({ mac: 'no keys' });
    expect(inspectToken(UTRN_1000P)).not.toHaveProperty('counterVerdict');
  });

  it('letters are refused; a bad check digit or a wrong length stops after the blocks', () => {
    expect(inspectToken('7394a')).toBe('a token is digits, spaces and dashes only');
    const typo = `${UTRN_1000P.slice(0, 19)}0`;
    const r = inspectToken(typo) as any;
    expect(r.blocks).toEqual([{ block: 1, checkDigit: 0, expected: 5, ok: false }]);
    expect(r).not.toHaveProperty('command');
    expect(inspectToken(`${UTRN_1000P}1`)).toEqual({ digits: `${UTRN_1000P}1`, family: 'unknown', blocks: [{ block: 1, checkDigit: 5, expected: 5, ok: true }] });
    expect((inspectToken(UTRN_1000P + UTRN_1000P) as any).family).toBe('nowan command (40)');
    expect((inspectToken(UTRN_1000P.repeat(3)) as any).family).toBe('nowan command (60)');
  });
});
