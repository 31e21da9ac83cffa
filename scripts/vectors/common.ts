// Shared pieces of the vector sources. Expected values in vectors are written by hand from the specs,
// with the arithmetic in `notes`; only the token digits (inputs) are produced by the vending code,
// whose output is itself checked bit for bit against the independent token-examples.json.
import { issueUtrn } from '../../vending/utrn.js';
import { RTDS, rtdsParty } from '../rtds.js';
import { issueCommandToken } from '../../vending/command-token.js';
import type { CommandName } from '../../firmware/tokens/command-table.js';
import { checkDigit } from '../../firmware/tokens/verhoeff.js';

export { RTDS };
const party = rtdsParty;

/** A monday morning in winter (GMT). */
export const T0 = '2026-02-02T08:00:00Z';

export type Step = { op: string; expect?: Record<string, unknown>; [k: string]: unknown };

export interface VectorSource {
  id: string;
  title: string;
  notes?: string;
  refs: string[];
  tags: string[];
  meter?: Record<string, unknown>;
  time?: string;
  steps: Step[];
}

export function meter(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { fuel: 'electricity', ...RTDS, ...extra };
}

/** A GBCS top-up in pennies (value class 00, 0..8191 p). */
export const utrn = (counter: number, pence: number) => issueUtrn(party, counter, 'pennies', pence).token;

export const pounds = (counter: number, value: number) => issueUtrn(party, counter, 'pounds', value).token;

export const cmd = (name: CommandName, counter: number, fields: Record<string, number>) => issueCommandToken(party, counter, name, fields).token;

/** Groups of 5, as printed on a receipt. */
export const grouped = (digits: string) => digits.replace(/(\d{5})(?=\d)/g, '$1 ');

/** A UTRN whose check digit is right and whose MAC is wrong (PPTD + 1). */
export function forgedUtrn(counter: number): string {
  const pptd = (BigInt(issueUtrn(party, counter, 'pennies', 100).token.slice(0, 19)) + 1n).toString();
  return pptd + String(checkDigit(pptd));
}

/** Digits of a raw W-bit command value X, with correct check digits (any MAC). */
export function rawCommand(digits: 40 | 60, x: bigint): string {
  const data = x.toString().padStart(digits === 40 ? 38 : 57, '0');
  let out = '';
  for (let b = 0; b * 19 < data.length; b++) {
    const block = data.slice(b * 19, b * 19 + 19);
    out += block + String(checkDigit(block));
  }
  return out;
}

/** X of a 40-digit command: version 3 | code 5 | counterLow 16 | payload 37 | mac 64. */
export const short = (version: number, code: number, counter: number, payload: bigint) =>
  rawCommand(40, (BigInt(version) << 122n) | (BigInt(code) << 117n) | (BigInt(counter & 0xffff) << 101n) | (payload << 64n));

/** X of a 60-digit command: version 3 | code 5 | counterLow 16 | payload 68 | mac 96. */
export const long = (version: number, code: number, counter: number, payload: bigint) =>
  rawCommand(60, (BigInt(version) << 185n) | (BigInt(code) << 180n) | (BigInt(counter & 0xffff) << 164n) | (payload << 96n));

export const read = (readout: Record<string, unknown>): Step => ({ op: 'read', expect: { ok: true, readout } });
export const token = (digits: string, expect: Record<string, unknown>, source: 'keypad' | 'ppmid' = 'keypad'): Step => ({ op: 'token', digits, source, expect: { ok: true, ...expect } });
export const advance = (to: string): Step => ({ op: 'advance', to, expect: { ok: true } });
export const load = (watts: number): Step => ({ op: 'load', watts, expect: { ok: true } });
export const ev = (time: string, name: string, code: number) => ({ time, code, name });

export const CODES = {
  lowCredit: 0x810d,
  belowDisablementThreshold: 0x8f0f,
  emergencyCreditAvailable: 0x8119,
  emergencyCreditActivated: 0x81ab,
  emergencyCreditExhausted: 0x81aa,
  creditAddedLocally: 0x810e,
  debtCollectionCompleted1: 0x81a7,
  debtCollectionCompleted2: 0x81a8,
  debtCollectionCompleted3: 0x81a9,
  supplyArmed: 1,
  supplyEnabled: 2,
  supplyDisabled: 3,
  tokenRejected: 0x10,
  keypadLocked: 0x11,
  powerOff: 0x20,
  powerOn: 0x21,
} as const;

/** The vector constructor of one area: `v(n, title, notes, meter overrides, steps, refs?, time?)`. */
export const vectorsOf =
  (area: string, tags: string[], defaultRefs: string[], meterOf: (m: Record<string, unknown>) => Record<string, unknown> = meter) =>
  (n: number, title: string, notes: string, m: Record<string, unknown>, steps: Step[], refs = defaultRefs, time = T0): VectorSource => ({
    id: `${area}-${String(n).padStart(3, '0')}`,
    title,
    notes,
    refs,
    tags,
    meter: meterOf(m),
    time,
    steps,
  });
