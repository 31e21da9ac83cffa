// Run vectors against a device under test: one fresh reset per vector, each step's reply partially
// matched; a crash or a step timeout fails the vector and the next one gets a fresh DUT.
import { firstMismatch, type Mismatch } from './match.js';
import type { Target } from './targets.js';
import type { Vector } from './vectors.js';

export interface VectorResult {
  id: string;
  title: string;
  file: string;
  passed: boolean;
  ms: number;
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

function describeFailure(step: number, request: unknown, m: Mismatch, reply: unknown): string {
  return [
    `step ${step} ${JSON.stringify(request)}`,
    `  at ${m.path}: expected ${JSON.stringify(m.expected)}, actual ${JSON.stringify(m.actual)}`,
    `  reply: ${JSON.stringify(reply).slice(0, 2000)}`,
  ].join('\n');
}

export async function runVectors(vectors: Vector[], options: RunOptions): Promise<VectorResult[]> {
  const results: VectorResult[] = [];
  let target: Target | null = null;
  for (const v of vectors) {
    target ??= options.makeTarget();
    const started = performance.now();
    const base = { id: v.id, title: v.title, file: v.file };
    let result: VectorResult;
    try {
      result = await runOne(v, target, base);
    } catch (e) {
      // A crash or timeout: fail this vector, start a fresh DUT for the next.
      result = { ...base, passed: false, ms: 0, failure: `DUT failed: ${(e as Error).message}` };
      target.close();
      target = null;
    }
    result.ms = Math.round(performance.now() - started);
    results.push(result);
    options.onResult?.(result, results.length, vectors.length);
  }
  target?.close();
  return results;
}

async function runOne(v: Vector, target: Target, base: Pick<VectorResult, 'id' | 'title' | 'file'>): Promise<VectorResult> {
  const reset = { op: 'reset', meter: v.meter, time: v.time };
  const resetReply = await target.send(reset);
  const rm = firstMismatch({ ok: true }, resetReply);
  if (rm) return { ...base, passed: false, ms: 0, failedStep: -1, mismatch: rm, request: reset, reply: resetReply, failure: describeFailure(-1, reset, rm, resetReply) };
  for (const [i, step] of v.steps.entries()) {
    const { expect, ...request } = step;
    const reply = await target.send(request);
    const m = expect ? firstMismatch(expect, reply) : null;
    if (m) return { ...base, passed: false, ms: 0, failedStep: i, mismatch: m, request, reply, failure: describeFailure(i, request, m, reply) };
  }
  return { ...base, passed: true, ms: 0 };
}
