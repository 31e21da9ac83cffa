// Model-based test (fast-check fc.commands): the machine against a separately written reference model
// over long random command sequences, with the invariants of issue "Durability and adversarial testing".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { tokenOf } from '../firmware/meter.js';
import { meterMachine } from '../firmware/meter.machine.js';
import { checkDigit } from '../firmware/tokens/verhoeff.js';
import { issueUtrn } from '../vending/utrn.js';
import { issueCommandToken } from '../vending/command-token.js';
import { meterState, rtdsParty } from './helpers.js';
import * as ref from './support/reference-model.js';

type Real = { actor: ReturnType<typeof createActor<typeof meterMachine>>; counter: number; balance0: number };
type Cmd = fc.Command<ref.Model, Real>;

const meterOf = (r: Real) => r.actor.getSnapshot().context.meter;
const outcome = (r: Real) => r.actor.getSnapshot().context.outcome;
const accepted = (r: Real) => {
  const o = outcome(r);
  return o.kind === 'button' ? o.accepted : undefined;
};

function compare(m: ref.Model, r: Real): void {
  const s = meterOf(r);
  expect({ balance: s.meterBalance, ec: s.emergencyCredit.state, ecBalance: s.emergencyCredit.balance, debt: s.accumulatedDebt, supply: s.supply, lockouts: s.keypad.lockouts }).toEqual({
    balance: m.balance,
    ec: m.ec,
    ecBalance: m.ecBalance,
    debt: m.accumulatedDebt,
    supply: m.supply,
    lockouts: m.lockouts,
  });
  // Money is conserved: credit in = balance change + charges + debt recovered - EC still owed.
  expect(m.totalIn).toBe(s.meterBalance - r.balance0 + m.charges + m.debtRecovered - ref.ecOutstanding({ ec: s.emergencyCredit.state, ecBalance: s.emergencyCredit.balance }));
  // Never enabled while credit is below the disablement threshold (no calendars here).
  const credit = s.meterBalance + (s.emergencyCredit.state === 'active' ? s.emergencyCredit.balance : 0);
  if (credit < s.config.disablementThreshold) expect(s.supply).not.toBe('enabled');
  // No more forged tokens through per lockout period than the threshold.
  expect(m.forgedInPeriod).toBeLessThanOrEqual(ref.LIMITS.LOCKOUT_THRESHOLD);
}

const token = (r: Real, digits: string) => {
  r.actor.send({ type: 'TOKEN_ENTERED', digits, source: 'keypad' });
  return tokenOf(outcome(r))?.result;
};

class TopUp implements Cmd {
  constructor(readonly pence: number) {}
  check = () => true;
  run(m: ref.Model, r: Real) {
    const result = token(r, issueUtrn(rtdsParty, ++r.counter, 'pennies', this.pence).token);
    const rejection = ref.topUp(m, this.pence);
    expect(result).toBe(rejection ? 'Rejected' : 'Accepted');
    if (!rejection) ref.acceptedDigitToken(m);
    if (result === 'KeypadLocked') throw new Error('unexpected lock');
    compare(m, r);
  }
  toString = () => `TopUp(${this.pence})`;
}

class Deduct implements Cmd {
  constructor(readonly pence: number) {}
  check = (m: Readonly<ref.Model>) => m.lockedUntil === null || m.time >= m.lockedUntil;
  run(m: ref.Model, r: Real) {
    expect(token(r, issueCommandToken(rtdsParty, ++r.counter, 'DeductCredit', { amount: this.pence }).token)).toBe('Accepted');
    ref.deduct(m, this.pence);
    ref.acceptedDigitToken(m);
    compare(m, r);
  }
  toString = () => `Deduct(${this.pence})`;
}

class AddDebt implements Cmd {
  constructor(readonly pence: number) {}
  check = (m: Readonly<ref.Model>) => m.lockedUntil === null || m.time >= m.lockedUntil;
  run(m: ref.Model, r: Real) {
    expect(token(r, issueCommandToken(rtdsParty, ++r.counter, 'AddDebt', { register: 3, amount: this.pence }).token)).toBe('Accepted');
    ref.addDebt(m, this.pence);
    ref.acceptedDigitToken(m);
    compare(m, r);
  }
  toString = () => `AddDebt(${this.pence})`;
}

class Consume implements Cmd {
  constructor(readonly wh: number) {}
  check = () => true;
  run(m: ref.Model, r: Real) {
    r.actor.send({ type: 'CONSUME', wh: this.wh });
    ref.consume(m, this.wh);
    compare(m, r);
  }
  toString = () => `Consume(${this.wh} Wh)`;
}

class ButtonA implements Cmd {
  check = () => true;
  run(m: ref.Model, r: Real) {
    r.actor.send({ type: 'BUTTON_A', where: 'meter' });
    expect(accepted(r)).toBe(ref.buttonA(m));
    compare(m, r);
  }
  toString = () => 'ButtonA';
}

class ButtonB implements Cmd {
  check = () => true;
  run(m: ref.Model, r: Real) {
    r.actor.send({ type: 'BUTTON_B', where: 'meter' });
    expect(accepted(r)).toBe(ref.buttonB(m));
    compare(m, r);
  }
  toString = () => 'ButtonB';
}

class Forged implements Cmd {
  constructor(readonly n: number) {}
  check = () => true;
  run(m: ref.Model, r: Real) {
    // A future counter with one MAC bit changed, check digit kept valid: never genuine.
    const pptd = (BigInt(issueUtrn(rtdsParty, r.counter + 1 + this.n, 'pennies', 1).token.slice(0, 19)) ^ 1n).toString();
    expect(token(r, pptd + String(checkDigit(pptd)))).toBe(ref.forged(m));
    compare(m, r);
  }
  toString = () => `Forged(${this.n})`;
}

class Advance implements Cmd {
  constructor(readonly seconds: number) {}
  check = () => true;
  run(m: ref.Model, r: Real) {
    r.actor.send({ type: 'ADVANCE', to: meterOf(r).time + this.seconds });
    ref.advance(m, this.seconds);
    compare(m, r);
  }
  toString = () => `Advance(${this.seconds} s)`;
}

const commands = [
  fc.integer({ min: 0, max: 8191 }).map((p) => new TopUp(p)),
  fc.integer({ min: 1, max: 3000 }).map((p) => new Deduct(p)),
  fc.integer({ min: 1, max: 3000 }).map((p) => new AddDebt(p)),
  fc.integer({ min: 0, max: 20_000 }).map((wh) => new Consume(wh)),
  fc.constant(new ButtonA()),
  fc.constant(new ButtonB()),
  fc.integer({ min: 0, max: 50 }).map((n) => new Forged(n)),
  fc.integer({ min: 1, max: 7200 }).map((s) => new Advance(s)),
];

describe('model-based: the machine against a reference model', () => {
  it('long random command sequences keep model and machine equal, money conserved, invariants held', () => {
    fc.assert(
      fc.property(fc.integer({ min: -500_000, max: 3_000_000 }), fc.commands(commands, { maxCommands: 60 }), (balance0, cmds) => {
        const initial = meterState({ meterBalance: balance0, tariff: { prices: [36_000], standingCharge: 0 } });
        const setup = () => ({
          model: ref.newModel(initial.time, balance0),
          real: { actor: createActor(meterMachine, { input: { meter: initial } }).start(), counter: 0, balance0 },
        });
        fc.modelRun(setup, cmds);
      }),
      { numRuns: 150, seed: 7 },
    );
  });
});
