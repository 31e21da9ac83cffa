// Issuing GBCS 20-digit UTRNs (GBCS section 14, tokens.md section 3): the supplier's side of
// firmware/tokens/gbcs.ts.
import { PPTD_OFFSET, utrnAad, type ValueClass } from '../firmware/tokens/gbcs.js';
import { fullTag, tokenKey, truncatedTag, type Party } from '../firmware/tokens/kdf.js';
import { checkDigit } from '../firmware/tokens/verhoeff.js';

/** A top-up as a customer or a script says it: pence or whole pounds, 0..8191 either way. */
export type TopUpAmount = { pence: number; pounds?: undefined } | { pounds: number; pence?: undefined };

/** The UTRN value class and value for an amount (tokens.md section 3); RangeError naming the field. */
export function utrnValue(amount: { pence?: unknown; pounds?: unknown }): { valueClass: ValueClass; value: number } {
  if ((amount.pence === undefined) === (amount.pounds === undefined)) throw new RangeError('a top-up needs exactly one of "pence" or "pounds"');
  const [field, valueClass, value] = amount.pence !== undefined ? (['pence', 'pennies', amount.pence] as const) : (['pounds', 'pounds', amount.pounds] as const);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 8191) throw new RangeError(`"${field}" must be 0..8191, got ${String(value)}`);
  return { valueClass, value };
}

export interface IssuedUtrn {
  token: string;
  pptd: string;
  ptut: bigint;
  key: Uint8Array;
  aad: Uint8Array;
  tag: Uint8Array;
}

/** The UTRN of a top-up under `utrnCounter`. */
export function issueUtrn(party: Party, utrnCounter: number, valueClass: ValueClass, value: number): IssuedUtrn {
  if (!Number.isInteger(value) || value < 0 || value > 8191) throw new RangeError(`"value" must be an integer 0..8191, got ${value}`);
  const high = (((utrnCounter & 0x3ff) << 15) | ((valueClass === 'pounds' ? 1 : 0) << 13) | value) >>> 0;
  const key = tokenKey(party, utrnCounter);
  const aad = utrnAad(party, utrnCounter, high);
  const tag = fullTag(party, key, aad);
  const m = truncatedTag(tag, 4);
  const mac = ((m[0]! << 24) | (m[1]! << 16) | (m[2]! << 8) | m[3]!) >>> 0;
  const ptut = (BigInt(high) << 32n) | BigInt(mac);
  const pptd = (PPTD_OFFSET + ptut).toString();
  // The token as one flat string, made from a number: `pptd + digit` would be a rope (V8 joins
  // strings of 13 characters or more lazily), which the meter's digit loops would read through an
  // indirection, where digits typed or read from a line arrive flat.
  const token = ((PPTD_OFFSET + ptut) * 10n + BigInt(checkDigit(pptd))).toString();
  return { token, pptd, ptut, key, aad, tag };
}
