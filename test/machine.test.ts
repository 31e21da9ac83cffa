// The xstate machine: pure transitions, exact JSON round trip, event-driven cost.
import { describe, expect, it } from 'vitest';
import { createActor, initialTransition, transition } from 'xstate';
import { meterMachine } from '../firmware/meter.machine.js';
import { cloneState } from '../firmware/sections.js';
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
    expect(a.context.outcome).toMatchObject({ kind: 'token', token: { result: 'Accepted' } });
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
    expect(restored.getSnapshot().context.meter.power).toBe(false);
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
    expect(actor.getSnapshot().context.outcome).toEqual({ kind: 'refused', code: 'powerOff', message: 'the meter has no power' });
  });

  it('advancing a month costs in proportion to the boundaries crossed, not the seconds', () => {
    const s = cloneState(meterState({ meterBalance: 40_000_000 }));
    s.loadW = 800;
    // 30 midnights; no thresholds crossed (800 W x 24.5 p/kWh ~ £4.70/day over 30 days from £400).
    expect(advanceTo(s, s.time + 30 * 86_400)).toBe(31); // 30 midnights and the target
    const h = cloneState(meterState({ meterBalance: 40_000_000, timeDebt: [{ amount: 10_000_000, rate: 1000, period: 'hourly' }] }));
    expect(advanceTo(h, h.time + 30 * 86_400)).toBe(30 * 24); // every hour is a boundary now
  });

  it('an advance carrying a load profile ends where the same loads sent one by one end', () => {
    const start = meterState({ meterBalance: 2_000_000 });
    const t0 = start.time;
    const watts = (h: number) => [300, 1200, 2000, 0, 800, 450][h % 6]!;
    const oneByOne = createActor(meterMachine, { input: { meter: start } }).start();
    for (let h = 0; h < 48; h++) {
      oneByOne.send({ type: 'LOAD', watts: watts(h) });
      oneByOne.send({ type: 'ADVANCE', to: t0 + (h + 1) * 3600 });
    }
    const profile = createActor(meterMachine, { input: { meter: start } }).start();
    profile.send({ type: 'ADVANCE', to: t0 + 48 * 3600, loads: Array.from({ length: 48 }, (_, h) => ({ at: t0 + h * 3600, watts: watts(h) })) });
    expect(profile.getSnapshot().context.outcome).toEqual({ kind: 'done' });
    expect(JSON.stringify(profile.getSnapshot().context.meter)).toBe(JSON.stringify(oneByOne.getSnapshot().context.meter));
  });

  it('refuses load steps out of order or outside the advance, changing nothing', () => {
    const start = meterState();
    const actor = createActor(meterMachine, { input: { meter: start } }).start();
    for (const loads of [[{ at: start.time + 20, watts: 1 }, { at: start.time + 10, watts: 1 }], [{ at: start.time + 7200, watts: 1 }], [{ at: start.time, watts: -1 }]]) {
      actor.send({ type: 'ADVANCE', to: start.time + 3600, loads });
      expect(actor.getSnapshot().context.outcome).toMatchObject({ kind: 'refused', code: 'badRequest' });
      expect(actor.getSnapshot().context.meter).toBe(start);
    }
  });
});
