// Inputs that reach the meter without the protocol's checks: the library's machine takes a meter
// state and any digit string from its caller. A state the firmware could not have made is refused, a
// token is never applied twice, and a digit string that is not digits is refused at the check-digit
// step, never decoded.
import { createActor } from 'xstate';
import { describe, expect, it } from 'vitest';
import { meterMachine } from '../firmware/meter.machine.js';
import type { MeterState } from '../firmware/state.js';
import { issueCommandToken } from '../vending/command-token.js';
import { issueUtrn } from '../vending/utrn.js';
import { meterState, RTDS, rtdsParty } from './helpers.js';

function enter(meter: MeterState, digits: string) {
  const actor = createActor(meterMachine, { input: { meter } }).start();
  actor.send({ type: 'TOKEN_ENTERED', digits, source: 'keypad' });
  const { outcome, meter: after } = actor.getSnapshot().context;
  return { token: outcome.kind === 'token' ? outcome.token : null, after };
}

describe('a meter state and digits given straight to the machine', () => {
  it('a state the firmware could not have made is refused before any input acts on it', () => {
    // A cache out of order once let a replay through a search that stopped at the last entry.
    const meter = { ...meterState({ ...RTDS }), utrnCounters: [5, 3] };
    const actor = createActor(meterMachine, { input: { meter } });
    const errors: unknown[] = [];
    actor.subscribe({ error: (e) => errors.push(e) });
    actor.start();
    expect(actor.getSnapshot().status).toBe('error');
    expect(String(errors[0])).toBe('TypeError: not a meter state: utrnCounters must be distinct counters in ascending order');
  });

  it('a cached counter is a Duplicate wherever it sits in the cache', () => {
    const meter = meterState({ ...RTDS, utrnCounters: [3, 5, 9] });
    for (const counter of [3, 5, 9]) {
      const { token, after } = enter(meter, issueUtrn(rtdsParty, counter, 'pennies', 100).token);
      expect(token?.result, String(counter)).toBe('Duplicate');
      expect(after.meterBalance).toBe(meter.meterBalance);
    }
  });

  it("a block whose check character is '/' (48 - 1, the code of no digit) fails its check digit", () => {
    const meter = meterState({ ...RTDS, meterBalance: 1_000_000, utrnCounters: [9] });
    const good = issueCommandToken(rtdsParty, 10, 'DeductCredit', { amount: 250 }).token;
    const data = good.slice(0, 19);
    // '/' in place of the check digit, with and without a non-digit among the data digits (which
    // makes checkDigit answer -1 too); a space or a letter in place of a data digit.
    const cases = [`${data}/${good.slice(20)}`, ` ${data.slice(1)}/${good.slice(20)}`, ` ${good.slice(1)}`, `${good.slice(0, 25)}x${good.slice(26)}`];
    for (const bad of cases) {
      const { token, after } = enter(meter, bad);
      expect(token?.result, bad).toBe('CheckDigitError');
      expect(after.meterBalance).toBe(1_000_000);
    }
    expect(enter(meter, good).token?.result).toBe('Accepted');
  });
});
