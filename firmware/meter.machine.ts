// The meter as an xstate 5 machine: events in, snapshot out. Time lives in context and moves only by
// ADVANCE (and LOAD/CONSUME act at the current instant): no `after` delays, no wall clock, so
// `transition()` is pure and a persisted snapshot holds the whole meter (ecosystem.md 1.2, 1.4).
import { assign, setup } from 'xstate';
import * as ops from './meter.js';
import type { LoadStep, Outcome, Step } from './meter.js';
import type { DeviceClass, MeterState, Source } from './state.js';

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

export interface MeterContext {
  meter: MeterState;
  /** What the last event did. */
  outcome: Outcome;
}

/** Apply an operation's result: new meter state and its outcome. */
const take = (step: Step) => ({ meter: step.state, outcome: step.outcome });

export const meterMachine = setup({
  types: {
    context: {} as MeterContext,
    events: {} as MeterEvent,
    input: {} as { meter: MeterState },
  },
  guards: {
    isPowered: ({ context }: { context: MeterContext }) => context.meter.power,
  },
  actions: {
    advanceClock: assign(({ context, event }) => {
      const e = event as Extract<MeterEvent, { type: 'ADVANCE' }>;
      return take(ops.advance(context.meter, e.to, e.loads));
    }),
    setLoad: assign(({ context, event }) => take(ops.setLoad(context.meter, (event as { watts: number }).watts))),
    consumeEnergy: assign(({ context, event }) => take(ops.consume(context.meter, (event as { wh: number }).wh))),
    pressKeys: assign(({ context, event }) => take(ops.pressKeys(context.meter, (event as { keys: string }).keys))),
    enterToken: assign(({ context, event }) => {
      const e = event as Extract<MeterEvent, { type: 'TOKEN_ENTERED' }>;
      return take(ops.enterDigits(context.meter, e.digits, e.source));
    }),
    enterEnvelope: assign(({ context, event }) => take(ops.envelope(context.meter, (event as { jws: string }).jws))),
    activateEmergencyCredit: assign(({ context, event }) => take(ops.pressButton(context.meter, 'A', (event as { where: 'meter' | 'ppmid' }).where))),
    enableSupply: assign(({ context, event }) => take(ops.pressButton(context.meter, 'B', (event as { where: 'meter' | 'ppmid' }).where))),
    joinDevice: assign(({ context, event }) => {
      const e = event as Extract<MeterEvent, { type: 'JOIN' }>;
      return take(ops.join(context.meter, e.deviceClass, e.deviceId));
    }),
    cutPower: assign(({ context }) => take(ops.setPower(context.meter, false))),
    restorePower: assign(({ context }) => take(ops.setPower(context.meter, true))),
    acknowledge: assign({ outcome: () => ops.DONE }),
    refuseWithoutPower: assign({ outcome: () => ops.NO_POWER }),
  },
}).createMachine({
  id: 'meter',
  context: ({ input }) => ({ meter: input.meter, outcome: ops.DONE }),
  initial: 'booting',
  // Time, load and energy act whether or not the power is on (clarifications 7).
  on: {
    ADVANCE: { actions: 'advanceClock' },
    LOAD: { actions: 'setLoad' },
    CONSUME: { actions: 'consumeEnergy' },
  },
  states: {
    booting: {
      always: [{ guard: 'isPowered', target: 'powered' }, { target: 'powerCut' }],
    },
    powered: {
      on: {
        KEYS: { actions: 'pressKeys' },
        TOKEN_ENTERED: { actions: 'enterToken' },
        ENVELOPE_RECEIVED: { actions: 'enterEnvelope' },
        BUTTON_A: { actions: 'activateEmergencyCredit' },
        BUTTON_B: { actions: 'enableSupply' },
        JOIN: { actions: 'joinDevice' },
        POWER_CUT: { target: 'powerCut', actions: 'cutPower' },
        POWER_RESTORED: { actions: 'acknowledge' },
      },
    },
    powerCut: {
      on: {
        KEYS: { actions: 'refuseWithoutPower' },
        TOKEN_ENTERED: { actions: 'refuseWithoutPower' },
        ENVELOPE_RECEIVED: { actions: 'refuseWithoutPower' },
        BUTTON_A: { actions: 'refuseWithoutPower' },
        BUTTON_B: { actions: 'refuseWithoutPower' },
        JOIN: { actions: 'refuseWithoutPower' },
        POWER_CUT: { actions: 'acknowledge' },
        POWER_RESTORED: { target: 'powered', actions: 'restorePower' },
      },
    },
  },
});
