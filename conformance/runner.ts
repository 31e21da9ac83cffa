// Run vectors against a device under test. Every fresh DUT is greeted with `hello` first, so the run
// knows which device, firmware version and protocol it tests, and refuses a protocol it does not
// speak. Then one reset per vector, each step's reply partially matched; a crash, a timeout or a lost
// connection fails the vector and the next one gets a fresh DUT. A DUT that cannot be started or
// greeted stops the run: every later vector would only repeat the same failure.
import { firstMismatch, type Mismatch } from './match.js';
import type { Target } from './targets.js';
import type { Vector } from './vectors.js';

/** The protocol version this runner speaks (conformance.md). */
export const PROTOCOL = 1;

export interface DutIdentity {
  name: string;
  version: string;
  protocol: number;
}

export interface VectorResult {
  id: string;
  title: string;
  file: string;
  passed: boolean;
  /** when the vector started (ISO-8601 UTC) */
  startedAt: string;
  durationMs: number;
  /** 0-based index of the failing step; -1 for the reset */
  failedStep?: number;
  failure?: string;
  mismatch?: Mismatch;
  request?: unknown;
  reply?: unknown;
}

export interface RunOptions {
  makeTarget: () => Target;
  onResult?: (r: VectorResult, done: number, total: number) => void;
}

export interface Run {
  dut: DutIdentity;
  startedAt: string;
  endedAt: string;
  results: VectorResult[];
}

/** The run cannot go on: the DUT cannot be started, reached or greeted, or speaks another protocol. */
export class DutUnavailable extends Error {}

function describeFailure(step: number, request: unknown, m: Mismatch, reply: unknown): string {
  return [
    `step ${step} ${JSON.stringify(request)}`,
    `  at ${m.path}: expected ${JSON.stringify(m.expected)}, actual ${JSON.stringify(m.actual)}`,
    `  reply: ${JSON.stringify(reply).slice(0, 2000)}`,
  ].join('\n');
}

const text = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 200;

/** Open a DUT and check its hello; throws DutUnavailable (after closing it) if it will not do. */
async function greet(target: Target, known: DutIdentity | null): Promise<DutIdentity> {
  let reply: unknown;
  try {
    await target.open();
    reply = await target.send({ op: 'hello' });
  } catch (e) {
    await target.close();
    throw new DutUnavailable(`the DUT did not start or answer hello: ${(e as Error).message}`);
  }
  const r = reply as Record<string, unknown> | null;
  const shown = JSON.stringify(reply).slice(0, 300);
  let problem: string | null = null;
  if (r === null || typeof r !== 'object' || r.ok !== true || !Number.isInteger(r.protocol)) problem = `the DUT's hello reply is not {"ok":true,"protocol":${PROTOCOL},"name","version"}: ${shown}`;
  else if (r.protocol !== PROTOCOL) problem = `the DUT speaks protocol ${r.protocol}; this runner speaks protocol ${PROTOCOL} (conformance.md)`;
  else if (!text(r.name) || !text(r.version)) problem = `the DUT's hello reply needs a name and a version (strings of 1..200 characters): ${shown}`;
  if (problem) {
    await target.close();
    throw new DutUnavailable(problem);
  }
  const dut = { name: r!.name as string, version: r!.version as string, protocol: PROTOCOL };
  if (known && (known.name !== dut.name || known.version !== dut.version)) {
    await target.close();
    throw new DutUnavailable(`a different DUT answered after a restart: ${dut.name} ${dut.version}, the run started with ${known.name} ${known.version}`);
  }
  return dut;
}

export async function runVectors(vectors: Vector[], options: RunOptions): Promise<Run> {
  const startedAt = new Date().toISOString();
  const results: VectorResult[] = [];
  const first = options.makeTarget();
  const dut = await greet(first, null);
  let target: Target | null = first;
  try {
    for (const v of vectors) {
      if (!target) {
        const fresh = options.makeTarget();
        await greet(fresh, dut);
        target = fresh;
      }
      const vectorStart = new Date().toISOString();
      const started = performance.now();
      const base = { id: v.id, title: v.title, file: v.file, startedAt: vectorStart, durationMs: 0 };
      let result: VectorResult;
      try {
        result = await runOne(v, target, base);
      } catch (e) {
        // A crash, timeout or lost connection: fail this vector, a fresh DUT for the next.
        result = { ...base, passed: false, failure: `DUT failed: ${(e as Error).message}` };
        await target.close();
        target = null;
      }
      result.durationMs = Math.round(performance.now() - started);
      results.push(result);
      options.onResult?.(result, results.length, vectors.length);
    }
  } finally {
    await target?.close();
  }
  return { dut, startedAt, endedAt: new Date().toISOString(), results };
}

type Base = Pick<VectorResult, 'id' | 'title' | 'file' | 'startedAt' | 'durationMs'>;

async function runOne(v: Vector, target: Target, base: Base): Promise<VectorResult> {
  const resetReply = await target.send({ op: 'reset', meter: v.meter, time: v.time });
  const rm = firstMismatch({ ok: true }, resetReply);
  // The configuration carries key material: reports name the vector file instead of repeating it.
  const shown = { op: 'reset', meter: `(the meter of ${v.file})`, time: v.time };
  if (rm) return { ...base, passed: false, failedStep: -1, mismatch: rm, request: shown, reply: resetReply, failure: describeFailure(-1, shown, rm, resetReply) };
  for (const [i, step] of v.steps.entries()) {
    const { expect, ...request } = step;
    const reply = await target.send(request);
    const m = expect ? firstMismatch(expect, reply) : null;
    if (m) return { ...base, passed: false, failedStep: i, mismatch: m, request, reply, failure: describeFailure(i, request, m, reply) };
  }
  return { ...base, passed: true };
}
