// The meter's operations: one pure function per input, state in, (state, outcome) out, and `step`,
// which takes any input. The xstate machine (meter.machine.ts) runs `step`; the adapter, the keypad
// emulator, the fleet and the library drive that machine. The finite states are region tables in
// the sections (region.ts); docs/state-machine.md is drawn from them.
// What an outcome looks like on the wire is the protocol's business (protocol/device.ts).
import { importEnergy } from './charges.js';
import { evaluateCredit, type LocalRefusal } from './credit.js';
import { activateEmergencyCredit } from './emergency-credit.js';
import { joinDevice, type JoinRefusal } from './han.js';
import { KEYPAD, keyEvent } from './keypad.js';
import { switchPower } from './power.js';
import { take } from './region.js';
import type { DeviceClass } from './han.js';
import type { Source } from './keypad.js';
import { beginInput } from './sections.js';
import type { MeterState } from './state.js';
import { enableArmedSupply } from './supply.js';
import { advanceTo } from './timeline.js';
import { enterToken } from './tokens/enter.js';
import { enterEnvelope } from './tokens/envelope.js';
import type { TokenOutcome } from './tokens/results.js';

/** Why an input was not carried out at all; the meter is unchanged. */
export type RefusalCode = 'powerOff' | 'badRequest';

/** What one input did. */
export type Outcome =
  /** time, load, energy or power: applied, nothing to tell */
  | { kind: 'done' }
  /** keypad presses: what stays typed, and the result of the last `#` among them, if any */
  | { kind: 'keys'; buffer: string; token: TokenOutcome | null }
  /** a whole token or an envelope */
  | { kind: 'token'; token: TokenOutcome }
  /** button A or B: carried out, or refused by the meter's rules (prepayment.md section 4) */
  | { kind: 'button'; accepted: true }
  | { kind: 'button'; accepted: false; reason: LocalRefusal }
  /** a HAN device asking to join */
  | { kind: 'join'; accepted: true }
  | { kind: 'join'; accepted: false; reason: JoinRefusal }
  | { kind: 'refused'; code: RefusalCode; message: string };

/** The result of a token or envelope, or of the last `#` among keypad presses; else null. */
export function tokenOf(outcome: Outcome): TokenOutcome | null {
  if (outcome.kind === 'token') return outcome.token;
  if (outcome.kind === 'keys') return outcome.token;
  return null;
}

export interface Step {
  state: MeterState;
  outcome: Outcome;
}

export const DONE: Outcome = { kind: 'done' };

/** Keypad, token, envelope, button and join inputs while the power is off (conformance.md section 1). */
export const NO_POWER: Outcome = { kind: 'refused', code: 'powerOff', message: 'the meter has no power' };

const badRequest = (state: MeterState, message: string): Step => ({ state, outcome: { kind: 'refused', code: 'badRequest', message } });

/** A change of load during an advance: from `at` (UTC seconds) on, `watts`. */
export interface LoadStep {
  at: number;
  watts: number;
}

/** One input to the meter. Time moves only by ADVANCE; LOAD and CONSUME act at the current instant. */
export type MeterEvent =
  | { type: 'ADVANCE'; to: number; loads?: readonly LoadStep[] }
  | { type: 'LOAD'; watts: number }
  | { type: 'CONSUME'; wh: number }
  | { type: 'KEYS'; keys: string }
  | { type: 'TOKEN_ENTERED'; digits: string; source: Source }
  | { type: 'ENVELOPE_RECEIVED'; jws: string }
  | { type: 'BUTTON_A'; where: 'meter' | 'ppmid' }
  | { type: 'BUTTON_B'; where: 'meter' | 'ppmid' }
  | { type: 'JOIN'; deviceClass: Exclude<DeviceClass, 'any'>; deviceId: string }
  | { type: 'POWER_CUT' }
  | { type: 'POWER_RESTORED' };

export const METER_EVENT_TYPES = ['ADVANCE', 'LOAD', 'CONSUME', 'KEYS', 'TOKEN_ENTERED', 'ENVELOPE_RECEIVED', 'BUTTON_A', 'BUTTON_B', 'JOIN', 'POWER_CUT', 'POWER_RESTORED'] as const satisfies readonly MeterEvent['type'][];

/**
 * The meter: one input in, the new state and what the input did out. Time, load and energy act
 * whether or not the power is on (clarifications 7); the rest are refused without power.
 */
export function step(meter: MeterState, e: MeterEvent): Step {
  switch (e.type) {
    case 'ADVANCE':
      return advance(meter, e.to, e.loads);
    case 'LOAD':
      return setLoad(meter, e.watts);
    case 'CONSUME':
      return consume(meter, e.wh);
    case 'KEYS':
      return pressKeys(meter, e.keys);
    case 'TOKEN_ENTERED':
      return enterDigits(meter, e.digits, e.source);
    case 'ENVELOPE_RECEIVED':
      return envelope(meter, e.jws);
    case 'BUTTON_A':
      return pressButton(meter, 'A', e.where);
    case 'BUTTON_B':
      return pressButton(meter, 'B', e.where);
    case 'JOIN':
      return join(meter, e.deviceClass, e.deviceId);
    case 'POWER_CUT':
      return setPower(meter, false);
    case 'POWER_RESTORED':
      return setPower(meter, true);
  }
}

/**
 * Let time pass to `target`; `loads`, in time order within [now, target], change the load on the way
 * (a load profile in one input, so a year of hourly load costs its boundaries, not 8,760 inputs).
 */
export function advance(s0: MeterState, target: number, loads: readonly LoadStep[] = []): Step {
  if (!Number.isSafeInteger(target) || target < s0.time) return badRequest(s0, 'advance cannot go backwards');
  let at = s0.time;
  for (const step of loads) {
    if (!Number.isSafeInteger(step.at) || step.at < at || step.at > target) return badRequest(s0, 'advance loads must be in time order within the advance');
    if (!Number.isSafeInteger(step.watts) || step.watts < 0) return badRequest(s0, 'advance load watts must be an integer >= 0');
    at = step.at;
  }
  const s = beginInput(s0);
  for (const step of loads) {
    advanceTo(s, step.at);
    s.loadW = step.watts;
  }
  advanceTo(s, target);
  return { state: s, outcome: DONE };
}

export function setLoad(s0: MeterState, watts: number): Step {
  const s = beginInput(s0);
  s.loadW = watts;
  return { state: s, outcome: DONE };
}

/** A lump of energy at this instant: charged in full if the supply is enabled, then section 4. */
export function consume(s0: MeterState, wh: number): Step {
  const s = beginInput(s0);
  if (s.power && s.supply === 'enabled') importEnergy(s, wh * 3600);
  evaluateCredit(s);
  return { state: s, outcome: DONE };
}

/** Keypad presses at this instant: `0-9`, `*` clear, `<` backspace, `#` submit (keypad.ts). */
export function pressKeys(s0: MeterState, keys: string): Step {
  if (!s0.power) return { state: s0, outcome: NO_POWER };
  let s = beginInput(s0);
  let last: TokenOutcome | null = null;
  for (const key of keys) {
    const event = keyEvent(key);
    if (event === 'SUBMIT') {
      // enterToken always returns a fresh copy, so it is this input's draft from here on; its log
      // entries belong to this request (clarifications 3: one input, one request).
      const entry = enterToken(s, s.keypad.buffer, 'keypad', s.inputLogStart);
      s = entry.state;
      last = entry.outcome;
    }
    take(KEYPAD, s, event, key);
  }
  return { state: s, outcome: { kind: 'keys', buffer: s.keypad.buffer, token: last } };
}

export function enterDigits(s0: MeterState, digits: string, source: Source): Step {
  if (!s0.power) return { state: s0, outcome: NO_POWER };
  const entry = enterToken(s0, digits, source);
  return { state: entry.state, outcome: { kind: 'token', token: entry.outcome } };
}

export function envelope(s0: MeterState, jws: string): Step {
  if (!s0.power) return { state: s0, outcome: NO_POWER };
  const entry = enterEnvelope(s0, jws);
  return { state: entry.state, outcome: { kind: 'token', token: entry.outcome } };
}

export function pressButton(s0: MeterState, button: 'A' | 'B', where: 'meter' | 'ppmid'): Step {
  if (!s0.power) return { state: s0, outcome: NO_POWER };
  const s = beginInput(s0);
  const reason = button === 'A' ? activateEmergencyCredit(s) : enableArmedSupply(s, where);
  if (reason) return { state: s0, outcome: { kind: 'button', accepted: false, reason } };
  evaluateCredit(s);
  return { state: s, outcome: { kind: 'button', accepted: true } };
}

export function join(s0: MeterState, deviceClass: Exclude<DeviceClass, 'any'>, deviceId: string): Step {
  if (!s0.power) return { state: s0, outcome: NO_POWER };
  const s = beginInput(s0);
  const reason = joinDevice(s, deviceClass, deviceId);
  if (reason) return { state: s0, outcome: { kind: 'join', accepted: false, reason } };
  return { state: s, outcome: { kind: 'join', accepted: true } };
}

/** Power cut / restore; on while on, or off while off, does nothing (clarifications 7). */
export function setPower(s0: MeterState, on: boolean): Step {
  if (s0.power === on) return { state: s0, outcome: DONE };
  const s = beginInput(s0);
  switchPower(s, on);
  return { state: s, outcome: DONE };
}
