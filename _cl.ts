import { commission } from './firmware/configure.js';
import * as S from './firmware/state.js';
import { advanceTo } from './firmware/timeline.js';
import { RTDS } from './scripts/rtds.js';
const sections = await import('./firmware/sections.js').catch(() => null);
const clone = (sections?.cloneState ?? (S as any).cloneState) as (s: any) => any;
const T0 = Date.parse('2026-01-01T00:00:00Z') / 1000;
const r = commission({ ...RTDS, config: { maxMeterBalance: 2 ** 40, maxCreditThreshold: 2 ** 40 }, meterBalance: 2 ** 40 }, T0);
if (!r.ok) throw 1;
const xs: number[] = [];
for (let k = 0; k < 3000; k++) { const s = clone(r.value); s.loadW = 750; const t = performance.now(); advanceTo(s, T0 + 365 * 86400); xs.push(performance.now() - t); }
xs.sort((a, b) => a - b); console.log(process.cwd().split('/').pop(), 'us', (xs[100]! * 1000).toFixed(0));
