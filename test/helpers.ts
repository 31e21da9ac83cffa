import { readFileSync } from 'node:fs';
import { commission } from '../firmware/configure.js';
import { readout as readoutOf } from '../firmware/readout.js';
import { expect } from 'vitest';
import { Device } from '../protocol/device.js';
import type { MeterState } from '../firmware/state.js';

export const examples = JSON.parse(readFileSync(new URL('./vectors/token-examples.json', import.meta.url), 'utf8'));

import { RTDS } from '../scripts/rtds.js';

export { RTDS, rtdsParty } from '../scripts/rtds.js';

export const T0 = '2026-02-02T08:00:00Z';

/** A device reset with the RTDS meter plus overrides. */
export function device(meter: Record<string, unknown> = {}, time = T0): Device {
  const d = new Device();
  const r = d.handle({ op: 'reset', meter: { fuel: 'electricity', ...RTDS, ...meter }, time });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return d;
}

export function readout(d: Device): any {
  const r = d.handle({ op: 'read' }) as any;
  return r.readout;
}

export function meterState(meter: Record<string, unknown> = {}, time = Date.parse(T0) / 1000): MeterState {
  const r = commission({ fuel: 'electricity', ...RTDS, ...meter }, time);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

/** The RTDS electricity meter's configuration plus overrides. */
export const rtdsMeter = (extra: Record<string, unknown>) => ({ fuel: 'electricity', ...RTDS, ...extra });

/** The message of a configuration commissioning refuses (badConfig); throws if it is accepted. */
export function badConfigMessage(m: unknown, time = Date.parse(T0) / 1000): string {
  const r = commission(m, time);
  if (r.ok) throw new Error('accepted');
  expect(r.code).toBe('badConfig');
  return r.message;
}

/** The read-out of a configuration commissioning accepts; throws with its message if refused. */
export function commissionedReadout(m: unknown, time = Date.parse(T0) / 1000) {
  const r = commission(m, time);
  if (!r.ok) throw new Error(r.message);
  return readoutOf(r.value);
}
