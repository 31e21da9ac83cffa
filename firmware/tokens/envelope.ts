// PPMID envelopes: a JWS (RFC 7515 compact, alg EdDSA per RFC 8037) carrying a batch of commands
// under one counter (tokens.md section 8). Applied all or nothing; no keypad lockout.
import { applyCommand, type DomainCommand } from '../commands.js';
import { beginInput } from '../sections.js';
import type { MeterState } from '../state.js';
import { COMMAND_BY_NAME, commandOf, fieldError, type Command } from './command-table.js';
import { cacheCounter, judgeCounter } from './counter-cache.js';
import { fromBase64, utf8Bytes } from './bytes.js';
import { hexToBytes } from './crypto.js';
import { verifyEd25519 } from './ed25519.js';
import { counterRefusal, reject, type Entry, type Rejected } from './enter.js';
import { acceptedDisplay, rejectionDisplay } from './results.js';

export const ENVELOPE_TYP = 'nowan-cmd+jws';
export const MAX_BYTES = 4096;
export const MAX_COMMANDS = 16;
const TOP_UP_MAX_PENCE = 16_777_215;
const B64URL = /^[A-Za-z0-9_-]+$/;

type Obj = Record<string, unknown>;

function decodePart(part: string): Uint8Array | null {
  if (!B64URL.test(part) || part.length % 4 === 1) return null;
  return fromBase64(part, 'base64url');
}

function parseObject(bytes: Uint8Array): Obj | null {
  try {
    const v: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null;
  } catch {
    return null;
  }
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/** Step 4 for one command: a known name, exactly its fields, each a JSON integer in range. */
export function parseCommand(raw: unknown): DomainCommand | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return 'a command is not an object';
  const { name, ...fields } = raw as Obj;
  if (name === 'TopUp') {
    const keys = Object.keys(fields);
    const amount = fields.amountPence;
    if (keys.length !== 1 || !isInt(amount) || amount < 1 || amount > TOP_UP_MAX_PENCE) return 'TopUp needs exactly amountPence 1..16777215';
    return { name: 'TopUp', fields: { amountPence: amount } };
  }
  const spec = typeof name === 'string' ? COMMAND_BY_NAME.get(name as Command['name']) : undefined;
  if (!spec) return `unknown command ${JSON.stringify(name)}`;
  const values: Record<string, number> = {};
  for (const [field, bits] of spec.fields) {
    const v = fields[field];
    if (!isInt(v) || v < 0 || v >= 2 ** bits) return `${spec.name}.${field} must be an integer 0..${2 ** bits - 1}`;
    values[field] = v;
  }
  const extra = Object.keys(fields).find((k) => !spec.fields.some(([f]) => f === k));
  if (extra !== undefined) return `${spec.name} has no field ${extra}`;
  const command = commandOf(spec, values);
  return fieldError(command) ?? command;
}

type Outcome = Rejected;

/** Envelopes are logged when refused and never counted towards a lockout (tokens.md 8). */
const refuse = (s0: MeterState, outcome: Outcome): Entry => reject(s0, null, outcome);

const format = (message: string, index?: number): Outcome => (index === undefined ? { result: 'FormatError', message } : { result: 'FormatError', message, index });

export function enterEnvelope(s0: MeterState, jws: string): Entry {
  // 1. Shape.
  // UTF-8 is never shorter than the UTF-16 length, so a long string is refused before encoding it.
  if (jws.length > MAX_BYTES || utf8Bytes(jws).length > MAX_BYTES) return refuse(s0, format('envelope is larger than 4 KiB'));
  const parts = jws.split('.');
  if (parts.length !== 3) return refuse(s0, format('envelope is not three base64url parts'));
  const [h, p, sig] = parts.map(decodePart);
  if (!h || !p || !sig) return refuse(s0, format('envelope part is not base64url'));
  const header = parseObject(h);
  const payload = parseObject(p);
  if (!header || !payload) return refuse(s0, format('header or payload is not a JSON object'));
  const headerKeys = Object.keys(header).sort().join(',');
  if (
    headerKeys !== 'alg,kid,typ' ||
    header.alg !== 'EdDSA' ||
    header.typ !== ENVELOPE_TYP ||
    typeof header.kid !== 'string' ||
    header.kid.toUpperCase() !== s0.keys.originatorId.toUpperCase()
  ) {
    return refuse(s0, format('header is not {alg EdDSA, typ nowan-cmd+jws, kid originatorId}'));
  }
  if (payload.v !== 1) return refuse(s0, format('payload v is not 1'));
  const commands = payload.commands;
  if (!Array.isArray(commands) || commands.length < 1 || commands.length > MAX_COMMANDS) return refuse(s0, format('commands must be 1 to 16'));
  const counter = payload.utrnCounter;
  if (!isInt(counter) || counter < 0 || counter > 0xffff_ffff) return refuse(s0, format('utrnCounter is not an integer 0..2^32-1'));
  if (typeof payload.originatorId !== 'string' || typeof payload.deviceId !== 'string') return refuse(s0, format('originatorId and deviceId must be strings'));
  // 2. Signature (logged, never counted towards a lockout).
  const key = s0.keys.supplierSigningPublicKey;
  const signingInput = new TextEncoder().encode(`${parts[0]}.${parts[1]}`);
  if (key === null || !verifyEd25519(sig, signingInput, hexToBytes(key))) return refuse(s0, { result: 'Invalid', message: 'signature not valid' });
  // 3. Bound to this meter.
  if (payload.originatorId.toUpperCase() !== s0.keys.originatorId.toUpperCase() || payload.deviceId.toUpperCase() !== s0.keys.deviceId.toUpperCase()) {
    return refuse(s0, { result: 'Invalid', message: 'envelope is for another meter' });
  }
  // 4. Commands.
  const parsed: DomainCommand[] = [];
  for (const [index, raw] of commands.entries()) {
    const cmd = parseCommand(raw);
    if (typeof cmd === 'string') return refuse(s0, format(cmd, index));
    parsed.push(cmd);
  }
  // 5. Counter, in the same cache as digit tokens.
  const verdict = judgeCounter(s0.utrnCounters, s0.counterFloor, counter);
  if (verdict === 'FormatError') return refuse(s0, format('utrnCounter out of range'));
  if (verdict !== 'ok') return refuse(s0, counterRefusal(counter, verdict));
  // 6. Apply in order, all or nothing.
  const s = beginInput(s0);
  for (const [index, cmd] of parsed.entries()) {
    const rejection = applyCommand(s, cmd, { source: 'envelope', utrnCounter: counter });
    if (rejection) {
      return refuse(s0, { result: 'Rejected', reason: rejection, index, message: `command ${index} rejected: ${rejection}`, display: rejectionDisplay(rejection) });
    }
  }
  s.utrnCounters = cacheCounter(s.utrnCounters, counter);
  s.message = batchDisplay(parsed, s);
  return { state: s, outcome: { result: 'Accepted', message: `envelope accepted, counter ${counter}`, display: s.message } };
}

const DISPLAY_LINE = 40;

/**
 * What an accepted batch shows: each command's words (tokens.md section 9), as many as fit one
 * display line, then how many more.
 */
export function batchDisplay(cmds: readonly DomainCommand[], after: MeterState): string {
  const words = cmds.map((c) => acceptedDisplay(c, after));
  let shown = words.join(', ');
  for (let n = words.length - 1; shown.length > DISPLAY_LINE && n >= 1; n--) shown = `${words.slice(0, n).join(', ')} +${words.length - n} MORE`;
  return shown;
}
