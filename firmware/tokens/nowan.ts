// nowan 40/60-digit command tokens (tokens.md section 4).
import { bytesToHex } from './bytes.js';
import { bigintToBytes, withCheckDigits } from './digits.js';
import { COMMAND_BY_CODE, COMMAND_BY_NAME, fieldError, type Command, type CommandName } from './command-table.js';
import { counter64, fullTag, tokenKey, truncatedTag, type Party } from './kdf.js';

export interface Layout {
  digits: 40 | 60;
  /** total bits W */
  width: number;
  payloadBits: number;
  macBytes: number;
  bodyBytes: number;
  /** the L byte of the AAD */
  lengthByte: number;
}

export const LAYOUTS: Record<40 | 60, Layout> = {
  40: { digits: 40, width: 125, payloadBits: 37, macBytes: 8, bodyBytes: 8, lengthByte: 0x28 },
  60: { digits: 60, width: 188, payloadBits: 68, macBytes: 12, bodyBytes: 12, lengthByte: 0x3c },
};

const VERSION = 1;
const AAD_MAGIC = new Uint8Array([0x4e, 0x57, 0x58, 0x31]); // "NWX1"

export interface DecodedCommandToken {
  layout: Layout;
  command: Command;
  code: number;
  counterLow: number;
  body: Uint8Array;
  mac: Uint8Array;
}

const mask = (bits: number) => (1n << BigInt(bits)) - 1n;

/** Decode the data digits (38 or 57) of a command token; a string error means FormatError. */
export function decodeCommandToken(data: string, digits: 40 | 60): DecodedCommandToken | string {
  const layout = LAYOUTS[digits];
  const x = BigInt(data);
  if (x >= 1n << BigInt(layout.width)) return `value is not below 2^${layout.width}`;
  const macBits = layout.macBytes * 8;
  const bodyBits = layout.width - macBits;
  const bodyValue = x >> BigInt(macBits);
  const version = Number(bodyValue >> BigInt(bodyBits - 3));
  if (version !== VERSION) return `version ${version} is not 1`;
  const code = Number((bodyValue >> BigInt(bodyBits - 8)) & 0x1fn);
  const spec = COMMAND_BY_CODE.get(code);
  if (!spec) return `unknown command code 0x${code.toString(16).padStart(2, '0')}`;
  if (spec.digits !== digits) return `${spec.name} is a ${spec.digits}-digit command, entered as ${digits}`;
  const counterLow = Number((bodyValue >> BigInt(layout.payloadBits)) & 0xffffn);
  const payload = bodyValue & mask(layout.payloadBits);
  let shift = layout.payloadBits;
  const fields: Record<string, number> = {};
  for (const [name, bits] of spec.fields) {
    shift -= bits;
    fields[name] = Number((payload >> BigInt(shift)) & mask(bits));
  }
  if ((payload & mask(shift)) !== 0n) return 'unused payload bits are not zero';
  const command: Command = { name: spec.name, fields };
  const err = fieldError(command);
  if (err) return err;
  return {
    layout,
    command,
    code,
    counterLow,
    body: bigintToBytes(bodyValue, layout.bodyBytes),
    mac: bigintToBytes(x & mask(macBits), layout.macBytes),
  };
}

/** AAD = "NWX1" || originatorId || deviceId || counter64 || L || body. */
export function commandAad(party: Party, utrnCounter: number, layout: Layout, body: Uint8Array): Uint8Array {
  const aad = new Uint8Array(4 + 8 + 8 + 8 + 1 + body.length);
  aad.set(AAD_MAGIC, 0);
  aad.set(party.originatorId, 4);
  aad.set(party.deviceId, 12);
  aad.set(counter64(utrnCounter), 20);
  aad[28] = layout.lengthByte;
  aad.set(body, 29);
  return aad;
}

export interface IssuedCommandToken {
  token: string;
  body: Uint8Array;
  key: Uint8Array;
  aad: Uint8Array;
  tag: Uint8Array;
}

/** Vending side: encode, authenticate and print a command token. Throws RangeError on bad fields. */
export function issueCommandToken(party: Party, utrnCounter: number, name: CommandName, fields: Record<string, number>): IssuedCommandToken {
  const spec = COMMAND_BY_NAME.get(name);
  if (!spec) throw new RangeError(`unknown command "${name}"`);
  const layout = LAYOUTS[spec.digits];
  let payload = 0n;
  let used = 0;
  for (const [field, bits] of spec.fields) {
    const v = fields[field];
    if (v === undefined || !Number.isInteger(v) || v < 0 || v >= 2 ** bits) {
      throw new RangeError(`"${field}" of ${name} must be an integer 0..${2 ** bits - 1}, got ${v}`);
    }
    payload = (payload << BigInt(bits)) | BigInt(v);
    used += bits;
  }
  for (const key of Object.keys(fields)) {
    if (!spec.fields.some(([f]) => f === key)) throw new RangeError(`${name} has no field "${key}"`);
  }
  payload <<= BigInt(layout.payloadBits - used);
  const err = fieldError({ name, fields });
  if (err) throw new RangeError(err);
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
