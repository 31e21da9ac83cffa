// Loading and selecting vector files: JSON Schema validation (ajv), stable order, filter and shards.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
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

/** A vector file larger than this is refused: the suite's largest is a few kB. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Every file of a suite read once, so the bytes the manifest check hashes are the bytes the run
 * parses. `hashed` (schema and vectors, by path relative to the root with `/`) is what the manifest
 * lists; the manifest, signature and public key are absent when their file is.
 */
export interface SuiteFiles {
  hashed: Map<string, Buffer>;
  manifest?: Buffer;
  signature?: Buffer;
  publicKey?: Buffer;
}

function readBounded(path: string): Buffer {
  const size = statSync(path).size;
  if (size > MAX_FILE_BYTES) throw new Error(`${path}: ${size} bytes, more than a vector file may have (${MAX_FILE_BYTES})`);
  return readFileSync(path);
}

export function readSuiteFiles(root: string): SuiteFiles {
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`${root}: not a vector folder`);
  const rel = (p: string) => relative(root, p).split(sep).join('/');
  const hashed = new Map<string, Buffer>();
  const schema = join(root, 'schema.json');
  if (existsSync(schema)) hashed.set('schema.json', readBounded(schema));
  for (const p of listVectorFiles(root)) hashed.set(rel(p), readBounded(p));
  const optional = (name: string) => (existsSync(join(root, name)) ? readBounded(join(root, name)) : undefined);
  return { hashed, manifest: optional('manifest.json'), signature: optional('manifest.sig'), publicKey: optional('signing-key.pub') };
}

/** Load and validate every vector under `root`; throws with every problem listed. */
export function loadVectors(root: string): Vector[] {
  return vectorsOf(readSuiteFiles(root));
}

/** Validate and parse the vectors of a suite already read; throws with every problem listed. */
export function vectorsOf(suite: SuiteFiles): Vector[] {
  const schemaBytes = suite.hashed.get('schema.json');
  if (!schemaBytes) throw new Error('invalid vectors: schema.json is missing');
  const validate = new Ajv({ allErrors: true }).compile(JSON.parse(schemaBytes.toString('utf8')));
  const problems: string[] = [];
  const vectors: Vector[] = [];
  const ids = new Map<string, string>();
  for (const [file, bytes] of suite.hashed) {
    if (file === 'schema.json') continue;
    let data: unknown;
    try {
      data = JSON.parse(bytes.toString('utf8'));
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
