// The conformance read-out (conformance.md section 2): money in mp, times ISO-8601 UTC; each
// section's own fields (sections.ts), a copy that shares nothing with the meter.
import { readoutOf, type Readout } from './sections.js';
import type { MeterState } from './state.js';

export type { Readout };

export function readout(s: MeterState): Readout {
  return readoutOf(s);
}
