// The xstate machine's wiring (conformance.md section 1, clarifications 7): where it starts, what it
// answers before any event, and that every request without power is refused.
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { meterMachine } from '../firmware/meter.machine.js';
import type { MeterEvent } from '../firmware/meter.machine.js';
import { setPower } from '../firmware/meter.js';
import { meterState } from './helpers.js';

const UTRN = '73947252416745201637';
const POWER_OFF = { kind: 'refused', code: 'powerOff', message: 'the meter has no power' };

describe('meter machine wiring', () => {
  it('starts with the meter as given, powered or in a power cut, with nothing to tell before any event', () => {
    // One machine state: the power is the meter's own, held once (meter.power).
    const powered = createActor(meterMachine, { input: { meter: meterState() } }).start();
    expect(powered.getSnapshot().value).toEqual({});
    expect(powered.getSnapshot().context.meter.power).toBe(true);
    expect(powered.getSnapshot().context.outcome).toEqual({ kind: 'done' });
    const cut = createActor(meterMachine, { input: { meter: setPower(meterState(), false).state } }).start();
    expect(cut.getSnapshot().context.meter.power).toBe(false);
    expect(cut.getSnapshot().context.outcome).toEqual({ kind: 'done' });
  });

  it('power restored while powered is done and changes nothing (clarifications 7)', () => {
    // £10 balance: EC is not available, so button A is refused first (an outcome that is not plain done)
    const actor = createActor(meterMachine, { input: { meter: meterState({ meterBalance: 1_000_000 }) } }).start();
    actor.send({ type: 'BUTTON_A', where: 'meter' });
    expect(actor.getSnapshot().context.outcome).toEqual({ kind: 'button', accepted: false, reason: 'ecNotAvailable' });
    const meter = actor.getSnapshot().context.meter;
    actor.send({ type: 'POWER_RESTORED' });
    expect(actor.getSnapshot().context.outcome).toEqual({ kind: 'done' });
    expect(actor.getSnapshot().context.meter).toBe(meter);
  });

  it('in a power cut every local or HAN request is refused and the meter is unchanged', () => {
    const actor = createActor(meterMachine, { input: { meter: meterState({ meterBalance: 0 }) } }).start();
    const requests: MeterEvent[] = [
      { type: 'KEYS', keys: '12' },
      { type: 'TOKEN_ENTERED', digits: UTRN, source: 'keypad' },
      { type: 'ENVELOPE_RECEIVED', jws: 'a.b.c' },
      { type: 'BUTTON_A', where: 'meter' },
      { type: 'BUTTON_B', where: 'meter' },
      { type: 'JOIN', deviceClass: 'ihd', deviceId: '0011223344556677' },
    ];
    for (const request of requests) {
      // a cut while cut is plain done, so each refusal below is that request's own outcome
      actor.send({ type: 'POWER_CUT' });
      expect(actor.getSnapshot().context.outcome).toEqual({ kind: 'done' });
      const meter = actor.getSnapshot().context.meter;
      actor.send(request);
      expect(actor.getSnapshot().context.outcome).toEqual(POWER_OFF);
      expect(actor.getSnapshot().context.meter).toBe(meter);
      expect(actor.getSnapshot().context.meter.power).toBe(false);
    }
  });
});
