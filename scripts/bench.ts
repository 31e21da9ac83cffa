// npm run bench: every row is a ratio measured in this one run (ours vs a baseline), never a bare
// absolute time alone. Not a test: nothing here asserts.
import { createCipheriv, createHash } from 'node:crypto';
import { createActor } from 'xstate';
import { commission } from '../firmware/configure.js';
import { meterMachine } from '../firmware/meter.machine.js';
import { cloneState, type MeterState } from '../firmware/state.js';
import { advanceTo } from '../firmware/timeline.js';
import { authenticate } from '../firmware/tokens/enter.js';
import { firstBadBlock } from '../firmware/tokens/digits.js';
import { issueUtrn } from '../firmware/tokens/gbcs.js';
import { RTDS, rtdsParty } from './rtds.js';
import { nextLocalMidnight } from '../firmware/clock.js';
import { energyCost } from '../firmware/money.js';
import { runVectors } from '../conformance/runner.js';
import { ModelTarget } from '../conformance/targets.js';
import { loadVectors } from '../conformance/vectors.js';
import { shardIndices } from '../sim/fleet.js';
import { runFleet } from '../sim/fleet-run.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const VECTOR_ROOT = fileURLToPath(new URL('../vectors', import.meta.url));

const party = rtdsParty;
const T0 = Date.parse('2026-01-01T00:00:00Z') / 1000;

function meter(overrides: Record<string, unknown> = {}): MeterState {
  const r = commission({ ...RTDS, config: { maxMeterBalance: 2 ** 40, maxCreditThreshold: 2 ** 40 }, ...overrides }, T0);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

/** Best of `rounds` timings of fn(), in ms. */
function time(fn: () => void, rounds = 5): number {
  let best = Infinity;
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

const rows: [string, string, string, string][] = [];
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));

// 1. Token verification with a cached secret vs a bare node:crypto KDF + GMAC loop.
{
  const N = 20_000;
  const tokens = Array.from({ length: N }, (_, i) => issueUtrn(party, 1 + (i % 500), 'pennies', 0).token);
  const s = meter({ utrnCounters: [] });
  const ours = time(() => {
    // The meter-side verification: check digit, decode, counter recovery and checks, KDF, GMAC, compare.
    for (const t of tokens) if (firstBadBlock(t) !== 0 || 'result' in authenticate(s, t)) throw new Error('not verified');
  });
  const info = new Uint8Array(57);
  const aad = new Uint8Array(35);
  const iv = Buffer.alloc(12);
  const base = time(() => {
    for (let i = 0; i < N; i++) {
      const k = createHash('sha256').update(info).digest().subarray(0, 16);
      const c = createCipheriv('aes-128-gcm', k, iv);
      c.setAAD(aad);
      c.final();
      c.getAuthTag();
    }
  });
  rows.push(['token verify (GBCS UTRN, cached secret)', `${fmt(N / (ours / 1000))}/s`, `${fmt(N / (base / 1000))}/s bare KDF+GMAC`, `${(base / ours).toFixed(2)} (goal >= 0.7)`]);
}

// 2. Keypad-to-applied through the machine.
{
  const N = 20_000;
  const tokens = Array.from({ length: N }, (_, i) => issueUtrn(party, i + 1, 'pennies', 1).token);
  const actor = createActor(meterMachine, { input: { meter: meter() } }).start();
  const t = performance.now();
  for (const digits of tokens) actor.send({ type: 'TOKEN_ENTERED', digits, source: 'keypad' });
  const ms = performance.now() - t;
  const applied = actor.getSnapshot().context.meter.utrnCounters.length;
  if (applied !== 100) throw new Error('tokens were not applied');
  const rate = N / (ms / 1000);
  rows.push(['keypad-to-applied through the machine', `${fmt(rate)}/s`, '20,000/s goal', `${(rate / 20_000).toFixed(2)} of goal`]);
}

// 3. One meter-year with an hourly load profile vs a naive per-second loop of the same rules.
{
  const watts = (hour: number) => [300, 250, 250, 250, 300, 500, 900, 1200, 800, 600, 500, 500, 600, 500, 500, 600, 900, 1500, 2000, 1800, 1200, 900, 600, 400][hour % 24]!;
  const hours = 365 * 24;
  let ours = 0;
  let oursBalance = 0;
  const oursMs = time(() => {
    const s = cloneState(meter({ meterBalance: 2 ** 40 }));
    for (let h = 0; h < hours; h++) {
      s.loadW = watts(h);
      advanceTo(s, T0 + (h + 1) * 3600);
    }
    ours = s.energy.importJ;
    oursBalance = s.meterBalance;
  }, 3);
  let naive = 0;
  let naiveBalance = 0;
  const naiveMs = time(() => {
    // The same charging rules stepped second by second: energy at 24.500 p/kWh with a carried remainder,
    // standing charge at each local midnight.
    let balance = 2 ** 40;
    let remainder = 0;
    let importJ = 0;
    let midnight = nextLocalMidnight(T0);
    for (let t = T0; t < T0 + hours * 3600; t++) {
      const w = watts(Math.floor((t - T0) / 3600));
      importJ += w;
      const c = energyCost(24_500, w, remainder);
      remainder = c.remainder;
      balance -= c.chargeMp;
      if (t + 1 === midnight) {
        balance -= 60_000;
        midnight = nextLocalMidnight(midnight);
      }
    }
    naive = importJ;
    naiveBalance = balance;
  }, 1);
  if (ours !== naive || oursBalance !== naiveBalance) throw new Error(`year mismatch: ${ours}/${oursBalance} vs ${naive}/${naiveBalance}`);
  rows.push(['one meter-year, hourly load profile', `${oursMs.toFixed(1)} ms (goal < 50)`, `${naiveMs.toFixed(0)} ms per-second loop`, `${fmt(naiveMs / oursMs)}x (goal >= 1000x)`]);
}

// 4. Event-driven cost: 1 day vs 365 days at constant load.
{
  const run = (days: number) => () => {
    const s = cloneState(meter({ meterBalance: 2 ** 40 }));
    s.loadW = 750;
    advanceTo(s, T0 + days * 86_400);
  };
  const one = time(run(1), 20);
  const year = time(run(365), 5);
  rows.push(['constant load: 365 days vs 1 day', `${(year * 1000).toFixed(0)} us`, `${(one * 1000).toFixed(0)} us for 1 day`, `${fmt(year / one)}x for 365x the time`]);
}

// 5. Fleet meter-years per second on 1 and 2 workers.
{
  const meters = 24;
  const days = 365;
  const years = (meters * days) / 365;
  const rate = async (workers: number) => {
    const t = performance.now();
    await runFleet(shardIndices(meters), days, workers, 1);
    return years / ((performance.now() - t) / 1000);
  };
  const one = await rate(1);
  const two = await rate(2);
  rows.push(['fleet meter-years/s, 2 workers vs 1', `${fmt(two)}/s (2 workers)`, `${fmt(one)}/s (1 worker)`, `${(two / one).toFixed(2)}x speed-up`]);
}

// 6. The whole conformance suite in process.
{
  const vectors = loadVectors(VECTOR_ROOT);
  const t = performance.now();
  const results = await runVectors(vectors, { makeTarget: () => new ModelTarget() });
  const ms = performance.now() - t;
  if (results.some((r) => !r.passed)) throw new Error('conformance failures');
  rows.push(['conformance suite in process', `${ms.toFixed(0)} ms`, `${vectors.length} vectors`, `${(ms / vectors.length).toFixed(2)} ms/vector`]);
}

const header: [string, string, string, string] = ['benchmark', 'nowan', 'baseline (same run)', 'ratio'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of rows) console.log(line(r));
const out = fileURLToPath(new URL('./bench/results.json', import.meta.url));
mkdirSync(fileURLToPath(new URL('./bench/', import.meta.url)), { recursive: true });
writeFileSync(out, JSON.stringify({ node: process.version, date: new Date().toISOString(), rows: rows.map(([name, ours, baseline, ratio]) => ({ name, ours, baseline, ratio })) }, null, 2) + '\n');
console.log(`(written to scripts/bench/results.json)`);
