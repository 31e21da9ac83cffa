// Inspecting a token without applying it (diagnostics/inspect.ts), in process: family by length,
// check digits per block, decoded fields, recovered counter (tokens.md 7.1), MAC verdict with and
// without keys, and the counter verdict against the meter's cache. Tokens and their fields are the
// independent worked examples of token-examples.json (RTDS keys).
import { describe, expect, it } from 'vitest';
import { inspectToken, type Inspection } from '../diagnostics/inspect.js';
import { withCheckDigits } from '../firmware/tokens/digits.js';
import { issueUtrn } from '../vending/utrn.js';
import { examples, meterState, rtdsParty } from './helpers.js';

const strip = (t: string) => t.replace(/ /g, '');
const inspect = (text: string, meter?: Parameters<typeof inspectToken>[1]): Inspection => {
  const r = inspectToken(text, meter);
  if (typeof r === 'string') throw new Error(r);
  return r;
};
const gbcs = (counter: number) => examples.gbcs.find((e: any) => e.utrnCounter === counter);
const command = (name: string) => examples.commands.find((e: any) => e.name === name);
/** The same token with digit `i` changed to the next digit mod 10. */
const bump = (t: string, i: number) => t.slice(0, i) + String((Number(t[i]) + 1) % 10) + t.slice(i + 1);
const OTHER_SECRET = '11'.repeat(32);

describe('inspectToken: shape', () => {
  it('anything but digits, spaces and dashes is refused with a message', () => {
    expect(inspectToken('7394x333457189043313')).toMatch(/digits, spaces and dashes/);
    expect(inspectToken('7394-3333 4571 8904 3313')).toMatchObject({ digits: '73943333457189043313' });
  });

  it('the family is named by the digit count: 20, 40, 60, anything else unknown', () => {
    expect(inspect(gbcs(4).token).family).toBe('GBCS UTRN');
    expect(inspect(command('DeductCredit').token).family).toBe('nowan command (40)');
    expect(inspect(command('SetDebt').token).family).toBe('nowan command (60)');
    for (const n of [0, 19, 21, 39, 41, 59, 61, 80]) expect(inspect('1'.repeat(n)).family, String(n)).toBe('unknown');
  });

  it('an unknown length lists every whole 20-digit block and decodes nothing', () => {
    const t = strip(command('DeductCredit').token);
    // 45 digits: blocks 1 and 2 are the valid token's, the 5 trailing digits are no block
    const r = inspect(t + '12345');
    expect(r.blocks.map((b) => [b.block, b.ok])).toEqual([[1, true], [2, true]]);
    expect(r).not.toHaveProperty('command');
    expect(r).not.toHaveProperty('formatError');
    expect(r).not.toHaveProperty('mac');
    expect(inspect('123').blocks).toEqual([]);
  });

  it('each block shows its typed check digit, the expected one and whether they agree', () => {
    const t = gbcs(4).token; // ends in 7
    expect(inspect(t).blocks).toEqual([{ block: 1, checkDigit: 7, expected: 7, ok: true }]);
    const typo = bump(t, 19);
    expect(inspect(typo).blocks).toEqual([{ block: 1, checkDigit: 8, expected: 7, ok: false }]);
  });

  it('a wrong check digit in block 2 of 3 is reported there and stops decoding', () => {
    const t = strip(command('SetDebt').token);
    const r = inspect(bump(t, 39), meterState());
    expect(r.blocks.map((b) => b.ok)).toEqual([true, false, true]);
    expect(r.blocks[1]).toMatchObject({ block: 2, checkDigit: (Number(t[39]) + 1) % 10, expected: Number(t[39]) });
    expect(r).not.toHaveProperty('command');
    expect(r).not.toHaveProperty('mac');
    expect(r).not.toHaveProperty('counterVerdict');
  });

  it('good check digits but a bad format give formatError and nothing decoded', () => {
    // 19 zero digits are below the UTRN range 73... (tokens.md 3); 38 zeros are command code 0, unknown
    for (const digits of [withCheckDigits('0'.repeat(19)), withCheckDigits('0'.repeat(38))]) {
      const r = inspect(digits, meterState());
      expect(r.blocks.every((b) => b.ok)).toBe(true);
      expect(typeof r.formatError).toBe('string');
      expect(r.formatError!.length).toBeGreaterThan(0);
      expect(r).not.toHaveProperty('command');
      expect(r).not.toHaveProperty('mac');
    }
  });
});

describe('inspectToken: decoded fields and the MAC', () => {
  it('a GBCS UTRN: TopUp, its value class, value and amount in pounds; MAC OK with the right keys', () => {
    const e = gbcs(4); // counter 4, 1234 pennies = £12.34
    expect(inspect(e.token, meterState())).toEqual({
      digits: e.token,
      family: 'GBCS UTRN',
      blocks: [{ block: 1, checkDigit: 7, expected: 7, ok: true }],
      command: 'TopUp',
      fields: { valueClass: 'pennies', value: 1234, amount: '£12.34' },
      truncatedCounter: 4,
      counterBits: 10,
      utrnCounter: 4,
      mac: 'OK',
      counterVerdict: 'fresh',
    });
    // 10 pounds is 1000 p
    expect(inspect(gbcs(3).token).fields).toEqual({ valueClass: 'pounds', value: 10, amount: '£10.00' });
  });

  it('a command token: its table 6 fields and body; truncated to 16 bits', () => {
    const e = command('SetDebt');
    const r = inspect(e.token, meterState());
    expect(r).toMatchObject({ command: 'SetDebt', fields: { ...e.fields, body: e.bodyHex }, truncatedCounter: 19, counterBits: 16, utrnCounter: 19, mac: 'OK', counterVerdict: 'fresh' });
  });

  it('without a meter there are no keys and no counter verdict; V = 0', () => {
    const r = inspect(gbcs(4).token);
    expect(r.mac).toBe('no keys');
    expect(r).not.toHaveProperty('counterVerdict');
    expect(inspect(command('DeductCredit').token).mac).toBe('no keys');
  });

  it('a meter without a shared secret has no keys, but still judges the counter', () => {
    const m = meterState();
    const r = inspect(gbcs(4).token, { ...m, keys: { ...m.keys, sharedSecret: null } });
    expect(r.mac).toBe('no keys');
    expect(r.counterVerdict).toBe('fresh');
  });

  it('another meter\'s keys: MAC WRONG for either family', () => {
    const other = meterState({ sharedSecret: OTHER_SECRET });
    expect(inspect(gbcs(4).token, other).mac).toBe('WRONG');
    expect(inspect(command('DeductCredit').token, other).mac).toBe('WRONG');
  });
});

describe('inspectToken: counter recovery and verdict (tokens.md 7.1)', () => {
  it('recovery runs from the highest cached counter', () => {
    const t = gbcs(1000).token; // r = 1000 (10 bits)
    // cache [999]: V = 999, p = 999, q = 0, |r - p| <= 512, s = 1000: counter 1000
    expect(inspect(t, meterState({ utrnCounters: [5, 999] }))).toMatchObject({ truncatedCounter: 1000, utrnCounter: 1000, mac: 'OK', counterVerdict: 'fresh' });
    // no meter: V = 0, p = 0, r > p + 512, s = 1000 - 1024: counter -24, no MAC check below 0
    expect(inspect(t)).toMatchObject({ utrnCounter: -24, mac: 'no keys' });
    // cache [1]: V = 1, p = 1, r > 513, s = -24, q = 0: counter -24, Expired (below the floor 0)
    expect(inspect(t, meterState({ utrnCounters: [1] }))).toMatchObject({ utrnCounter: -24, mac: 'no keys', counterVerdict: 'Expired' });
  });

  it('a recovered counter of 0 is checked (and fails): the MAC was made under counter 1024', () => {
    // 1024 mod 1024 = 0: with V = 0 the meter recovers counter 0, whose key is not the issuer's
    const t = issueUtrn(rtdsParty, 1024, 'pennies', 5).token;
    expect(inspect(t, meterState())).toMatchObject({ truncatedCounter: 0, utrnCounter: 0, mac: 'WRONG', counterVerdict: 'Expired' });
  });

  it('Duplicate when cached, Expired at the floor', () => {
    const t = gbcs(4).token;
    expect(inspect(t, meterState({ utrnCounters: [4] })).counterVerdict).toBe('Duplicate');
    expect(inspect(t, meterState({ counterFloor: 4 })).counterVerdict).toBe('Expired');
  });
});
