// Explain a token without applying it: check digits per block, family, fields, recovered counter and,
// with keys, whether the MAC verifies, each by the meter's own check (firmware/tokens/decode.ts and
// counter-cache.ts). For `nowan token inspect` and the library API; it applies nothing.
import { formatPounds, penceToMp } from '../firmware/money.js';
import type { MeterState } from '../firmware/state.js';
import { highestCounter, judgeCounter } from '../firmware/tokens/counter-cache.js';
import { bytesToHex } from '../firmware/tokens/crypto.js';
import { decodeToken, macVerifies } from '../firmware/tokens/decode.js';
import { normaliseDigits } from '../firmware/tokens/digits.js';
import { utrnPence } from '../firmware/tokens/gbcs.js';
import { partyOf } from '../firmware/tokens/party.js';
import { checkDigit } from '../firmware/tokens/verhoeff.js';

export interface Inspection {
  digits: string;
  family: 'GBCS UTRN' | 'nowan command (40)' | 'nowan command (60)' | 'unknown';
  blocks: { block: number; checkDigit: number; expected: number; ok: boolean }[];
  formatError?: string;
  command?: string;
  fields?: Record<string, number | string>;
  truncatedCounter?: number;
  counterBits?: number;
  utrnCounter?: number;
  counterVerdict?: string;
  mac?: 'OK' | 'WRONG' | 'no keys';
}

/** Inspect `text` (digits, spaces, dashes). `meter` supplies keys and the counter cache when given. */
export function inspectToken(text: string, meter?: MeterState): Inspection | string {
  const digits = normaliseDigits(text);
  if (digits === null) return 'a token is digits, spaces and dashes only';
  const family = digits.length === 20 ? 'GBCS UTRN' : digits.length === 40 ? 'nowan command (40)' : digits.length === 60 ? 'nowan command (60)' : 'unknown';
  const blocks = [];
  for (let b = 0; b * 20 + 20 <= digits.length; b++) {
    const block = digits.slice(b * 20, b * 20 + 20);
    const expected = checkDigit(block.slice(0, 19));
    blocks.push({ block: b + 1, checkDigit: Number(block[19]), expected, ok: expected === Number(block[19]) });
  }
  const out: Inspection = { digits, family, blocks };
  if (family === 'unknown' || blocks.some((b) => !b.ok)) return out;
  const made = decodeToken(digits, meter ? highestCounter(meter.utrnCounters) : 0);
  if (!made.ok) return { ...out, formatError: made.message };
  const decoded = made.value;
  const { command, truncatedCounter, counterBits, counter } = decoded;
  const fields: Record<string, number | string> =
    decoded.family === 'gbcs'
      ? { valueClass: decoded.utrn.valueClass, value: decoded.utrn.value, amount: formatPounds(penceToMp(utrnPence(decoded.utrn))) }
      : { ...command.fields, body: bytesToHex(decoded.tok.body) };
  Object.assign(out, { command: command.name, fields, truncatedCounter, counterBits, utrnCounter: counter });
  const party = meter ? partyOf(meter.keys) : null;
  out.mac = party && counter >= 0 ? (macVerifies(party, decoded) ? 'OK' : 'WRONG') : 'no keys';
  if (meter && out.utrnCounter !== undefined) {
    const v = judgeCounter(meter.utrnCounters, meter.counterFloor, out.utrnCounter);
    out.counterVerdict = v === 'ok' ? 'fresh' : v;
  }
  return out;
}
