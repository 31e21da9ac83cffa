// The meter state assembled from its sections (section.ts): a factory-fresh meter, the draft copy
// an input changes, and the read-out, each derived here from the one list below rather than written
// out again. The order is the order of commissioning (a section's configuration may depend on an
// earlier one's: emergency credit starts full at the configured limit) and of the read-out's fields.
import { CALENDARS } from './calendar.js';
import { CHARGES } from './charges.js';
import { CLOCK } from './clock.js';
import { DEBT } from './debt.js';
import { DISPLAY } from './display.js';
import { EMERGENCY_CREDIT_SECTION } from './emergency-credit.js';
import { EVENTS } from './events.js';
import { HAN } from './han.js';
import { IDENTITY } from './identity.js';
import { KEYPAD_SECTION } from './keypad.js';
import type { Obj } from './parse.js';
import { PAYMENT_MODE_SECTION } from './payment-mode.js';
import { POWER_SECTION } from './power.js';
import type { Section } from './section.js';
import { SETTINGS } from './settings.js';
import type { MeterState } from './state.js';
import { shallowCopy } from './state-copy.js';
import { SUPPLY_SECTION } from './supply.js';
import { TARIFF } from './tariff.js';
import { commissionedOf, TENANCY } from './tenancy.js';
import { COUNTER_CACHE } from './tokens/counter-cache.js';
import { TOP_UPS } from './topup.js';

export const SECTIONS = [
  CLOCK,
  IDENTITY,
  SETTINGS,
  PAYMENT_MODE_SECTION,
  SUPPLY_SECTION,
  CHARGES,
  DEBT,
  COUNTER_CACHE,
  EMERGENCY_CREDIT_SECTION,
  TARIFF,
  CALENDARS,
  HAN,
  KEYPAD_SECTION,
  TENANCY,
  POWER_SECTION,
  DISPLAY,
  EVENTS,
  TOP_UPS,
] as const;

type Any = Section<keyof MeterState, object>;
const ALL = SECTIONS as readonly Any[];
const COPIES = ALL.filter((s) => s.copy !== undefined).map((s) => s.copy!);

type ReadoutOf<T> = T extends { readout?: (s: MeterState) => infer R } ? R : never;
type Intersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** The read-out (conformance.md section 2): every section's fields. */
export type Readout = Intersection<ReadoutOf<(typeof SECTIONS)[number]>>;

/** A factory-fresh meter at `time`, commissioned as it is. */
export function factoryState(time: number): MeterState {
  const parts = {} as MeterState;
  for (const section of ALL) Object.assign(parts, section.factory(time));
  // Made by the literal that makes every draft (state-copy.ts), so the first input copies a shape
  // it has seen.
  const s = shallowCopy(parts);
  s.commissioned = commissionedOf(s);
  return s;
}

/**
 * A copy that an input may change freely: a shallow copy, then each section's own copy of what it
 * changes in place (emergency credit, energy). Everything else is only ever replaced, its type
 * read-only, so it is shared: a token copies what it may change, not a 100-entry log.
 */
export function cloneState(s: MeterState): MeterState {
  const d = shallowCopy(s);
  for (const copy of COPIES) copy(d, s);
  return d;
}

/**
 * The draft one input mutates: a copy, with the event log marked where this input's entries start
 * (events.ts orders entries only among those of one input). An input is one request to the meter; a
 * step inside a request (a `#` submission of a `keys` request) passes the request's own `logFrom`.
 */
export function beginInput(s: MeterState, logFrom: number = s.events.length): MeterState {
  const d = cloneState(s);
  d.inputLogStart = logFrom;
  return d;
}

/** Each section's part of a configuration, in order, into the fresh meter `s` (throws ConfigError). */
export function configureSections(s: MeterState, m: Obj): void {
  for (const section of ALL) section.configure?.(s, m);
}

/** Each section that has a read-out, in order (readout.ts assembles them). */
export const READOUTS = ALL.filter((s) => s.readout !== undefined).map((s) => s.readout!);
