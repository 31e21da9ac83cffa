// The meter's operations: one pure function per input, state in, (state, reply) out. The xstate
// machine (meter.machine.ts) wires these to events; the adapter and the keypad emulator drive it.
import { activateEmergencyCredit, enableArmedSupply, evaluateCredit } from './credit.js';
import { logEvent } from './events.js';
import { joinDevice } from './han.js';
import { readout } from './readout.js';
import { beginInput, type DeviceClass, type MeterState, type Source } from './state.js';
import { advanceTo, importEnergy } from './timeline.js';
import { enterToken } from './tokens/enter.js';
import { enterEnvelope } from './tokens/envelope.js';
import type { TokenOutcome } from './tokens/results.js';

export type Reply = { ok: true; [key: string]: unknown } | { ok: false; error: { code: string; message: string } };

export interface Step {
  state: MeterState;
  reply: Reply;
}

export function failure(code: string, message: string): Reply {
  return { ok: false, error: { code, message } };
}

const unchanged = (state: MeterState, code: string, message: string): Step => ({ state, reply: failure(code, message) });

/** The flat token-like reply (conformance.md section 1). */
export function tokenReply(o: TokenOutcome): Reply {
  const reply: Reply = { ok: true, result: o.result };
  if (o.reason !== undefined) reply.reason = o.reason;
  if (o.block !== undefined) reply.block = o.block;
  if (o.index !== undefined) reply.index = o.index;
  reply.message = o.message;
  reply.display = [o.display];
  return reply;
}

/** A change of load during an advance: from `at` (UTC seconds) on, `watts`. */
export interface LoadStep {
  at: number;
  watts: number;
}

/**
 * Let time pass to `target`; `loads`, in time order within [now, target], change the load on the way
 * (a load profile in one input, so a year of hourly load costs its boundaries, not 8,760 inputs).
 */
export function advance(s0: MeterState, target: number, loads: readonly LoadStep[] = []): Step {
  if (!Number.isSafeInteger(target) || target < s0.time) return unchanged(s0, 'badRequest', 'advance cannot go backwards');
  let at = s0.time;
  for (const step of loads) {
    if (!Number.isSafeInteger(step.at) || step.at < at || step.at > target) return unchanged(s0, 'badRequest', 'advance loads must be in time order within the advance');
    if (!Number.isSafeInteger(step.watts) || step.watts < 0) return unchanged(s0, 'badRequest', 'advance load watts must be an integer >= 0');
    at = step.at;
  }
  const s = beginInput(s0);
  for (const step of loads) {
    advanceTo(s, step.at);
    s.loadW = step.watts;
  }
  advanceTo(s, target);
  return { state: s, reply: { ok: true } };
}

export function setLoad(s0: MeterState, watts: number): Step {
  const s = beginInput(s0);
  s.loadW = watts;
  return { state: s, reply: { ok: true } };
}

/** A lump of energy at this instant: charged in full if the supply is enabled, then section 4. */
export function consume(s0: MeterState, wh: number): Step {
  const s = beginInput(s0);
  if (s.power && s.supply === 'enabled') importEnergy(s, wh * 3600);
  evaluateCredit(s);
  return { state: s, reply: { ok: true } };
}

const MAX_BUFFER = 80;

/** Keypad presses at this instant: `0-9`, `*` clear, `<` backspace, `#` submit. */
export function pressKeys(s0: MeterState, keys: string): Step {
  if (!s0.power) return unchanged(s0, 'powerOff', 'the meter has no power');
  let s = beginInput(s0);
  let last: TokenOutcome | null = null;
  for (const key of keys) {
    s.keypad.lastKeyAt = s.time;
    if (key === '*') s.keypad.buffer = '';
    else if (key === '<') s.keypad.buffer = s.keypad.buffer.slice(0, -1);
    else if (key === '#') {
      // enterToken always returns a fresh copy, so it is this input's draft from here on; its log
      // entries belong to this request (clarifications 3: one input, one request).
      const entry = enterToken(s, s.keypad.buffer, 'keypad', s.inputLogStart);
      s = entry.state;
      s.keypad.buffer = '';
      last = entry.outcome;
    } else if (s.keypad.buffer.length < MAX_BUFFER) s.keypad.buffer += key;
  }
  if (s.keypad.buffer === '') s.keypad.lastKeyAt = null;
  const reply: Reply = last ? { ...(tokenReply(last) as { ok: true }), buffer: s.keypad.buffer } : { ok: true, buffer: s.keypad.buffer };
  return { state: s, reply };
}

export function enterDigits(s0: MeterState, digits: string, source: Source): Step {
  if (!s0.power) return unchanged(s0, 'powerOff', 'the meter has no power');
  const entry = enterToken(s0, digits, source);
  return { state: entry.state, reply: tokenReply(entry.outcome) };
}

export function envelope(s0: MeterState, jws: string): Step {
  if (!s0.power) return unchanged(s0, 'powerOff', 'the meter has no power');
  const entry = enterEnvelope(s0, jws);
  return { state: entry.state, reply: tokenReply(entry.outcome) };
}

export function pressButton(s0: MeterState, button: 'A' | 'B', where: 'meter' | 'ppmid'): Step {
  if (!s0.power) return unchanged(s0, 'powerOff', 'the meter has no power');
  const s = beginInput(s0);
  const refusal = button === 'A' ? activateEmergencyCredit(s) : enableArmedSupply(s, where);
  if (refusal) return { state: s0, reply: { ok: true, accepted: false, reason: refusal } };
  return { state: s, reply: { ok: true, accepted: true } };
}

export function join(s0: MeterState, deviceClass: Exclude<DeviceClass, 'any'>, deviceId: string): Step {
  if (!s0.power) return unchanged(s0, 'powerOff', 'the meter has no power');
  const s = beginInput(s0);
  const refusal = joinDevice(s, deviceClass, deviceId);
  if (refusal) return { state: s0, reply: { ok: true, accepted: false, reason: refusal } };
  return { state: s, reply: { ok: true, accepted: true } };
}

/** Power cut / restore; on while on, or off while off, does nothing (clarifications 7). */
export function setPower(s0: MeterState, on: boolean): Step {
  if (s0.power === on) return { state: s0, reply: { ok: true } };
  const s = beginInput(s0);
  s.power = on;
  if (!on) {
    s.keypad.buffer = '';
    s.keypad.lastKeyAt = null;
  }
  logEvent(s, on ? 'powerOn' : 'powerOff');
  return { state: s, reply: { ok: true } };
}

export function read(s: MeterState): Reply {
  return { ok: true, readout: readout(s) };
}
