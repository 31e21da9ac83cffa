// The edges of the check digit read in place (verhoeff.ts: `from` and `length`, the range guard) and
// of the UTRN's PPTD range above its top (gbcs.ts decodeUtrn), with expectations from tokens.md
// sections 3 and 5 and hand arithmetic.
import { describe, expect, it } from 'vitest';
import { decodeUtrn } from '../firmware/tokens/gbcs.js';
import { checkDigit } from '../firmware/tokens/verhoeff.js';

// tokens.md section 5's example: 7430182583759667200 has check digit 5.
const EXAMPLE = '7430182583759667200';

describe('checkDigit over a range of a longer string (tokens.md section 5)', () => {
  it('with `from` alone, reads from there to the end: the example after one leading digit is still 5', () => {
    expect(checkDigit(`9${EXAMPLE}`, 1)).toBe(5);
    expect(checkDigit(`12${EXAMPLE}`, 2)).toBe(5);
  });

  it('an empty run inside the string is Inv[c] with c never moved from 0: Inv[0] = 1', () => {
    // c = 0; no digit changes it; check digit = Inv[0] = 1 (Inv = [1,2,6,7,5,8,3,0,9,4]).
    expect(checkDigit('')).toBe(1);
    expect(checkDigit(EXAMPLE, 7, 0)).toBe(1);
    // from = 19 is the end of a 19-digit string: an empty range still in the string
    expect(checkDigit(EXAMPLE, 19, 0)).toBe(1);
  });

  it('an empty range that starts outside the string, or a negative length, is -1', () => {
    expect(checkDigit(EXAMPLE, -1, 0)).toBe(-1);
    expect(checkDigit(EXAMPLE, 20, 0)).toBe(-1);
    expect(checkDigit(EXAMPLE, 0, -1)).toBe(-1);
    expect(checkDigit(EXAMPLE, 5, -2)).toBe(-1);
  });
});

describe('a PPTD far above the UTRN range (tokens.md section 3)', () => {
  it('PTUT 2^58 (PPTD 7682387366938017792) is outside the range, though its value class bits read 00', () => {
    // 7394156990786306048 + 2^58 (288230376151711744) = 7682387366938017792. Its first nine digits,
    // 768238736, are above 739415699 + 14411518 (the first nine digits of the range's top), so it is
    // refused on range; its high word 2^58 / 2^32 = 2^26 has bits 13-14 clear, so a decoder that
    // missed the range would have read a valid pennies UTRN.
    expect(decodeUtrn('76823873669380177920')).toEqual({ ok: false, code: 'FormatError', message: 'UTRN outside the PPTD range (PTUT at or above 2^57)' });
  });

  it('the largest 19-digit string is outside the range too', () => {
    expect(decodeUtrn('99999999999999999990')).toEqual({ ok: false, code: 'FormatError', message: 'UTRN outside the PPTD range (PTUT at or above 2^57)' });
  });
});
