// Keypad and PPMID-relay lockouts, separate per source (tokens.md section 7.2, clarifications 18).
import { logEvent } from '../events.js';
import type { Lockout, MeterState } from '../state.js';

const MAX_LOCK_MINUTES = 1440;

export function isLocked(l: Lockout, now: number): boolean {
  return l.lockedUntil !== null && now < l.lockedUntil;
}

/** Count an `Invalid`; at the threshold lock for min(lockoutMinutes * 2^n, 1440) minutes. */
export function countInvalid(s: MeterState, l: Lockout): void {
  l.invalidCount += 1;
  if (l.invalidCount < s.config.lockoutThreshold) return;
  const minutes = Math.min(s.config.lockoutMinutes * 2 ** l.lockouts, MAX_LOCK_MINUTES);
  l.lockedUntil = s.time + minutes * 60;
  l.lockouts += 1;
  l.invalidCount = 0;
  logEvent(s, 'keypadLocked');
}

/** An `Accepted` digit token from this source resets its count and doubling. */
export function resetLockout(l: Lockout): void {
  l.invalidCount = 0;
  l.lockouts = 0;
}
