// The xstate machine: pure transitions, exact JSON round trip, event-driven cost.
import { describe, expect, it } from 'vitest';
import { createActor, initialTransition, transition } from 'xstate';
import { meterMachine } from '../firmware/meter.machine.js';
import { cloneState } from '../firmware/state.js';
import { advanceTo } from '../firmware/timeline.js';
import { meterState } from './helpers.js';

const UTRN = '73947252416745201637';

describe('meter machine', () => {
  it('transition() is pure: the same snapshot and event give the same next snapshot, the input untouched', () => {
    const [s0] = initialTransition(meterMachine, { meter: meterState() });
    const before = JSON.stringify(s0.context);
    const [a] = transition(meterMachine, s0, { type: 'TOKEN_ENTERED', digits: UTRN, source: 'keypad' });
    const [b] = transition(meterMachine, s0, { type: 'TOKEN_ENTERED', digits: UTRN, source: 'keypad' });
    expect(JSON.stringify(s0.context)).toBe(before);
    expect(JSON.stringify(a.context)).toBe(JSON.stringify(b.context));
    expect(a.context.reply).toMatchObject({ ok: true, result: 'Accepted' });
    expect(a.context.meter.meterBalance).toBe(1_234_000);
  });

  it('a persisted snapshot round-trips through JSON exactly and resumes identically', () => {
    const actor = createActor(meterMachine, { input: { meter: meterState() } }).start();
    actor.send({ type: 'TOKEN_ENTERED', digits: UTRN, source: 'keypad' });
    actor.send({ type: 'LOAD', watts: 1500 });
    actor.send({ type: 'KEYS', keys: '7394' });
    actor.send({ type: 'POWER_CUT' });
    const persisted = actor.getPersistedSnapshot();
    const json = JSON.stringify(persisted);
    expect(JSON.parse(json)).toEqual(persisted);
    const restored = createActor(meterMachine, { snapshot: JSON.parse(json), input: undefined as never }).start();
    expect(restored.getSnapshot().value).toBe('powerCut');
    for (const a of [actor, restored]) {
      a.send({ type: 'POWER_RESTORED' });
      a.send({ type: 'ADVANCE', to: a.getSnapshot().context.meter.time + 40 * 86_400 });
    }
    expect(JSON.stringify(restored.getPersistedSnapshot())).toBe(JSON.stringify(actor.getPersistedSnapshot()));
  });

  it('tokens and buttons are refused while the power is off', () => {
    const actor = createActor(meterMachine, { input: { meter: meterState() } }).start();
    actor.send({ type: 'POWER_CUT' });
    actor.send({ type: 'BUTTON_A', where: 'meter' });
    expect(actor.getSnapshot().context.reply).toEqual({ ok: false, error: { code: 'powerOff', message: 'the meter has no power' } });
  });

  it('advancing a month costs in proportion to the boundaries crossed, not the seconds', () => {
    const s = cloneState(meterState({ meterBalance: 40_000_000 }));
    s.loadW = 800;
    // 30 midnights; no thresholds crossed (800 W x 24.5 p/kWh ~ £4.70/day over 30 days from £400).
    expect(advanceTo(s, s.time + 30 * 86_400)).toBe(31); // 30 midnights and the target
    const h = cloneState(meterState({ meterBalance: 40_000_000, timeDebt: [{ amount: 10_000_000, rate: 1000, period: 'hourly' }] }));
    expect(advanceTo(h, h.time + 30 * 86_400)).toBe(30 * 24); // every hour is a boundary now
  });
});
