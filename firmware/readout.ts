// The conformance read-out (conformance.md section 2): money in mp, times ISO-8601 UTC; each
// section's own fields (sections.ts), in section order, a copy that shares nothing with the meter.
import { READOUTS, type Readout } from './sections.js';
import type { MeterState } from './state.js';

export type { Readout };

export function readout(s: MeterState): Readout {
  const out = {};
  for (const fields of READOUTS) Object.assign(out, fields(s));
  return out as Readout;
}
