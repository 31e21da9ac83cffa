// GBCS 20-digit UTRN, bit-exact (GBCS section 14, tokens.md section 3).
import { failure, ok, type Result } from '../result.js';
import { putUint32, type Party } from './kdf.js';

/** PPTD = PPTD_OFFSET + PTUT */
export const PPTD_OFFSET = 7_394_156_990_786_306_048n;
const AAD_HEADER = new Uint8Array([0x11, 0, 0, 0, 0, 0]);

// The meter decodes in exact double arithmetic, no BigInt: the PPTD is read as a * 10^10 + b (its
// first 9 and last 10 digits), and so is the offset: 7394156990786306048 = 739415699 * 10^10 + 786306048.
const TEN_10 = 10_000_000_000;
const OFFSET_A = 739_415_699;
const OFFSET_B = 786_306_048;
// 2^57 = 14411518 * 10^10 + 8075855872
const LIMIT_A = 14_411_518;
const LIMIT_B = 8_075_855_872;
const TWO_32 = 0x1_0000_0000;

export type ValueClass = 'pennies' | 'pounds';

export interface Ptut {
  /** PTUT's high 32 bits, as the AAD carries them */
  high: number;
  /** PTUT's low 32 bits: the MAC */
  low: number;
  truncatedCounter: number;
  valueClass: ValueClass;
  value: number;
  mac: Uint8Array;
}

/** The decimal number in `text` from `from` up to `to` (at most 15 digits: exact), NaN on a non-digit. */
function decimal(text: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const d = text.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return NaN;
    v = v * 10 + d;
  }
  return v;
}

/** Decode the 19 PPTD digits; a FormatError when they are not a UTRN. */
export function decodeUtrn(digits20: string): Result<Ptut, 'FormatError'> {
  // PTUT = (a - OFFSET_A) * 10^10 + (b - OFFSET_B), borrowing from the top when the bottom is short.
  let da = decimal(digits20, 0, 9) - OFFSET_A;
  let db = decimal(digits20, 9, 19) - OFFSET_B;
  if (Number.isNaN(da) || Number.isNaN(db)) return failure('FormatError', 'a UTRN is 20 decimal digits');
  if (db < 0) {
    db += TEN_10;
    da -= 1;
  }
  if (da < 0) return failure('FormatError', 'UTRN below the PPTD range (PPTD under 7394156990786306048)');
  if (da > LIMIT_A || (da === LIMIT_A && db >= LIMIT_B)) return failure('FormatError', 'UTRN outside the PPTD range (PTUT at or above 2^57)');
  // da * 10^10 = (da * 5^10) * 2^10, and da * 5^10 < 2^47 is exact; split it at bit 22 so that both
  // halves, shifted by 2^10, and db's halves add up without leaving the exact range.
  const m = da * 9_765_625;
  const mHigh = Math.floor(m / 0x40_0000);
  const lowSum = (m - mHigh * 0x40_0000) * 1024 + (db % TWO_32);
  const carry = lowSum >= TWO_32 ? 1 : 0;
  const high = mHigh + Math.floor(db / TWO_32) + carry;
  const low = lowSum - carry * TWO_32;
  const classBits = (high >> 13) & 0b11;
  if (classBits > 1) return failure('FormatError', `UTRN value class ${classBits.toString(2).padStart(2, '0')} is invalid`);
  const mac = new Uint8Array(4);
  putUint32(mac, 0, low);
  return ok({
    high,
    low,
    truncatedCounter: (high >> 15) & 0x3ff,
    valueClass: classBits === 0 ? 'pennies' : 'pounds',
    value: high & 0x1fff,
    mac,
  });
}

/** Pence carried by a UTRN value. */
export function utrnPence(p: { valueClass: ValueClass; value: number }): number {
  return p.valueClass === 'pounds' ? p.value * 100 : p.value;
}

/** AAD = 11 00 00 00 00 00 || originatorId || deviceId || 01 || counter64 || PTUT high 32 bits. */
export function utrnAad(party: Party, utrnCounter: number, ptutHigh: number): Uint8Array {
  return fillAad(new Uint8Array(35), party, utrnCounter, ptutHigh);
}

function fillAad(aad: Uint8Array, party: Party, utrnCounter: number, ptutHigh: number): Uint8Array {
  aad.set(AAD_HEADER, 0);
  aad.set(party.originatorId, 6);
  aad.set(party.deviceId, 14);
  aad[22] = 0x01;
  putUint32(aad, 23, utrnCounter >>> 0); // counter64 = utrnCounter * 2^32
  putUint32(aad, 31, ptutHigh >>> 0);
  return aad;
}

/** Per party, the AAD the meter verifies with, its fixed part written once. */
const verifying = new WeakMap<Party, Uint8Array>();

/**
 * The meter's AAD for one check: the party's own buffer with this token's counter and PTUT written
 * in. It is good until the next call, which is enough: GCM copies its AAD at once, synchronously.
 */
export function verifyingAad(party: Party, utrnCounter: number, ptutHigh: number): Uint8Array {
  let aad = verifying.get(party);
  if (aad === undefined) {
    aad = fillAad(new Uint8Array(35), party, 0, 0);
    verifying.set(party, aad);
  }
  putUint32(aad, 23, utrnCounter >>> 0);
  putUint32(aad, 31, ptutHigh >>> 0);
  return aad;
}
