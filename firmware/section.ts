// A section of the meter (prepayment.md and its clarifications): the part of the meter state it owns,
// and everything that follows from that slice, kept beside the section's rules. The meter state, its
// copy for an input, commissioning from a configuration and the read-out are all assembled from the
// sections (sections.ts), so a new field is written in one file.
import type { Obj } from './parse.js';
import type { MeterState } from './state.js';

export interface Section<K extends keyof MeterState = keyof MeterState, R extends object = object> {
  /** the meter state keys this section owns; every key is owned by exactly one section */
  owns: readonly K[];
  /** the slice of a factory-fresh meter at `time` (prepayment.md section 2, factory defaults) */
  factory(time: number): Pick<MeterState, K>;
  /**
   * Into the draft `d` (a shallow copy of `s`), fresh copies of what an input may change in place.
   * What is only ever replaced is shared. A copy is written as a literal: every draft's parts then
   * have one shape, which keeps the copy cheap.
   */
  copy?(d: MeterState, s: MeterState): void;
  /** the section's keys of a configuration `m` (the read-out's names), into the fresh meter `s` */
  configure?(s: MeterState, m: Obj): void;
  /** the section's read-out fields (conformance.md section 2) */
  readout?(s: MeterState): R;
}
