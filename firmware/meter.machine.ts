// The meter as an xstate 5 machine: events in, snapshot out. One state, one action: each event is a
// meter input run through `step` (meter.ts), a plain reducer. The meter's finite states (power,
// supply, emergency credit, payment mode, keypad, lockouts) are region tables in the sections, run by
// that reducer and drawn into docs/state-machine.md; xstate holding them as parallel states as well
// measured about 1.5x the cost per token of this machine, below the keypad speed floor, and would
// hold each state twice. Time lives in context and moves only by ADVANCE: no `after` delays, no wall
// clock, so `transition()` is pure and a persisted snapshot holds the whole meter.
import { assign, setup } from 'xstate';
import { EMERGENCY_CREDIT } from './emergency-credit.js';
import { KEYPAD, LOCKOUT } from './keypad.js';
import { PAYMENT_MODE } from './payment-mode.js';
import { POWER } from './power.js';
import type { Region } from './region.js';
import { SUPPLY } from './supply.js';
import { DONE, METER_EVENT_TYPES, step, type MeterEvent, type Outcome } from './meter.js';
import { registersProblem } from './state-check.js';
import type { MeterState } from './state.js';

export type { MeterEvent } from './meter.js';

export interface MeterContext {
  meter: MeterState;
  /** What the last event did. */
  outcome: Outcome;
}

/** The meter's finite-state spec: its regions, each a table the reducer runs (docs/state-machine.md). */
export const REGIONS: readonly Region<string, string, never>[] = [POWER, PAYMENT_MODE, SUPPLY, EMERGENCY_CREDIT, KEYPAD, LOCKOUT] as never;

const input = { actions: 'step' } as const;

export const meterMachine = setup({
  types: {
    context: {} as MeterContext,
    events: {} as MeterEvent,
    input: {} as { meter: MeterState },
  },
  actions: {
    step: assign(({ context, event }) => {
      const next = step(context.meter, event);
      return { meter: next.state, outcome: next.outcome };
    }),
  },
}).createMachine({
  id: 'meter',
  // The library hands this machine to callers who may build a meter state themselves: one whose
  // registers and lists the firmware could not have made (a cache out of order, a log too long) is
  // refused here, before any input acts on it. A state file gets the full check (meterStateProblem).
  context: ({ input: given }) => {
    const problem = registersProblem(given.meter);
    if (problem !== null) throw new TypeError(`not a meter state: ${problem}`);
    return { meter: given.meter, outcome: DONE };
  },
  on: Object.fromEntries(METER_EVENT_TYPES.map((type) => [type, input])) as Record<MeterEvent['type'], typeof input>,
});

/** The machine's power states before state-file format 4, which a persisted snapshot may still name. */
export const OLD_POWER_STATES = ['powered', 'powerCut'] as const;

/**
 * A persisted snapshot as this machine restores it: one whose value is an old power state
 * (`OLD_POWER_STATES`) gets the one state there is now; the power itself was always the meter's.
 */
export function currentSnapshot<T>(snapshot: T): T {
  const given = snapshot as { value?: unknown } | null;
  if (given === null || typeof given !== 'object' || !(OLD_POWER_STATES as readonly unknown[]).includes(given.value)) return snapshot;
  return { ...given, value: {} } as T;
}
