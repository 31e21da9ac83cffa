// One region of the meter's finite-state spec: its states, and the transitions between them, each
// guarded by rules named as the prepayment rules name them. The meter runs these tables (`take`), and
// docs/state-machine.md is drawn from the same tables (npm run diagram), so the diagram is the
// behaviour rather than a picture of it. Quantities (balances, counts, the keypad buffer) stay in the
// meter state; a region reads its finite state from there and writes it back, so nothing is held twice.
import { logEvent, type EventName } from './events.js';
import type { MeterState } from './state.js';

/** A rule a transition needs, by name. `data` is the event's own: where a button was pressed, say. */
export interface Rule<D> {
  name: string;
  /** the rule in words, for the diagram's legend */
  means: string;
  holds: (s: MeterState, data: D) => boolean;
  /** the rule this one negates, if it is a `not` */
  negates?: Rule<D>;
}

export function rule<D = undefined>(name: string, means: string, holds: (s: MeterState, data: D) => boolean): Rule<D> {
  return { name, means, holds };
}

export function not<D>(r: Rule<D>): Rule<D> {
  return { name: `not ${r.name}`, means: `not: ${r.means}`, holds: (s, d) => !r.holds(s, d), negates: r };
}

/** What a transition does besides changing state, by name (quantities, not states). */
export interface Effect<D> {
  name: string;
  run: (s: MeterState, data: D) => void;
}

export function effect<D = undefined>(name: string, run: (s: MeterState, data: D) => void): Effect<D> {
  return { name, run };
}

/** The event a region settles on: no input, taken after every change (prepayment.md section 4). */
export const SETTLE = 'settle';

export interface Transition<S extends string, E extends string, D> {
  on: E;
  from: readonly S[];
  to: S;
  /** every rule must hold */
  when?: readonly Rule<D>[];
  do?: Effect<D>;
  /** logged in this order when taken (events.ts keeps the table's order within an input) */
  log?: readonly EventName[];
}

export interface Region<S extends string, E extends string, D = undefined> {
  name: string;
  states: readonly S[];
  /** what the region stands for, for the diagram */
  about: string;
  /** `data` is the event's: a region kept per source reads the source's own. */
  get(s: MeterState, data: D): S;
  set(s: MeterState, to: S, data: D): void;
  transitions: readonly Transition<S, E, D>[];
}

// Each region's transitions by event and from-state, in table order, built once and kept on the
// region itself: a region is asked to settle at every stop, so the look-up must cost two map reads.
const BY_EVENT = Symbol('transitions by event and state');
type Index = Map<string, Map<string, readonly Transition<string, string, never>[]>>;
type Indexed = { [BY_EVENT]?: Index };

function rowsOn<S extends string, E extends string, D>(region: Region<S, E, D>, on: E, from: S): readonly Transition<S, E, D>[] {
  const holder = region as Indexed;
  let index = holder[BY_EVENT];
  if (index === undefined) {
    index = new Map();
    for (const t of region.transitions as readonly Transition<string, string, never>[]) {
      let byState = index.get(t.on);
      if (byState === undefined) index.set(t.on, (byState = new Map()));
      for (const st of t.from) byState.set(st, [...(byState.get(st) ?? []), t]);
    }
    holder[BY_EVENT] = index;
  }
  return (index.get(on)?.get(from) ?? NONE) as readonly Transition<S, E, D>[];
}

const NONE: readonly never[] = [];

function allHold<D>(rules: readonly Rule<D>[] | undefined, s: MeterState, data: D): boolean {
  if (rules !== undefined) for (const r of rules) if (!r.holds(s, data)) return false;
  return true;
}

/**
 * Take the first transition of `region` on `on` from its current state whose rules all hold: set the
 * new state, run its effect, log its events. False when none applies (nothing changes).
 */
export function take<S extends string, E extends string, D>(region: Region<S, E, D>, s: MeterState, on: E, data: D): boolean {
  const from = region.get(s, data);
  for (const t of rowsOn(region, on, from)) {
    if (!allHold(t.when, s, data)) continue;
    if (t.to !== from) region.set(s, t.to, data);
    t.do?.run(s, data);
    if (t.log !== undefined) for (const name of t.log) logEvent(s, name);
    return true;
  }
  return false;
}
