// The keypad (tokens.md sections 1 and 7.2, prepayment.md section 1): the digits typed so far, which
// the meter forgets KEYPAD_TIMEOUT_S after the last key; and the lockout after repeated Invalid
// tokens, kept apart for the meter's own keypad and for tokens the PPMID relays (clarifications 18).
import { effect, rule, take, type Region } from './region.js';
import { toIso } from './clock.js';
import { instant, int, obj, pick } from './parse.js';
import type { Section } from './section.js';
import type { MeterState } from './state.js';

/** Where digits come from: the meter's own keypad, or relayed by the PPMID. */
export type Source = 'keypad' | 'ppmid';

export interface Lockout {
  lockedUntil: number | null;
  invalidCount: number;
  lockouts: number;
}

export type Keypad = Lockout & { buffer: string; lastKeyAt: number | null };

/** Replaced, never changed in place (`withKeypad`, `withLockout`): shared by drafts until a key or a lockout changes. */
export interface KeypadSlice {
  /** the meter's keypad: its lockout, the digits typed so far and when the last key was pressed */
  keypad: Readonly<Keypad>;
  /** the lockout of tokens the PPMID relays */
  ppmid: Readonly<Lockout>;
}

/** The keypad with some fields replaced (always of one shape). */
function withKeypad(s: MeterState, change: Partial<Keypad>): void {
  const k = s.keypad;
  s.keypad = {
    buffer: change.buffer ?? k.buffer,
    lastKeyAt: change.lastKeyAt !== undefined ? change.lastKeyAt : k.lastKeyAt,
    lockedUntil: change.lockedUntil !== undefined ? change.lockedUntil : k.lockedUntil,
    invalidCount: change.invalidCount ?? k.invalidCount,
    lockouts: change.lockouts ?? k.lockouts,
  };
}

/** One source's lockout with some fields replaced. */
function withLockout(s: MeterState, source: Source, change: Partial<Lockout>): void {
  if (source === 'keypad') {
    withKeypad(s, change);
    return;
  }
  const l = s.ppmid;
  s.ppmid = {
    lockedUntil: change.lockedUntil !== undefined ? change.lockedUntil : l.lockedUntil,
    invalidCount: change.invalidCount ?? l.invalidCount,
    lockouts: change.lockouts ?? l.lockouts,
  };
}

/** Seconds after the last key press at which a half-typed token is cleared. */
export const KEYPAD_TIMEOUT_S = 20;
/** Keys beyond this many typed digits are ignored (the longest token is 60). */
export const MAX_BUFFER = 80;
const MAX_LOCK_MINUTES = 1440;

/** A key press, or time reaching a boundary, or the power going. */
export type KeypadEvent = 'DIGIT' | 'BACKSPACE' | 'CLEAR' | 'SUBMIT' | 'POWER_CUT' | 'TIME';
export type KeypadState = 'idle' | 'typing';

const appendDigit = effect<string>('appendDigit', (s, key) => {
  withKeypad(s, { buffer: s.keypad.buffer.length < MAX_BUFFER ? s.keypad.buffer + key : s.keypad.buffer, lastKeyAt: s.time });
});
const dropLastDigit = effect<string>('dropLastDigit', (s) => {
  withKeypad(s, { buffer: s.keypad.buffer.slice(0, -1), lastKeyAt: s.time });
});
const oneDigitTyped = rule<string>('oneDigitTyped', 'exactly one digit is typed', (s) => s.keypad.buffer.length === 1);
// lastKeyAt is set exactly while the buffer holds digits.
const interKeyTimeoutElapsed = rule<string>('interKeyTimeoutElapsed', '20 s (KEYPAD_TIMEOUT_S) have passed since the last key', (s) => s.keypad.lastKeyAt !== null && s.time >= s.keypad.lastKeyAt + KEYPAD_TIMEOUT_S);

export const KEYPAD: Region<KeypadState, KeypadEvent, string> = {
  name: 'keypad',
  about: "the meter's keypad (tokens.md section 1)",
  states: ['idle', 'typing'],
  get: (s) => (s.keypad.buffer === '' ? 'idle' : 'typing'),
  set: (s, to) => {
    if (to === 'idle') withKeypad(s, { buffer: '', lastKeyAt: null });
  },
  transitions: [
    { on: 'DIGIT', from: ['idle', 'typing'], to: 'typing', do: appendDigit },
    { on: 'BACKSPACE', from: ['typing'], to: 'idle', when: [oneDigitTyped] },
    { on: 'BACKSPACE', from: ['typing'], to: 'typing', do: dropLastDigit },
    { on: 'CLEAR', from: ['typing'], to: 'idle' },
    // `#` hands the digits to token entry (tokens/enter.ts), whatever they are.
    { on: 'SUBMIT', from: ['idle', 'typing'], to: 'idle' },
    { on: 'POWER_CUT', from: ['typing'], to: 'idle' },
    { on: 'TIME', from: ['typing'], to: 'idle', when: [interKeyTimeoutElapsed] },
  ],
};

/** One key at the state's current instant: `0-9` typed, `*` clear, `<` backspace, `#` submit. */
export function keyEvent(key: string): KeypadEvent {
  return key === '*' ? 'CLEAR' : key === '<' ? 'BACKSPACE' : key === '#' ? 'SUBMIT' : 'DIGIT';
}

/** Whether a lock is in force at `now` (a lock set to end at or before now is not). */
export function isLocked(l: Lockout, now: number): boolean {
  return l.lockedUntil !== null && now < l.lockedUntil;
}

export type LockoutState = 'open' | 'locked';
export type LockoutEvent = 'INVALID' | 'ACCEPTED' | 'TIME';

const lockOf = (s: MeterState, source: Source): Readonly<Lockout> => (source === 'keypad' ? s.keypad : s.ppmid);
const reachesThreshold = rule<Source>('invalidCountReachesThreshold', "this Invalid token brings the source's count to lockoutThreshold", (s, src) => lockOf(s, src).invalidCount + 1 >= s.config.lockoutThreshold);
const lockPeriodOver = rule<Source>('lockPeriodOver', "the lock's end time has come", (s, src) => s.time >= lockOf(s, src).lockedUntil!);
const countInvalid = effect<Source>('countInvalid', (s, src) => {
  withLockout(s, src, { invalidCount: lockOf(s, src).invalidCount + 1 });
});
/** min(lockoutMinutes * 2^n, 1440) minutes, n the lockouts since the last accepted token. */
const lockDoubling = effect<Source>('lockForDoublingMinutes', (s, src) => {
  const l = lockOf(s, src);
  const minutes = Math.min(s.config.lockoutMinutes * 2 ** l.lockouts, MAX_LOCK_MINUTES);
  withLockout(s, src, { lockedUntil: s.time + minutes * 60, lockouts: l.lockouts + 1, invalidCount: 0 });
});
const resetCounts = effect<Source>('resetCountAndDoubling', (s, src) => {
  const l = lockOf(s, src);
  // Most accepted tokens find nothing to reset: then the lockout stays shared with the state before.
  if (l.invalidCount !== 0 || l.lockouts !== 0) withLockout(s, src, { invalidCount: 0, lockouts: 0 });
});

/**
 * The lockout of one source (the data of each event). `locked` while a lock end is set: a lock
 * configured to end in the past is not in force (isLocked) and lifts at the next boundary.
 */
export const LOCKOUT: Region<LockoutState, LockoutEvent, Source> = {
  name: 'lockout',
  about: 'the keypad and PPMID lockouts, one per source (tokens.md section 7.2)',
  states: ['open', 'locked'],
  get: (s, src) => (lockOf(s, src).lockedUntil === null ? 'open' : 'locked'),
  set: (s, to, src) => {
    if (to === 'open') withLockout(s, src, { lockedUntil: null });
  },
  transitions: [
    { on: 'INVALID', from: ['open', 'locked'], to: 'locked', when: [reachesThreshold], do: lockDoubling, log: ['keypadLocked'] },
    { on: 'INVALID', from: ['open'], to: 'open', do: countInvalid },
    { on: 'INVALID', from: ['locked'], to: 'locked', do: countInvalid },
    { on: 'ACCEPTED', from: ['open'], to: 'open', do: resetCounts },
    { on: 'ACCEPTED', from: ['locked'], to: 'locked', do: resetCounts },
    { on: 'TIME', from: ['locked'], to: 'open', when: [lockPeriodOver] },
  ],
};

/** An `Invalid` token from `source`: count it, and lock at the threshold. */
export function countInvalidToken(s: MeterState, source: Source): void {
  take(LOCKOUT, s, 'INVALID', source);
}

/** An `Accepted` digit token from `source` resets its count and doubling. */
export function acceptedToken(s: MeterState, source: Source): void {
  take(LOCKOUT, s, 'ACCEPTED', source);
}

/** The keypad's next boundary: a lock's end, or the inter-key timeout. */
export function nextKeypadBoundary(s: MeterState): number {
  let next = Infinity;
  for (const until of [s.keypad.lockedUntil, s.ppmid.lockedUntil]) if (until !== null && until > s.time && until < next) next = until;
  const timeout = s.keypad.lastKeyAt === null ? Infinity : s.keypad.lastKeyAt + KEYPAD_TIMEOUT_S;
  if (timeout > s.time && timeout < next) next = timeout;
  return next;
}

/** At a boundary: locks that have run out lift, and a half-typed token past the timeout is cleared. */
export function keypadAtBoundary(s: MeterState): void {
  take(LOCKOUT, s, 'TIME', 'keypad');
  take(LOCKOUT, s, 'TIME', 'ppmid');
  take(KEYPAD, s, 'TIME', '');
}

const lockoutReadout = (l: Lockout) => ({ lockedUntil: l.lockedUntil === null ? null : toIso(l.lockedUntil), invalidCount: l.invalidCount, lockouts: l.lockouts });
const copyLockout = (l: Lockout): Lockout => ({ lockedUntil: l.lockedUntil, invalidCount: l.invalidCount, lockouts: l.lockouts });
const lockedUntil = (v: unknown, p: string) => (v === null ? null : instant(v, p));

export const KEYPAD_SECTION: Section<
  keyof KeypadSlice,
  { keypad: { buffer: string; lockedUntil: string | null; invalidCount: number; lockouts: number }; ppmid: { lockedUntil: string | null; invalidCount: number; lockouts: number } }
> = {
  owns: ['keypad', 'ppmid'],
  factory: () => ({ keypad: { buffer: '', lastKeyAt: null, lockedUntil: null, invalidCount: 0, lockouts: 0 }, ppmid: { lockedUntil: null, invalidCount: 0, lockouts: 0 } }),
  configure: (s, m) => {
    for (const source of ['keypad', 'ppmid'] as const) {
      if (m[source] === undefined) continue;
      const lock = copyLockout(s[source]);
      pick(lock, obj(m[source], `meter.${source}`), `meter.${source}`, {
        lockedUntil,
        invalidCount: (v, p) => int(v, p, 0, 1000),
        lockouts: (v, p) => int(v, p, 0, 1000),
      });
      withLockout(s, source, lock);
    }
  },
  readout: (s) => ({ keypad: { buffer: s.keypad.buffer, ...lockoutReadout(s.keypad) }, ppmid: lockoutReadout(s.ppmid) }),
};
