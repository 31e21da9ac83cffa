// A small reference model of balances, emergency credit, accumulated debt, supply and keypad lockout,
// written apart from the firmware (plain functions, no xstate), for the model-based test. It covers a
// meter with factory thresholds, price 36,000 mp/kWh (36 mp per Wh exactly), no standing charge.

export const MP_PER_WH = 36;
const EC_LIMIT = 1_000_000;
const EC_THRESHOLD = 100_000;
const MAX_BALANCE = 50_000_000;
const MAX_CREDIT = 25_000_000;
const LOCKOUT_THRESHOLD = 5;
const LOCK_SECONDS = 3600;

export interface Model {
  time: number;
  balance: number;
  ec: 'unavailable' | 'available' | 'active' | 'exhausted';
  ecBalance: number;
  accumulatedDebt: number;
  supply: 'enabled' | 'armed' | 'disabled';
  invalid: number;
  lockouts: number;
  lockedUntil: number | null;
  /** accounting for the conservation invariant */
  totalIn: number;
  charges: number;
  debtRecovered: number;
  /** Invalid results let through (counted) in the current lockout period */
  forgedInPeriod: number;
}

export function newModel(time: number, balance: number): Model {
  const m: Model = { time, balance, ec: 'unavailable', ecBalance: EC_LIMIT, accumulatedDebt: 0, supply: 'enabled', invalid: 0, lockouts: 0, lockedUntil: null, totalIn: 0, charges: 0, debtRecovered: 0, forgedInPeriod: 0 };
  settle(m);
  return m;
}

const credit = (m: Model) => m.balance + (m.ec === 'active' ? m.ecBalance : 0);

/** Section 4 in miniature. */
export function settle(m: Model): void {
  if (m.ec === 'unavailable' && m.balance < EC_THRESHOLD) m.ec = 'available';
  else if (m.ec === 'available' && m.balance >= EC_THRESHOLD) m.ec = 'unavailable';
  else if (m.ec === 'active' && m.ecBalance === 0) m.ec = 'exhausted';
  if (credit(m) < 0 && m.supply !== 'disabled') m.supply = 'disabled';
  else if (credit(m) >= 0 && m.supply === 'disabled') m.supply = 'armed';
}

function take(m: Model, amount: number): void {
  m.charges += amount;
  let left = amount;
  const fromBalance = Math.min(left, Math.max(m.balance, 0));
  m.balance -= fromBalance;
  left -= fromBalance;
  if (m.ec === 'active') {
    const fromEc = Math.min(left, m.ecBalance);
    m.ecBalance -= fromEc;
    left -= fromEc;
  }
  m.balance -= left;
}

export function consume(m: Model, wh: number): void {
  if (m.supply === 'enabled') take(m, wh * MP_PER_WH);
  settle(m);
}

/** DeductCredit acts on the meter balance only (prepayment.md 6), never on EC. */
export function deduct(m: Model, pence: number): void {
  m.charges += pence * 1000;
  m.balance -= pence * 1000;
  settle(m);
}

export function addDebt(m: Model, pence: number): void {
  m.accumulatedDebt += pence * 1000;
}

export function topUp(m: Model, pence: number): 'maxCredit' | 'maxBalance' | null {
  const a = pence * 1000;
  if (a > MAX_CREDIT) return 'maxCredit';
  const toDebt = Math.min(a, m.accumulatedDebt);
  const repaying = m.ec === 'active' || m.ec === 'exhausted';
  const toEc = repaying ? Math.min(a - toDebt, EC_LIMIT - m.ecBalance) : 0;
  const rest = a - toDebt - toEc;
  if (m.balance + rest > MAX_BALANCE) return 'maxBalance';
  m.totalIn += a;
  m.accumulatedDebt -= toDebt;
  m.debtRecovered += toDebt;
  m.ecBalance += toEc;
  m.balance += rest;
  if (repaying && m.ecBalance === EC_LIMIT) m.ec = 'unavailable';
  settle(m);
  return null;
}

export function buttonA(m: Model): boolean {
  if (m.ec !== 'available') return false;
  m.ec = 'active';
  settle(m);
  return true;
}

export function buttonB(m: Model): boolean {
  if (m.supply !== 'armed') return false;
  m.supply = 'enabled';
  settle(m);
  return true;
}

export function advance(m: Model, seconds: number): void {
  m.time += seconds;
  if (m.lockedUntil !== null && m.time >= m.lockedUntil) {
    m.lockedUntil = null;
    m.forgedInPeriod = 0;
  }
}

/** A forged token from the keypad: 'Invalid' (counted) or 'KeypadLocked'. */
export function forged(m: Model): 'Invalid' | 'KeypadLocked' {
  if (m.lockedUntil !== null && m.time < m.lockedUntil) return 'KeypadLocked';
  m.invalid += 1;
  m.forgedInPeriod += 1;
  if (m.invalid >= LOCKOUT_THRESHOLD) {
    m.lockedUntil = m.time + Math.min(LOCK_SECONDS * 2 ** m.lockouts, 86_400);
    m.lockouts += 1;
    m.invalid = 0;
  }
  return 'Invalid';
}

export function acceptedDigitToken(m: Model): void {
  m.invalid = 0;
  m.lockouts = 0;
}

export const ecOutstanding = (m: { ec: string; ecBalance: number }) => (m.ec === 'active' || m.ec === 'exhausted' ? EC_LIMIT - m.ecBalance : 0);
export const LIMITS = { LOCKOUT_THRESHOLD };
