// Meter-side processing of a digit token (tokens.md section 7): the check order, anti-replay, MAC and
// lockout. A rejected token changes nothing but the lockout state and the event log.
import { applyCommand, type DomainCommand } from '../commands.js';
import { logEvent } from '../events.js';
import type { Source } from '../keypad.js';
import { beginInput } from '../sections.js';
import type { MeterState } from '../state.js';
import { cacheCounter, highestCounter, judgeCounter } from './counter-cache.js';
import { decodeToken, macVerifies } from './decode.js';
import { firstBadBlock } from './digits.js';
import { partyOf } from './party.js';
import { acceptedToken, countInvalidToken, isLocked } from '../keypad.js';
import { acceptedDisplay, lockedWords, rejectionDisplay, WORDS, type TokenOutcome } from './results.js';

export interface Entry {
  state: MeterState;
  outcome: TokenOutcome;
}

export type Rejected = Omit<TokenOutcome, 'display'> & { display?: string };

/**
 * Reject a digit token or an envelope: log `tokenRejected` and, for digits (a `source`), count an
 * `Invalid` towards that source's lockout. Envelopes pass no source: they are never locked out.
 */
export function reject(s0: MeterState, source: Source | null, outcome: Rejected, logFrom = s0.events.length): Entry {
  const s = beginInput(s0, logFrom);
  logEvent(s, 'tokenRejected');
  let display = outcome.display ?? WORDS[outcome.result] ?? outcome.result.toUpperCase();
  if (source !== null && outcome.result === 'Invalid') {
    countInvalidToken(s, source);
    const lock = source === 'keypad' ? s.keypad : s.ppmid;
    if (lock.lockedUntil !== null && lock.lockedUntil > s.time) display = lockedWords(s, lock.lockedUntil);
  }
  s.message = display;
  return { state: s, outcome: { ...outcome, display } };
}

/** The message of a counter refused by the cache. */
export function counterRefusal(counter: number, verdict: 'Duplicate' | 'Expired'): Rejected {
  return { result: verdict, message: `counter ${counter} ${verdict === 'Duplicate' ? 'was already used' : 'is too old'}` };
}

interface Authenticated {
  command: DomainCommand;
  counter: number;
}

/** Steps 4-6 for either family: decode, recover the counter, check it, check the MAC. */
export function authenticate(s: MeterState, digits: string): Authenticated | Omit<TokenOutcome, 'display'> {
  const made = decodeToken(digits, highestCounter(s.utrnCounters));
  if (!made.ok) return { result: made.code, message: made.message };
  const decoded = made.value;
  const { command, counter } = decoded;
  const verdict = judgeCounter(s.utrnCounters, s.counterFloor, counter);
  if (verdict === 'FormatError') return { result: 'FormatError', message: `recovered counter ${counter} is past 2^32 - 1` };
  if (verdict !== 'ok') return counterRefusal(counter, verdict);
  const party = partyOf(s.keys);
  if (party === null || !macVerifies(party, decoded)) return { result: 'Invalid', message: 'not for this meter, or forged' };
  return { command, counter };
}

/**
 * Enter a whole token from the meter's keypad or relayed by the PPMID. `logFrom` is where this input's
 * log entries start: a new input by default, the `keys` request's own start for a `#` inside it.
 */
export function enterToken(s0: MeterState, digits: string, source: Source, logFrom = s0.events.length): Entry {
  const lock = source === 'keypad' ? s0.keypad : s0.ppmid;
  if (isLocked(lock, s0.time)) {
    return reject(s0, source, { result: 'KeypadLocked', message: `${source} locked`, display: lockedWords(s0, lock.lockedUntil!) }, logFrom);
  }
  if (digits.length !== 20 && digits.length !== 40 && digits.length !== 60) {
    return reject(s0, source, { result: 'Incomplete', message: `${digits.length} digits; a token has 20, 40 or 60` }, logFrom);
  }
  const block = firstBadBlock(digits);
  if (block !== 0) {
    return reject(s0, source, { result: 'CheckDigitError', block, message: `check digit of block ${block} is wrong`, display: `CHECK DIGIT BLOCK ${block}` }, logFrom);
  }
  const auth = authenticate(s0, digits);
  if ('result' in auth) return reject(s0, source, auth, logFrom);

  const s = beginInput(s0, logFrom);
  const rejection = applyCommand(s, auth.command, { source, utrnCounter: auth.counter });
  if (rejection) {
    return reject(s0, source, { result: 'Rejected', reason: rejection, message: `rejected: ${rejection}`, display: rejectionDisplay(rejection) }, logFrom);
  }
  s.utrnCounters = cacheCounter(s.utrnCounters, auth.counter);
  acceptedToken(s, source);
  s.message = acceptedDisplay(auth.command, s);
  return { state: s, outcome: { result: 'Accepted', message: `${auth.command.name} accepted, counter ${auth.counter}`, display: s.message } };
}
