// Explain a token without applying it: check digits per block, family, fields, recovered counter and,
// with keys, whether the MAC verifies. For `nowan token inspect` and the library API.
import { formatPounds, penceToMp } from '../money.js';
import type { MeterState } from '../state.js';
import { highestCounter, judgeCounter, recoverCounter } from './counter-cache.js';
import { bytesToHex } from './crypto.js';
import { dataDigits, normaliseDigits } from './digits.js';
import { decodeUtrn, utrnAad, utrnPence } from './gbcs.js';
import { fullTag, macMatches, tokenKey, truncatedTag } from './kdf.js';
import { commandAad, decodeCommandToken } from './nowan.js';
import { partyOf } from './party.js';
import { checkDigit } from './verhoeff.js';

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
  const party = meter ? partyOf(meter.keys) : null;
  const highest = meter ? highestCounter(meter.utrnCounters) : 0;
  if (digits.length === 20) {
    const u = decodeUtrn(digits);
    if (typeof u === 'string') return { ...out, formatError: u };
    const counter = recoverCounter(highest, u.truncatedCounter, 10);
    Object.assign(out, {
      command: 'TopUp',
      fields: { valueClass: u.valueClass, value: u.value, amount: formatPounds(penceToMp(utrnPence(u))) },
      truncatedCounter: u.truncatedCounter,
      counterBits: 10,
      utrnCounter: counter,
    });
    if (party && counter >= 0) {
      const expected = truncatedTag(fullTag(party, tokenKey(party, counter), utrnAad(party, counter, u.high)), 4);
      out.mac = macMatches(expected, u.mac) ? 'OK' : 'WRONG';
    }
  } else {
    const t = decodeCommandToken(dataDigits(digits), digits.length as 40 | 60);
    if (typeof t === 'string') return { ...out, formatError: t };
    const counter = recoverCounter(highest, t.counterLow, 16);
    Object.assign(out, { command: t.command.name, fields: { ...t.command.fields }, truncatedCounter: t.counterLow, counterBits: 16, utrnCounter: counter });
    if (party && counter >= 0) {
      const expected = truncatedTag(fullTag(party, tokenKey(party, counter), commandAad(party, counter, t.layout, t.body)), t.layout.macBytes);
      out.mac = macMatches(expected, t.mac) ? 'OK' : 'WRONG';
    }
    out.fields!.body = bytesToHex(t.body);
  }
  if (out.mac === undefined) out.mac = 'no keys';
  if (meter && out.utrnCounter !== undefined) {
    const v = judgeCounter(meter.utrnCounters, meter.counterFloor, out.utrnCounter);
    out.counterVerdict = v === 'ok' ? 'fresh' : v;
  }
  return out;
}
