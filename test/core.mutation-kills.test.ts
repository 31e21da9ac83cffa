// Survivors of the mutation run in the meter's core, each killed by the rule it breaks: a gas meter's own
// keypad enables its supply (only a relayed enable merely arms it, clarifications 14); which token
// result an input's outcome carries; a meter without a shared secret refuses every token as Invalid;
// a configured instant that is not an ISO-8601 time is refused, naming the field.
import { describe, expect, it } from 'vitest';
import { commission } from '../firmware/configure.js';
import { supplyCommand } from '../firmware/supply.js';
import { tokenOf, type Outcome } from '../firmware/meter.js';
import { enterToken } from '../firmware/tokens/enter.js';
import type { TokenOutcome } from '../firmware/tokens/results.js';
import { examples, meterState, RTDS, T0 } from './helpers.js';

describe('Supply enable on gas', () => {
  it("from the meter's own keypad enables a disabled gas supply (not just arms it)", () => {
    const s = meterState({ fuel: 'gas', supply: 'disabled', meterBalance: 5_000_000 });
    supplyCommand(s, 'enable', 'keypad');
    expect(s.supply).toBe('enabled');
  });
});

describe('tokenOf', () => {
  const token: TokenOutcome = { result: 'Accepted', message: 'ok', display: 'ADDED £1.00' };
  it('is the token of a token or a keys input, and null for anything else', () => {
    expect(tokenOf({ kind: 'token', token })).toBe(token);
    expect(tokenOf({ kind: 'keys', buffer: '', token })).toBe(token);
    expect(tokenOf({ kind: 'keys', buffer: '12', token: null })).toBeNull();
    const others: Outcome[] = [{ kind: 'done' }, { kind: 'button', accepted: true }, { kind: 'join', accepted: true }, { kind: 'refused', code: 'powerOff', message: 'x' }];
    for (const o of others) expect(tokenOf(o), o.kind).toBeNull();
  });
});

describe('a meter with no shared secret', () => {
  it('refuses a well-formed token as Invalid, unchanged', () => {
    // Keys not yet installed: the state check accepts this (test/state-check.test.ts).
    const m = meterState();
    const s0 = { ...m, keys: { ...m.keys, sharedSecret: null } };
    const digits: string = examples.gbcs[0].token;
    const r = enterToken(s0, digits, 'keypad');
    expect(r.outcome).toMatchObject({ result: 'Invalid', message: 'not for this meter, or forged' });
    expect(r.state.meterBalance).toBe(s0.meterBalance);
  });
});

describe('configured instants', () => {
  it('text that is not an ISO-8601 UTC time is refused, naming the field', () => {
    const t = Date.parse(T0) / 1000;
    const r = commission({ fuel: 'electricity', ...RTDS, keypad: { lockedUntil: 'next tuesday' } }, t);
    expect(r).toMatchObject({ ok: false, code: 'badConfig' });
    expect(r.ok ? '' : r.message).toMatch(/^meter\.keypad\.lockedUntil: expected an ISO-8601 UTC time 2000-01-01T00:00:00Z to 2179-06-06T22:59:59Z/);
  });
});
