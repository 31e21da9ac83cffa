// Decoding a 40-digit command token's value X (tokens.md section 4): W = 125 bits, the 61-bit body
// (version 3, code 5, counter 16, payload 37) above a 64-bit MAC. Each FormatError says which rule.
import { describe, expect, it } from 'vitest';
import { decodeCommandToken } from '../firmware/tokens/nowan.js';

const data = (x: bigint) => x.toString().padStart(38, '0');
/** X from its fields: version << 122 | code << 117 | counter << 101 | payload << 64 | mac */
const x40 = (version: number, code: number, payload: bigint, counter = 5n, mac = 0n) =>
  (BigInt(version) << 122n) | (BigInt(code) << 117n) | (counter << 101n) | (payload << 64n) | mac;

describe('decodeCommandToken (40 digits)', () => {
  it('X must be below 2^125; 2^125 - 1 gets as far as the version', () => {
    expect(decodeCommandToken(data(1n << 125n), 40)).toEqual({ ok: false, code: 'FormatError', message: 'value is not below 2^125' });
    expect(decodeCommandToken(data((1n << 125n) - 1n), 40)).toEqual({ ok: false, code: 'FormatError', message: 'version 7 is not 1' });
  });

  it('the version, the command code and the length it belongs to', () => {
    expect(decodeCommandToken(data(x40(2, 0x01, 0n)), 40)).toEqual({ ok: false, code: 'FormatError', message: 'version 2 is not 1' });
    expect(decodeCommandToken(data(x40(1, 0x1f, 0n)), 40)).toEqual({ ok: false, code: 'FormatError', message: 'unknown command code 0x1f' });
    expect(decodeCommandToken(data(x40(1, 0x0a, 0n)), 40)).toEqual({ ok: false, code: 'FormatError', message: 'unknown command code 0x0a' });
    expect(decodeCommandToken(data(x40(1, 0x10, 0n)), 40)).toEqual({ ok: false, code: 'FormatError', message: 'SetDebt is a 60-digit command, entered as 40' });
  });

  it('DeductCredit: amount in the top 24 payload bits, the 13 below must be zero', () => {
    // amount 250 p: payload = 250 << 13
    const made = decodeCommandToken(data(x40(1, 0x01, 250n << 13n, 7n, 0xabcdn)), 40);
    expect(made).toMatchObject({ ok: true, value: { code: 1, counterLow: 7, command: { name: 'DeductCredit', fields: { amount: 250 } } } });
    expect(made.ok && Array.from(made.value.mac)).toEqual([0, 0, 0, 0, 0, 0, 0xab, 0xcd]);
    expect(decodeCommandToken(data(x40(1, 0x01, (250n << 13n) | 1n)), 40)).toEqual({ ok: false, code: 'FormatError', message: 'unused payload bits are not zero' });
  });
});
