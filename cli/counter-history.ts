// The vending side's record of every counter issued with a key set. A counter used twice reuses the
// AES-GCM nonce under one key and gives away the authentication key (tokens.md section 2), so:
// - counters are allocated under an exclusive inter-process lock: read, check, record, fsync, and only
//   then is the token handed out;
// - a history that is missing or malformed is refused, never started over (that would re-issue old
//   counters); a history is started only explicitly (`keys gen`, `--init-counters`), except for the
//   TEST key sets shipped in the package, whose history starts on first use.
// Where the history lives: the key set's `counterFile` (relative to the key set) if it names one, else
// `counters/<originatorId>-<deviceId>.json` in the per-user data folder (paths.ts dataDir).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { writeFileAtomic } from './files.js';
import type { KeySet } from './keyset.js';
import { acquireLock } from './lock.js';
import { PACKAGE_ROOT, dataDir } from './paths.js';

const FORMAT = 'nowan-counters/1';
export const MAX_COUNTER = 0xffff_ffff;
/** Long enough for a queue of concurrent issuers on a loaded machine; each holds the lock for milliseconds. */
const LOCK_WAIT_MS = 60_000;

export function counterFileOf(keys: KeySet): string {
  return keys.counterFile ?? join(dataDir(), 'counters', `${keys.originatorId}-${keys.deviceId}.json`);
}

/** A key set shipped in the package's keys/ folder (TEST KEYS): its history may start on first use. */
function isShippedTestKeySet(keys: KeySet): boolean {
  const rel = relative(join(PACKAGE_ROOT, 'keys'), resolve(keys.path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

interface History {
  format: typeof FORMAT;
  originatorId: string;
  deviceId: string;
  /** ascending, distinct */
  issued: number[];
}

function emptyHistory(keys: KeySet): History {
  return { format: FORMAT, originatorId: keys.originatorId, deviceId: keys.deviceId, issued: [] };
}

function parseHistory(text: string, file: string, keys: KeySet): History {
  const bad = (what: string) => new Error(`${file}: ${what}; the counter history was left as it is (fix or restore it: starting over would re-issue counters)`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw bad('not valid JSON');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw bad('not a JSON object');
  const h = doc as Record<string, unknown>;
  if (h.format !== FORMAT) throw bad(`not a nowan counter history (format must be "${FORMAT}")`);
  if (h.originatorId !== keys.originatorId || h.deviceId !== keys.deviceId) {
    throw bad(`it is the history of originator ${String(h.originatorId)} and device ${String(h.deviceId)}, not of this key set (${keys.originatorId}, ${keys.deviceId})`);
  }
  if (!Array.isArray(h.issued)) throw bad('"issued" must be an array of counters');
  let previous = 0;
  for (const [i, c] of h.issued.entries()) {
    if (typeof c !== 'number' || !Number.isInteger(c) || c < 1 || c > MAX_COUNTER) throw bad(`issued[${i}] must be an integer 1..${MAX_COUNTER}`);
    if (c <= previous) throw bad(`issued[${i}] is not above issued[${i - 1}] (the list is ascending and distinct)`);
    previous = c;
  }
  return { format: FORMAT, originatorId: keys.originatorId, deviceId: keys.deviceId, issued: h.issued as number[] };
}

function writeHistory(file: string, history: History): void {
  writeFileAtomic(file, JSON.stringify(history) + '\n');
}

/** Start an empty history for a key set; an existing one (valid or not) is never replaced. */
export function initCounterHistory(keys: KeySet): string {
  const file = counterFileOf(keys);
  mkdirSync(dirname(file), { recursive: true });
  const lock = acquireLock(`${file}.lock`, `the counter history ${file}`, LOCK_WAIT_MS);
  try {
    if (existsSync(file)) parseHistory(readFileSync(file, 'utf8'), file, keys);
    else writeHistory(file, emptyHistory(keys));
  } finally {
    lock.release();
  }
  return file;
}

export type CounterRequest = number | 'next';

export interface IssueOptions {
  /** start the history if there is none (--init-counters) */
  init?: boolean;
}

/**
 * Allocate a counter and make something with it. Under the lock: read and check the history, pick
 * the counter (`next`: one above the highest ever issued), call `make` (which may throw to refuse, and
 * then nothing is recorded), record the counter durably; only then return what `make` made.
 */
export function withNewCounter<T>(keys: KeySet, request: CounterRequest, make: (counter: number) => T, options: IssueOptions = {}): { counter: number; made: T } {
  const file = counterFileOf(keys);
  const mayStart = options.init === true || isShippedTestKeySet(keys);
  if (mayStart) mkdirSync(dirname(file), { recursive: true });
  else if (!existsSync(dirname(file))) throw missing(file);
  const lock = acquireLock(`${file}.lock`, `the counter history ${file}`, LOCK_WAIT_MS);
  try {
    let history: History;
    if (existsSync(file)) history = parseHistory(readFileSync(file, 'utf8'), file, keys);
    else if (mayStart) history = emptyHistory(keys);
    else throw missing(file);
    const highest = history.issued.at(-1) ?? 0;
    let counter: number;
    if (request === 'next') {
      if (highest >= MAX_COUNTER) throw new Error(`${file}: counter ${MAX_COUNTER} has been issued; this key set has no counters left`);
      counter = highest + 1;
    } else {
      if (!Number.isInteger(request) || request < 1 || request > MAX_COUNTER) throw new RangeError(`the counter must be 1..${MAX_COUNTER}`);
      if (binaryHas(history.issued, request)) {
        throw new Error(`counter ${request} was already issued with this key set (${file}); reusing it would reuse a GCM nonce (use --counter next for ${highest + 1})`);
      }
      counter = request;
    }
    const made = make(counter);
    const issued = [...history.issued];
    issued.splice(insertionPoint(issued, counter), 0, counter);
    writeHistory(file, { ...history, issued });
    return { counter, made };
  } finally {
    lock.release();
  }
}

function missing(file: string): Error {
  return new Error(
    `${file}: no counter history for this key set. If it has never issued a token or envelope, start one with --init-counters; ` +
      'if it has, restore the file (or point NOWAN_DATA_DIR at the folder that holds it): starting over would re-issue counters',
  );
}

function insertionPoint(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function binaryHas(sorted: number[], value: number): boolean {
  const i = insertionPoint(sorted, value);
  return sorted[i] === value;
}
