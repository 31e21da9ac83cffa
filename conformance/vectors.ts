// Loading and selecting vector files: JSON Schema validation (ajv), stable order, filter and shards.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Ajv } from 'ajv';

export interface Step {
  op: string;
  expect?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface Vector {
  id: string;
  title: string;
  notes?: string;
  refs: string[];
  tags: string[];
  meter: Record<string, unknown>;
  time: string;
  steps: Step[];
  /** path relative to the vector root */
  file: string;
}

export function listVectorFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.json') && name !== 'schema.json' && name !== 'manifest.json') out.push(path);
    }
  };
  walk(root);
  return out;
}

/** Load and validate every vector under `root`; throws with every problem listed. */
export function loadVectors(root: string): Vector[] {
  const schema = JSON.parse(readFileSync(join(root, 'schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true }).compile(schema);
  const problems: string[] = [];
  const vectors: Vector[] = [];
  const ids = new Map<string, string>();
  for (const path of listVectorFiles(root)) {
    const file = relative(root, path);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      problems.push(`${file}: not JSON (${(e as Error).message})`);
      continue;
    }
    if (!validate(data)) {
      problems.push(`${file}: ${validate.errors!.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`);
      continue;
    }
    const v = { ...(data as Omit<Vector, 'file'>), file };
    if (ids.has(v.id)) problems.push(`${file}: id ${v.id} is also used by ${ids.get(v.id)}`);
    ids.set(v.id, file);
    vectors.push(v);
  }
  if (problems.length) throw new Error(`invalid vectors:\n  ${problems.join('\n  ')}`);
  return vectors.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** Vectors whose id matches any of the comma-separated globs. */
export function filterVectors(vectors: Vector[], filter?: string): Vector[] {
  if (!filter) return vectors;
  const res = filter.split(',').map((g) => globToRegExp(g.trim()));
  return vectors.filter((v) => res.some((r) => r.test(v.id)));
}

/** Shard i of n (1-based): every n-th vector of the id-sorted list, so shards are stable and balanced. */
export function shardVectors(vectors: Vector[], shard?: { index: number; count: number }): Vector[] {
  if (!shard) return vectors;
  return vectors.filter((_, i) => i % shard.count === shard.index - 1);
}

export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new Error(`--shard must be i/n with 1 <= i <= n, got ${JSON.stringify(text)}`);
  return { index, count };
}

export function areaOf(id: string): string {
  return id.split('-')[0]!;
}
