// The whole conformance suite against the model in process, and the signed manifest. The runs
// through a child process are in conformance.process.test.ts.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { firstMismatch } from '../conformance/match.js';
import { runVectors } from '../conformance/runner.js';
import { ModelTarget } from '../conformance/targets.js';
import { loadVectors, shardVectors } from '../conformance/vectors.js';

const ROOT = fileURLToPath(new URL('../vectors', import.meta.url));
const vectors = loadVectors(ROOT);

describe('partial matching (conformance.md 4)', () => {
  it('checks only the keys given, arrays by length and element', () => {
    expect(firstMismatch({ a: 1 }, { a: 1, b: 2 })).toBeNull();
    expect(firstMismatch({ a: [{ x: 1 }] }, { a: [{ x: 1, y: 2 }] })).toBeNull();
    expect(firstMismatch({ a: [{ x: 1 }] }, { a: [{ x: 1 }, { x: 2 }] })).toMatchObject({ path: 'a' });
    expect(firstMismatch({ r: { b: null } }, { r: { b: 0 } })).toMatchObject({ path: 'r.b', expected: null, actual: 0 });
  });
});

describe('vector suite', () => {
  it('has at least 150 vectors over every area', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(150);
    const areas = new Set(vectors.map((v) => v.id.split('-')[0]));
    expect([...areas].sort()).toEqual(['CAL', 'ENV', 'GBCS', 'HAN', 'PAY', 'PWR', 'SUP', 'TOK']);
  });

  it('shards split the suite into disjoint parts that cover it', () => {
    const parts = [1, 2, 3].map((index) => shardVectors(vectors, { index, count: 3 }).map((v) => v.id));
    expect(parts.flat().sort()).toEqual(vectors.map((v) => v.id).sort());
    expect(new Set(parts.flat()).size).toBe(vectors.length);
  });

  // One test a vector, so a failure names its vector and the mutation run's per-test coverage runs
  // only the vectors that reach a mutant.
  describe('passes against the model in process', () => {
    for (const vector of vectors) {
      it(vector.id, async () => {
        const { results: [result] } = await runVectors([vector], { makeTarget: () => new ModelTarget() });
        expect(result!.failure).toBeUndefined();
        expect(result!.passed).toBe(true);
      });
    }
  });
});

describe('signed manifest', () => {
  it('the committed manifest is signed and matches every vector file', async () => {
    const { verifyManifest } = await import('../conformance/manifest.js');
    expect(verifyManifest(ROOT)).toMatchObject({ ok: true, problems: [] });
  });

  it('a modified or unlisted vector is reported', async () => {
    const { mkdtempSync, cpSync, appendFileSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { verifyManifest } = await import('../conformance/manifest.js');
    const copy = join(mkdtempSync(join(tmpdir(), 'nowan-vectors-')), 'vectors');
    cpSync(ROOT, copy, { recursive: true });
    appendFileSync(join(copy, 'TOK', 'TOK-001.json'), ' ');
    writeFileSync(join(copy, 'TOK', 'TOK-999.json'), '{}');
    const r = verifyManifest(copy);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual(['TOK/TOK-001.json was modified (SHA-256 differs)', 'TOK/TOK-999.json is not in the manifest']);
  });
});
