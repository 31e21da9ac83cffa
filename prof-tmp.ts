import { createActor } from 'xstate';
import { commission } from './firmware/configure.js';
import { meterMachine } from './firmware/meter.machine.js';
import * as ops from './firmware/meter.js';
import { cloneState } from './firmware/state.js';
import { advanceTo } from './firmware/timeline.js';
import { RTDS } from './scripts/rtds.js';
const T0 = Date.parse('2026-01-01T00:00:00Z') / 1000;
const m = commission({ ...RTDS, meterBalance: 2 ** 40, config: { maxMeterBalance: 2 ** 41 } }, T0);
if (!m.ok) throw new Error(m.message);
const hours = 8760;
for (let r = 0; r < 3; r++) {
  let t = performance.now();
  const a = createActor(meterMachine, { input: { meter: m.value } }).start();
  for (let h = 0; h < hours; h++) { a.send({ type: 'LOAD', watts: 500 }); a.send({ type: 'ADVANCE', to: T0 + (h + 1) * 3600 }); }
  const machine = performance.now() - t;
  t = performance.now();
  let s = m.value;
  for (let h = 0; h < hours; h++) { s = ops.setLoad(s, 500).state; s = ops.advance(s, T0 + (h + 1) * 3600).state; }
  const opsT = performance.now() - t;
  t = performance.now();
  for (let h = 0; h < hours * 2; h++) cloneState(m.value);
  const clone = performance.now() - t;
  t = performance.now();
  const p = cloneState(m.value);
  for (let h = 0; h < hours; h++) { p.loadW = 500; advanceTo(p, T0 + (h + 1) * 3600); }
  const pure = performance.now() - t;
  console.log({ machine, opsT, clone, pure });
}
