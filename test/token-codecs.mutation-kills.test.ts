// The edges of the token layer's small codecs: hex and base64 text (bytes.ts), the UTRN's PPTD range
// and value class (gbcs.ts, tokens.md section 3), and the per-key-set party (party.ts, tokens.md
// section 2), each with the exact refusal message a caller shows.
import { describe, expect, it } from 'vitest';
import { fromBase64, hexToBytes } from '../firmware/tokens/bytes.js';
import { firstBadBlock } from '../firmware/tokens/digits.js';
import { decodeUtrn } from '../firmware/tokens/gbcs.js';
import { judgeCounter } from '../firmware/tokens/counter-cache.js';
import { checkDigit } from '../firmware/tokens/verhoeff.js';
import { makeParty, partyOf } from '../firmware/tokens/party.js';

describe('hex and base64 text', () => {
  it('odd-length or non-hex text is refused with its length', () => {
    expect(() => hexToBytes('abc')).toThrow(new TypeError('expected an even-length hex string, got 3 characters'));
    expect(() => hexToBytes('0g')).toThrow(new TypeError('expected an even-length hex string, got 2 characters'));
  });

  it('base64 text of 4n + 1 characters is refused as truncated', () => {
    expect(() => fromBase64('AAAAA', 'base64')).toThrow(new TypeError('base64 text of 5 characters is truncated'));
    // Padding is not counted: 'AAAAA=' is 5 characters of data.
    expect(() => fromBase64('AAAAA=', 'base64')).toThrow(new TypeError('base64 text of 5 characters is truncated'));
  });

  it('padding is base64 only, and only at the end', () => {
    // 'QQ==' is 'A' (RFC 4648 section 10); base64url here is unpadded (RFC 7515 section 2).
    expect(fromBase64('QQ==', 'base64')).toEqual(Uint8Array.of(0x41));
    expect(() => fromBase64('QQ==', 'base64url')).toThrow(new TypeError('base64url text has an invalid character at offset 2'));
    expect(() => fromBase64('Q=QQ', 'base64')).toThrow(new TypeError('base64 text has an invalid character at offset 1'));
  });

  it('a character just past ASCII (U+0080) is refused with its offset', () => {
    expect(() => fromBase64('AA\u0080A', 'base64url')).toThrow(new TypeError('base64url text has an invalid character at offset 2'));
    expect(() => fromBase64('\u0080AAA', 'base64')).toThrow(new TypeError('base64 text has an invalid character at offset 0'));
  });
});

describe('UTRN range and value class (tokens.md section 3)', () => {
  // decodeUtrn reads the 19 PPTD digits; the 20th (check digit) is checked elsewhere, so 0 here.
  it('PPTD 7394156990786306048 is PTUT 0: the lowest UTRN, a zero-pence top-up with counter 0', () => {
    expect(decodeUtrn('73941569907863060480')).toEqual({
      ok: true,
      value: { high: 0, low: 0, truncatedCounter: 0, valueClass: 'pennies', value: 0, mac: new Uint8Array(4) },
    });
  });

  it('PTUT 2^57 (PPTD 7394156990786306048 + 144115188075855872 = 7538272178862161920) is out of range', () => {
    expect(decodeUtrn('75382721788621619200')).toEqual({ ok: false, code: 'FormatError', message: 'UTRN outside the PPTD range (PTUT at or above 2^57)' });
  });

  it('a PPTD one below the offset (PTUT -1) is refused as below the range, not as at or above 2^57', () => {
    // 7394156990786306048 - 1 = 7394156990786306047, then any check digit: the range check comes first.
    expect(decodeUtrn('73941569907863060470')).toEqual({ ok: false, code: 'FormatError', message: 'UTRN below the PPTD range (PPTD under 7394156990786306048)' });
  });

  it('PTUT 2^57 - 1 (PPTD 7538272178862161919) is the highest in range: high word 0x1ffffff, MAC ff ff ff ff', () => {
    // 0x1ffffff has class bits (bits 13-14) 11, so it is refused for its class, not its range.
    expect(decodeUtrn('75382721788621619190')).toEqual({ ok: false, code: 'FormatError', message: 'UTRN value class 11 is invalid' });
  });

  it('the PPTD digits read in two parts borrow across the split: PTUT 10^10 - 786306048 - 1 and its neighbours', () => {
    // The meter reads a PPTD as its first 9 and last 10 digits. PPTD 7394156999999999999 has last part
    // 9999999999 >= 0786306048 (no borrow): PTUT = 9213693951 = 2 * 2^32 + 623759359.
    expect(decodeUtrn('73941569999999999990')).toMatchObject({ ok: true, value: { high: 2, low: 623_759_359 } });
    // PPTD 7394157000000000000: last part 0 < 0786306048, a borrow: PTUT = 9213693952 = 2 * 2^32 + 623759360.
    expect(decodeUtrn('73941570000000000000')).toMatchObject({ ok: true, value: { high: 2, low: 623_759_360 } });
    // PTUT 2^32 - 1 = 4294967295: PPTD = 7394156995081273343. PTUT 2^32: the next PPTD, high 1 low 0.
    expect(decodeUtrn('73941569950812733430')).toMatchObject({ ok: true, value: { high: 0, low: 4_294_967_295, mac: new Uint8Array([255, 255, 255, 255]) } });
    expect(decodeUtrn('73941569950812733440')).toMatchObject({ ok: true, value: { high: 1, low: 0, mac: new Uint8Array(4) } });
  });

  it('every PPTD decodes to the PTUT of exact BigInt arithmetic (PPTD - offset, split at bit 32)', () => {
    // An oracle independent of the meter's double arithmetic; 2,000 PTUTs spread over [0, 2^57)
    // by a fixed LCG, plus the carries at each 2^32 boundary.
    const offset = 7_394_156_990_786_306_048n;
    let x = 12345n;
    const ptuts: bigint[] = [];
    for (let i = 0; i < 2000; i++) {
      x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
      ptuts.push(x >> 7n);
    }
    for (let h = 0n; h < 8n; h++) ptuts.push((h << 32n) - 1n, h << 32n, (h << 32n) + 1n);
    for (const ptut of ptuts.filter((p) => p >= 0n)) {
      const high = Number(ptut >> 32n);
      const got = decodeUtrn(`${offset + ptut}0`);
      if (((high >> 13) & 3) > 1) expect(got).toMatchObject({ ok: false, code: 'FormatError', message: expect.stringMatching(/^UTRN value class 1[01] is invalid$/) });
      else expect(got).toMatchObject({ ok: true, value: { high, low: Number(ptut & 0xffff_ffffn) } });
    }
  });

  it('value classes 10 and 11 are refused by name', () => {
    // class 10: PTUT high word 2 << 13 = 16384, PTUT = 16384 * 2^32 = 70368744177664,
    // PPTD = 7394156990786306048 + 70368744177664 = 7394227359530483712.
    expect(decodeUtrn('73942273595304837120')).toEqual({ ok: false, code: 'FormatError', message: 'UTRN value class 10 is invalid' });
    // class 11: 3 << 13 = 24576, 24576 * 2^32 = 105553116266496, PPTD = 7394262543902572544.
    expect(decodeUtrn('73942625439025725440')).toEqual({ ok: false, code: 'FormatError', message: 'UTRN value class 11 is invalid' });
  });
});

describe('the party of a key set (tokens.md section 2: Z computed once, not per token)', () => {
  const keys = (sharedSecret: string | null, originatorId = '90B3D51F30010000') => ({
    originatorId,
    deviceId: '00DB1234567890A0',
    sharedSecret,
    supplierSigningPublicKey: null,
  });
  const Z = '00'.repeat(31) + '01';

  it('a meter without Z has no party', () => {
    expect(partyOf(keys(null))).toBeNull();
  });

  it('Z given as bytes is kept as those bytes', () => {
    const z = Uint8Array.of(1, 2, 3);
    expect(makeParty('90B3D51F30010000', '00DB1234567890A0', z).sharedSecret).toBe(z);
  });

  it('a key set keeps one party while key sets alternate', () => {
    const a = partyOf(keys(Z));
    const b = partyOf(keys(Z, '90B3D51F30010001'));
    expect(a).not.toBe(b);
    expect(partyOf(keys(Z))).toBe(a);
    expect(partyOf(keys(Z, '90B3D51F30010001'))).toBe(b);
  });

  it('the cache of parties is bounded: after hundreds of other key sets the first is built afresh, equal', () => {
    const first = partyOf(keys(Z, 'AAAAAAAAAAAAAAAA'));
    for (let i = 0; i < 200; i++) partyOf(keys(Z, i.toString(16).padStart(16, '0')));
    const again = partyOf(keys(Z, 'AAAAAAAAAAAAAAAA'));
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});

describe('check digits read in place (verhoeff.ts, digits.ts)', () => {
  // GBCS 14.8's example PPTD 7430182583759667200 has check digit 5 (test/support/token-examples.ts).
  it('checks a block inside a longer string without cutting it out', () => {
    expect(checkDigit('7430182583759667200')).toBe(5);
    expect(checkDigit('xx7430182583759667200yy', 2, 19)).toBe(5);
  });

  it('gives -1, which no digit equals, for a non-digit or a block past the end', () => {
    for (const bad of ['743018258375966720/', '74301825837596672:0', '7430182583759667a00']) expect(checkDigit(bad)).toBe(-1);
    expect(checkDigit('7430182583759667200', 5, 19)).toBe(-1);
  });

  it('names the first bad block of 20, 40 and 60 digits, and a short last block as bad', () => {
    const good = '74301825837596672005';
    const typo = '74301825837596672006';
    expect(firstBadBlock(good)).toBe(0);
    expect(firstBadBlock(typo)).toBe(1);
    expect(firstBadBlock(good + typo)).toBe(2);
    expect(firstBadBlock(good + good + typo)).toBe(3);
    expect(firstBadBlock(good + good.slice(0, 19))).toBe(2);
    expect(firstBadBlock('7430182583759667200a')).toBe(1);
  });

  it('a UTRN with a non-digit in its PPTD is a FormatError, not a number', () => {
    expect(decodeUtrn('743a1825837596672005')).toEqual({ ok: false, code: 'FormatError', message: 'a UTRN is 20 decimal digits' });
    expect(decodeUtrn('7430182583 759667205')).toEqual({ ok: false, code: 'FormatError', message: 'a UTRN is 20 decimal digits' });
  });
});

describe('the anti-replay verdict (counter-cache.ts judgeCounter)', () => {
  it('a cached counter is a Duplicate wherever it sits, the highest included; a new one past them all is fresh', () => {
    const cache = [3, 7, 9];
    expect(judgeCounter(cache, 0, 9)).toBe('Duplicate');
    expect(judgeCounter(cache, 0, 7)).toBe('Duplicate');
    expect(judgeCounter(cache, 0, 3)).toBe('Duplicate');
    expect(judgeCounter(cache, 0, 10)).toBe('ok');
    expect(judgeCounter(cache, 0, 8)).toBe('ok');
    expect(judgeCounter([], 0, 1)).toBe('ok');
    expect(judgeCounter(cache, 9, 10)).toBe('ok');
    expect(judgeCounter(cache, 10, 10)).toBe('Expired');
  });
});

describe('check digits over a range that is not in the string', () => {
  it('a negative start, a negative length or a range past the end gives -1', () => {
    expect(checkDigit('7430182583759667200', -1, 19)).toBe(-1);
    expect(checkDigit('7430182583759667200', 0, -1)).toBe(-1);
    expect(checkDigit('7430182583759667200', 20, 0)).toBe(-1);
    expect(checkDigit('7430182583759667200', 19, 0)).toBe(checkDigit(''));
  });
});
