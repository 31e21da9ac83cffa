// nowan 40/60-digit command tokens (tokens.md section 4).
import { failure, ok, type Result } from '../result.js';
import { bigintToBytes } from './digits.js';
import { COMMAND_BY_CODE, commandOf, fieldError, type Command } from './command-table.js';
import { counter64, type Party } from './kdf.js';

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

export const VERSION = 1;
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

/** Decode the data digits (38 or 57) of a command token; a FormatError when they are not one. */
export function decodeCommandToken(data: string, digits: 40 | 60): Result<DecodedCommandToken, 'FormatError'> {
  const layout = LAYOUTS[digits];
  const x = BigInt(data);
  if (x >= 1n << BigInt(layout.width)) return failure('FormatError', `value is not below 2^${layout.width}`);
  const macBits = layout.macBytes * 8;
  const bodyBits = layout.width - macBits;
  const bodyValue = x >> BigInt(macBits);
  const version = Number(bodyValue >> BigInt(bodyBits - 3));
  if (version !== VERSION) return failure('FormatError', `version ${version} is not 1`);
  const code = Number((bodyValue >> BigInt(bodyBits - 8)) & 0x1fn);
  const spec = COMMAND_BY_CODE.get(code);
  if (!spec) return failure('FormatError', `unknown command code 0x${code.toString(16).padStart(2, '0')}`);
  if (spec.digits !== digits) return failure('FormatError', `${spec.name} is a ${spec.digits}-digit command, entered as ${digits}`);
  const counterLow = Number((bodyValue >> BigInt(layout.payloadBits)) & 0xffffn);
  const payload = bodyValue & mask(layout.payloadBits);
  let shift = layout.payloadBits;
  const fields: Record<string, number> = {};
  for (const [name, bits] of spec.fields) {
    shift -= bits;
    fields[name] = Number((payload >> BigInt(shift)) & mask(bits));
  }
  if ((payload & mask(shift)) !== 0n) return failure('FormatError', 'unused payload bits are not zero');
  const command = commandOf(spec, fields);
  const err = fieldError(command);
  if (err) return failure('FormatError', err);
  return ok({
    layout,
    command,
    code,
    counterLow,
    body: bigintToBytes(bodyValue, layout.bodyBytes),
    mac: bigintToBytes(x & mask(macBits), layout.macBytes),
  });
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
