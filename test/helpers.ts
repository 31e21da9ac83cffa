import { readFileSync } from 'node:fs';
import { commission } from '../firmware/configure.js';
import { Device } from '../firmware/device.js';
import { hexToBytes } from '../firmware/tokens/crypto.js';
import type { Party } from '../firmware/tokens/kdf.js';
import type { MeterState } from '../firmware/state.js';

export const examples = JSON.parse(readFileSync(new URL('./vectors/token-examples.json', import.meta.url), 'utf8'));

/** The GBCS RTDS test identities and the shared secret given with them (tokens.md section 3). */
export const RTDS = {
  originatorId: '90B3D51F30010000',
  deviceId: '00DB1234567890A0',
  sharedSecret: '5c00001ae96494fedfd740c4679d346e913d89b978beeff76577be69c92bf3ce',
};

export const rtdsParty: Party = {
  originatorId: hexToBytes(RTDS.originatorId),
  deviceId: hexToBytes(RTDS.deviceId),
  sharedSecret: hexToBytes(RTDS.sharedSecret),
};

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
