// GBCS 20-digit UTRN, bit-exact (GBCS section 14, tokens.md section 3).
import type { Party } from './kdf.js';

/** PPTD = PPTD_OFFSET + PTUT */
export const PPTD_OFFSET = 7_394_156_990_786_306_048n;
const PTUT_LIMIT = 1n << 57n;
const AAD_HEADER = new Uint8Array([0x11, 0, 0, 0, 0, 0]);

export type ValueClass = 'pennies' | 'pounds';

export interface Ptut {
  ptut: bigint;
  /** PTUT's high 32 bits, as the AAD carries them */
  high: number;
  truncatedCounter: number;
  valueClass: ValueClass;
  value: number;
  mac: Uint8Array;
}

/** Decode the 19 PPTD digits; a string error when the token is a FormatError. */
export function decodeUtrn(digits20: string): Ptut | string {
  const ptut = BigInt(digits20.slice(0, 19)) - PPTD_OFFSET;
  if (ptut < 0n) return 'UTRN below the PPTD range (PPTD under 7394156990786306048)';
  if (ptut >= PTUT_LIMIT) return 'UTRN outside the PPTD range (PTUT at or above 2^57)';
  const high = Number(ptut >> 32n);
  const classBits = (high >> 13) & 0b11;
  if (classBits > 1) return `UTRN value class ${classBits.toString(2).padStart(2, '0')} is invalid`;
  const mac = new Uint8Array(4);
  new DataView(mac.buffer).setUint32(0, Number(ptut & 0xffff_ffffn));
  return {
    ptut,
    high,
    truncatedCounter: (high >> 15) & 0x3ff,
    valueClass: classBits === 0 ? 'pennies' : 'pounds',
    value: high & 0x1fff,
    mac,
  };
}

/** Pence carried by a UTRN value. */
export function utrnPence(p: { valueClass: ValueClass; value: number }): number {
  return p.valueClass === 'pounds' ? p.value * 100 : p.value;
}

/** AAD = 11 00 00 00 00 00 || originatorId || deviceId || 01 || counter64 || PTUT high 32 bits. */
export function utrnAad(party: Party, utrnCounter: number, ptutHigh: number): Uint8Array {
  const aad = new Uint8Array(35);
  const view = new DataView(aad.buffer);
  aad.set(AAD_HEADER, 0);
  aad.set(party.originatorId, 6);
  aad.set(party.deviceId, 14);
  aad[22] = 0x01;
  view.setUint32(23, utrnCounter >>> 0); // counter64 = utrnCounter * 2^32
  view.setUint32(31, ptutHigh >>> 0);
  return aad;
}
