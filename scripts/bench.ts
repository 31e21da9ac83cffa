// npm run bench: every row is a ratio measured in this one run (ours vs a baseline), never a bare
// absolute time alone. Fair by construction: both sides do the same count, both are warmed first,
// their rounds are interleaved (so a busy neighbour slows both alike), each side reports the median
// of its rounds and a ratio is the median of the rounds' ratios; the per-token rows run in several
// fresh processes and show the median one (see ISOLATED). Not a test: nothing here asserts a speed;
// it only refuses wrong answers.
import { execFileSync } from 'node:child_process';
import { createCipheriv, hash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createActor } from 'xstate';
import { issueToken } from '../index.js';
import { commission } from '../firmware/configure.js';
import { meterMachine } from '../firmware/meter.machine.js';
import { cloneState } from '../firmware/sections.js';
import type { MeterState } from '../firmware/state.js';
import { advanceTo } from '../firmware/timeline.js';
import { authenticate } from '../firmware/tokens/enter.js';
import { firstBadBlock } from '../firmware/tokens/digits.js';
import { issueUtrn } from '../vending/utrn.js';
import { RTDS, rtdsParty } from './rtds.js';
import { nextLocalMidnight } from '../firmware/clock.js';
import { energyCost } from '../firmware/money.js';
import { runVectors } from '../conformance/runner.js';
import { ModelTarget } from '../conformance/targets.js';
import { VECTOR_ROOT } from '../conformance/suite.js';
import { loadVectors } from '../conformance/vectors.js';
import { shardIndices } from '../sim/fleet.js';
import { runFleet } from '../sim/fleet-run.js';
import { resolveParams } from '../sim/study/params.js';
import { runStudy } from '../sim/study/run.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// Eleven rounds: on a shared machine a round is now and then slowed by others, and the median of
// eleven moves less with them than that of seven.
const ROUNDS = 11;

const party = rtdsParty;
const T0 = Date.parse('2026-01-01T00:00:00Z') / 1000;

function meter(overrides: Record<string, unknown> = {}): MeterState {
  const r = commission({ ...RTDS, config: { maxMeterBalance: 2 ** 40, maxCreditThreshold: 2 ** 40 }, ...overrides }, T0);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/**
 * Median ms of `ours` and of `base` over interleaved rounds, each warmed by `warmups` untimed runs, and
 * `ratio`, the median of each round's base / ours: a round's two runs are next to each other in time,
 * so a spell in which the machine is slower for both cancels out of the ratio.
 */
async function compare(ours: () => unknown, base: () => unknown, rounds = ROUNDS, warmups = 1): Promise<{ ours: number; base: number; ratio: number }> {
  for (let i = 0; i < warmups; i++) {
    await ours();
    await base();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    let t = performance.now();
    await ours();
    a.push(performance.now() - t);
    t = performance.now();
    await base();
    b.push(performance.now() - t);
  }
  return { ours: median(a), base: median(b), ratio: median(a.map((x, i) => b[i]! / x)) };
}

/** A row of the table: benchmark, nowan, baseline, ratio. */
type Cells = [string, string, string, string];
const rows: Cells[] = [];
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(2));
const perSecond = (n: number, ms: number) => n / (ms / 1000);

interface Measured {
  cells: Cells;
  /** the row's ratio as its cell shows it (of bare, or x pure), by which its processes are ranked */
  ratio: number;
}

/**
 * The rows that time one process's code against a baseline in that process. How fast JavaScript runs
 * depends on how the JIT compiled it in that process (what it inlined, when it optimised), and two
 * processes running the same rows differ by up to a tenth; so each of these rows runs in PROCESSES
 * fresh processes, both sides in each, and shows the median process with the range of all of them.
 */
const ISOLATED: Record<string, () => Promise<Measured>> = { verify: verifyRow, keypad: keypadRow, 'meter-year': meterYearRow, pem: pemRow };
// Odd, so that one process is the median.
const PROCESSES = 5;

const rowFlag = process.argv.indexOf('--row');
if (rowFlag !== -1) {
  const run = ISOLATED[process.argv[rowFlag + 1] ?? ''];
  if (!run) throw new Error(`--row takes one of ${Object.keys(ISOLATED).join(', ')}`);
  console.log(JSON.stringify(await run()));
  process.exit(0);
}

function isolated(name: string): Cells {
  const runs: Measured[] = [];
  for (let i = 0; i < PROCESSES; i++) {
    const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--row', name], { cwd: ROOT, encoding: 'utf8' });
    runs.push(JSON.parse(out.trim().split('\n').pop()!) as Measured);
  }
  runs.sort((a, b) => a.ratio - b.ratio);
  const mid = runs[(runs.length - 1) / 2]!;
  const [name_, ours, base, ratio] = mid.cells;
  const range = `${runs[0]!.ratio.toFixed(2)}-${runs[runs.length - 1]!.ratio.toFixed(2)}`;
  return [name_, ours, base, `${ratio}; ${PROCESSES} processes, ratio ${range}`];
}

/**
 * The bare node:crypto work of one token, `n` times: SHA-256 KDF, then AES-128-GCM over the AAD, with
 * the fastest calls node:crypto has (the one-shot `hash`, as firmware/tokens/crypto.ts uses).
 */
function bareKdfGcm(n: number): () => void {
  // The KDF input a token hashes: 00000001 || Z || OtherInfo, 69 bytes (firmware/tokens/kdf.ts).
  const info = new Uint8Array(69);
  const aad = new Uint8Array(35);
  const iv = Buffer.alloc(12);
  return () => {
    for (let i = 0; i < n; i++) {
      const k = hash('sha256', info, 'buffer').subarray(0, 16);
      const c = createCipheriv('aes-128-gcm', k, iv);
      c.setAAD(aad);
      c.final();
      c.getAuthTag();
    }
  };
}

// 1. Meter-side verification of a GBCS UTRN vs the bare KDF + GCM loop.
rows.push(isolated('verify'));
async function verifyRow(): Promise<Measured> {
  const N = 20_000;
  const tokens = Array.from({ length: N }, (_, i) => issueUtrn(party, 1 + (i % 500), 'pennies', 0).token);
  const s = meter({ utrnCounters: [] });
  const r = await compare(() => {
    // Check digit, decode, counter recovery and checks, KDF, GCM, compare.
    for (const t of tokens) if (firstBadBlock(t) !== 0 || 'result' in authenticate(s, t)) throw new Error('not verified');
  }, bareKdfGcm(N));
  return { cells: ['meter-side GBCS UTRN verify', `${fmt(perSecond(N, r.ours))}/s`, `${fmt(perSecond(N, r.base))}/s bare KDF+GCM`, `${r.ratio.toFixed(2)} of bare (floor 0.8)`], ratio: r.ratio };
}

// 2. Keypad-to-applied through the machine, every token checked Accepted and credited.
rows.push(isolated('keypad'));
async function keypadRow(): Promise<Measured> {
  const N = 10_000;
  const tokens = Array.from({ length: N }, (_, i) => issueUtrn(party, i + 1, 'pennies', 1).token);
  const start = meter();
  const r = await compare(() => {
    const actor = createActor(meterMachine, { input: { meter: start } }).start();
    for (const digits of tokens) {
      actor.send({ type: 'TOKEN_ENTERED', digits, source: 'keypad' });
      const outcome = actor.getSnapshot().context.outcome;
      if (outcome.kind !== 'token' || outcome.token.result !== 'Accepted') throw new Error(`token not applied: ${JSON.stringify(outcome)}`);
    }
    // N tokens of 1 p = N x 1,000 mp
    if (actor.getSnapshot().context.meter.meterBalance !== start.meterBalance + N * 1000) throw new Error('tokens were not all credited');
  }, bareKdfGcm(N));
  const rate = perSecond(N, r.ours);
  return { cells: ['keypad-to-applied through the machine', `${fmt(rate)}/s (floor 40000)`, `${fmt(perSecond(N, r.base))}/s bare KDF+GCM`, `${r.ratio.toFixed(2)} of bare (floor 0.4)`], ratio: r.ratio };
}

// 3. One meter-year with an hourly load profile: through the machine vs the pure path.
rows.push(isolated('meter-year'));
async function meterYearRow(): Promise<Measured> {
  const watts = (hour: number) => [300, 250, 250, 250, 300, 500, 900, 1200, 800, 600, 500, 500, 600, 500, 500, 600, 900, 1500, 2000, 1800, 1200, 900, 600, 400][hour % 24]!;
  const hours = 365 * 24;
  const start = meter({ meterBalance: 2 ** 40 });
  const loads = Array.from({ length: hours }, (_, h) => ({ at: T0 + h * 3600, watts: watts(h) }));
  let machine = { importJ: 0, balance: 0 };
  let pure = { importJ: 0, balance: 0 };
  const r = await compare(() => {
    // The year is one ADVANCE carrying its hourly load steps: the machine's cost is per boundary, and
    // 8,760 separate LOAD + ADVANCE events would measure xstate's per-event cost instead.
    const actor = createActor(meterMachine, { input: { meter: start } }).start();
    actor.send({ type: 'ADVANCE', to: T0 + hours * 3600, loads });
    const m = actor.getSnapshot().context.meter;
    machine = { importJ: m.energy.importJ, balance: m.meterBalance };
  }, () => {
    const s = cloneState(start);
    for (let h = 0; h < hours; h++) {
      s.loadW = watts(h);
      advanceTo(s, T0 + (h + 1) * 3600);
    }
    pure = { importJ: s.energy.importJ, balance: s.meterBalance };
  });
  // The same charging rules stepped second by second (untimed): energy at 24.500 p/kWh with a carried
  // remainder, the standing charge at each local midnight. Both paths must agree with it exactly.
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
  for (const [name, got] of [['machine', machine], ['pure', pure]] as const) {
    if (got.importJ !== importJ || got.balance !== balance) throw new Error(`year mismatch (${name}): ${got.importJ}/${got.balance} vs ${importJ}/${balance}`);
  }
  return { cells: ['one meter-year, hourly load, machine vs pure', `${r.ours.toFixed(2)} ms (at most 10)`, `${r.base.toFixed(2)} ms pure advanceTo`, `${fmt(1 / r.ratio)}x pure (at most 2x)`], ratio: 1 / r.ratio };
}

// 4. Event-driven cost: 365 days vs 1 day at constant load (a ratio of the same code).
{
  const start = meter({ meterBalance: 2 ** 40 });
  const run = (days: number, repeat: number) => () => {
    for (let i = 0; i < repeat; i++) {
      const s = cloneState(start);
      s.loadW = 750;
      advanceTo(s, T0 + days * 86_400);
    }
  };
  // 100 runs of 1 day against 1 run of 365 days, so both sides take a measurable time.
  // Each side takes a millisecond or so: one warm-up run leaves the timeline half compiled, and the
  // ratio then measures the JIT (200-2,000 us across runs); forty warm it fully.
  const r = await compare(run(365, 1), run(1, 100), ROUNDS, 40);
  const one = r.base / 100;
  rows.push(['constant load: 365 days vs 1 day', `${(r.ours * 1000).toFixed(0)} us`, `${(one * 1000).toFixed(1)} us for 1 day`, `${fmt(100 / r.ratio)}x for 365x the time`]);
}

// 5. Issuing GBCS UTRNs from a PEM key set (ECDH once per key set) vs the bare KDF + GCM loop.
rows.push(isolated('pem'));
async function pemRow(): Promise<Measured> {
  const N = 5_000;
  const keyset = JSON.parse(readFileSync(`${ROOT}keys/rtds-keyset.json`, 'utf8')) as { originatorId: string; deviceId: string; supplierPrepaymentPrivateKey: string; devicePublicKey: string };
  const keys = { originatorId: keyset.originatorId, deviceId: keyset.deviceId, supplierPrepaymentPrivateKey: keyset.supplierPrepaymentPrivateKey, devicePublicKey: keyset.devicePublicKey };
  const expected = issueUtrn(party, 7, 'pennies', 1234).token;
  if (issueToken(keys, 'TopUp', { pence: 1234 }, 7).token !== expected) throw new Error('PEM key set issues a different token');
  const r = await compare(() => {
    for (let i = 1; i <= N; i++) issueToken(keys, 'TopUp', { pence: 100 }, i);
  }, bareKdfGcm(N));
  return { cells: ['issue UTRNs from a PEM key set', `${fmt(perSecond(N, r.ours))}/s (floor 20000)`, `${fmt(perSecond(N, r.base))}/s bare KDF+GCM`, `${r.ratio.toFixed(2)} of bare`], ratio: r.ratio };
}

// 6. Fleet meter-years per second on 2 workers vs 1.
{
  const meters = 12;
  const days = 365;
  const years = (meters * days) / 365;
  const r = await compare(() => runFleet(shardIndices(meters), days, 2, 1), () => runFleet(shardIndices(meters), days, 1, 1), 5);
  rows.push(['fleet meter-years/s, 2 workers vs 1', `${fmt(years / (r.ours / 1000))}/s (2 workers)`, `${fmt(years / (r.base / 1000))}/s (1 worker)`, `${r.ratio.toFixed(2)}x speed-up`]);
}

// 6b. The no-WAN study's meter-years per second on 2 workers vs 1 (both arms of the meters that need
// them, every token through the machine; pool start-up included, as a real run pays it).
{
  const made = resolveParams({ meters: 240, days: 7 });
  if (!made.ok) throw new Error(made.problems.join('; '));
  const p = made.params;
  const out = mkdtempSync(join(tmpdir(), 'nowan-bench-study-'));
  const years = (p.meters * p.days) / 365;
  const r = await compare(() => runStudy(p, { out, workers: 2 }), () => runStudy(p, { out, workers: 1 }), 3);
  rows.push(['no-WAN study meter-years/s, 2 workers vs 1', `${fmt(years / (r.ours / 1000))}/s (2 workers)`, `${fmt(years / (r.base / 1000))}/s (1 worker)`, `${r.ratio.toFixed(2)}x speed-up`]);
}

// 7. The whole conformance suite in process.
{
  const vectors = loadVectors(VECTOR_ROOT);
  const times: number[] = [];
  for (let i = 0; i <= 5; i++) {
    const t = performance.now();
    const { results } = await runVectors(vectors, { makeTarget: () => new ModelTarget() });
    if (i > 0) times.push(performance.now() - t);
    if (results.some((x) => !x.passed)) throw new Error('conformance failures');
  }
  const ms = median(times);
  rows.push(['conformance suite in process', `${ms.toFixed(0)} ms`, `${vectors.length} vectors`, `${(ms / vectors.length).toFixed(2)} ms/vector`]);
}

// 8. `nowan --help` from the build vs `node -e 0` (process start-up and module loading).
{
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  const run = (args: string[]) => () => execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore' });
  const r = await compare(run(['dist/cli/main.js', '--help']), run(['-e', '0']));
  rows.push(['nowan --help vs node -e 0', `${r.ours.toFixed(0)} ms`, `${r.base.toFixed(0)} ms node -e 0`, `${(1 / r.ratio).toFixed(2)}x (at most 3x)`]);
}

const header: Cells = ['benchmark', 'nowan', 'baseline (same run)', 'ratio'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
console.log(`node ${process.version}, ${new Date().toISOString().slice(0, 10)}, median of ${ROUNDS} interleaved rounds after a warm-up; rows naming processes: the median of ${PROCESSES} fresh processes`);
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const r of rows) console.log(line(r));
const out = fileURLToPath(new URL('./bench/results.json', import.meta.url));
mkdirSync(fileURLToPath(new URL('./bench/', import.meta.url)), { recursive: true });
writeFileSync(out, JSON.stringify({ node: process.version, date: new Date().toISOString(), rows: rows.map(([name, ours, baseline, ratio]) => ({ name, ours, baseline, ratio })) }, null, 2) + '\n');
console.log(`(written to scripts/bench/results.json)`);
