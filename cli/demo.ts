// The demo meter's key set and its ready tokens (TEST KEYS, keys/demo-keyset.json); the meter itself
// is keypad-sim/demo.ts.
import type { MeterState } from '../firmware/state.js';
import { highestCounter } from '../firmware/tokens/counter-cache.js';
import { issueToken } from '../vending/issue.js';
import { loadKeySet, type KeySet } from './keyset.js';
import { DEMO_KEYSET } from './paths.js';

export { DEMO_KEYSET };

export function demoKeys(): KeySet {
  return loadKeySet(DEMO_KEYSET);
}

/** Tokens a new user can type at once: counters just above the meter's highest accepted one (and its floor). */
export function demoTokens(keys: KeySet, meter: MeterState): { label: string; digits: string }[] {
  const next = Math.max(highestCounter(meter.utrnCounters), meter.counterFloor) + 1;
  return [
    { label: 'top-up £10', digits: issueToken(keys.party, 'TopUp', { pounds: 10 }, next).grouped },
    { label: 'add debt £25 (debt 1)', digits: issueToken(keys.party, 'AddDebt', { register: 0, amount: 2500 }, next + 1).grouped },
    { label: 'price 30.000p/kWh now', digits: issueToken(keys.party, 'ChangePrice', { element: 0, price: 30_000, activationDay: 0, activationMinute: 0 }, next + 2).grouped },
  ];
}
