// The built-in demo meter, of `npm start` and of the web page (TEST KEYS, keys/demo-keyset.json). The
// caller brings the configuration that trusts the keys, so this runs in a browser too.
import { commission } from '../firmware/configure.js';
import type { MeterState } from '../firmware/state.js';

/** A fresh demo meter: `meterConfig`'s keys, £5.00 of credit, 500 W of load. */
export function demoMeter(meterConfig: Record<string, unknown>, time: number, fuel: 'electricity' | 'gas' = 'electricity'): MeterState {
  const made = commission({ ...meterConfig, fuel, meterBalance: 500_000 }, time);
  if (!made.ok) throw new Error(made.message);
  made.value.loadW = 500;
  return made.value;
}
