// Issuing nowan 40/60-digit command tokens (tokens.md section 4): the supplier's side of
// firmware/tokens/nowan.ts.
import { bytesToHex } from '../firmware/tokens/bytes.js';
import { COMMAND_BY_NAME, commandOf, fieldError, type CommandName } from '../firmware/tokens/command-table.js';
import { bigintToBytes, withCheckDigits } from '../firmware/tokens/digits.js';
import { fullTag, tokenKey, truncatedTag, type Party } from '../firmware/tokens/kdf.js';
import { LAYOUTS, VERSION, commandAad } from '../firmware/tokens/nowan.js';

export interface IssuedCommandToken {
  token: string;
  body: Uint8Array;
  key: Uint8Array;
  aad: Uint8Array;
  tag: Uint8Array;
}

/**
 * The payload of a command from its fields by name (tokens.md table 6), checked against the bit
 * widths and the range rules the meter applies. Throws a RangeError naming the field.
 */
export function commandPayload(name: CommandName, fields: Record<string, unknown>): bigint {
  const spec = COMMAND_BY_NAME.get(name);
  if (!spec) throw new RangeError(`unknown command "${name}"`);
  for (const key of Object.keys(fields)) {
    if (!spec.fields.some(([f]) => f === key)) throw new RangeError(`${name} has no field "${key}"`);
  }
  let payload = 0n;
  let used = 0;
  const values: Record<string, number> = {};
  for (const [field, bits] of spec.fields) {
    const v = fields[field];
    if (v === undefined) throw new RangeError(`${name} needs "${field}"`);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= 2 ** bits) throw new RangeError(`"${field}" of ${name} must be an integer 0..${2 ** bits - 1}, got ${String(v)}`);
    values[field] = v;
    payload = (payload << BigInt(bits)) | BigInt(v);
    used += bits;
  }
  const err = fieldError(commandOf(spec, values));
  if (err) throw new RangeError(err);
  return payload << BigInt(LAYOUTS[spec.digits].payloadBits - used);
}

/** Authenticate and print a command token whose payload `commandPayload` made. */
export function signCommand(party: Party, utrnCounter: number, name: CommandName, payload: bigint): IssuedCommandToken {
  const spec = COMMAND_BY_NAME.get(name)!;
  const layout = LAYOUTS[spec.digits];
  const bodyValue =
    (BigInt(VERSION) << BigInt(layout.width - layout.macBytes * 8 - 3)) |
    (BigInt(spec.code) << BigInt(layout.width - layout.macBytes * 8 - 8)) |
    (BigInt(utrnCounter & 0xffff) << BigInt(layout.payloadBits)) |
    payload;
  const body = bigintToBytes(bodyValue, layout.bodyBytes);
  const key = tokenKey(party, utrnCounter);
  const aad = commandAad(party, utrnCounter, layout, body);
  const tag = fullTag(party, key, aad);
  const mac = BigInt('0x' + bytesToHex(truncatedTag(tag, layout.macBytes)));
  const x = (bodyValue << BigInt(layout.macBytes * 8)) | mac;
  const data = x.toString().padStart(layout.digits === 40 ? 38 : 57, '0');
  return { token: withCheckDigits(data), body, key, aad, tag };
}

/** Encode, authenticate and print a command token. Throws a RangeError naming a bad field. */
export function issueCommandToken(party: Party, utrnCounter: number, name: CommandName, fields: Record<string, unknown>): IssuedCommandToken {
  return signCommand(party, utrnCounter, name, commandPayload(name, fields));
}
