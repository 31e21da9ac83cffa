// The whole conformance suite against the model in process, a subset through `nowan adapter` as a
// child process, and proof that the runner reports a faulty device exactly.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { firstMismatch } from '../conformance/match.js';
import { junitXml } from '../conformance/reports.js';
import { runVectors } from '../conformance/runner.js';
import { ModelTarget, ProcessTarget } from '../conformance/targets.js';
import { filterVectors, loadVectors, shardVectors } from '../conformance/vectors.js';

const ROOT = fileURLToPath(new URL('../vectors', import.meta.url));
const vectors = loadVectors(ROOT);
const tsx = (script: string) => `"${process.execPath}" --import tsx ${script}`;

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

  it('passes 100% against the model in process', async () => {
    const results = await runVectors(vectors, { makeTarget: () => new ModelTarget() });
    expect(results.filter((r) => !r.passed).map((r) => `${r.id}: ${r.failure}`)).toEqual([]);
  });

  it('gives the same results through `nowan adapter` as a child process', async () => {
    const subset = filterVectors(vectors, 'GBCS-00?,TOK-04*,PWR-*,ENV-001');
    const results = await runVectors(subset, { makeTarget: () => new ProcessTarget(tsx('cli/main.ts adapter')) });
    expect(results.filter((r) => !r.passed).map((r) => r.failure)).toEqual([]);
    expect(results.length).toBe(subset.length);
  }, 60_000);
});

describe('the runner reports a faulty device', () => {
  it('a wrong CheckDigitError block fails exactly the vectors that expect a block', async () => {
    const shouldFail = vectors.filter((v) => v.steps.some((s) => s.expect && 'block' in s.expect)).map((v) => v.id);
    expect(shouldFail.length).toBeGreaterThan(2);
    const subset = filterVectors(vectors, 'TOK-*');
    const results = await runVectors(subset, { makeTarget: () => new ProcessTarget(tsx('scripts/faulty-dut.ts --fault check-digit-block')) });
    expect(results.filter((r) => !r.passed).map((r) => r.id)).toEqual(shouldFail);
    const failure = results.find((r) => !r.passed)!.failure!;
    expect(failure).toMatch(/at block: expected 1, actual 2/);
  }, 60_000);

  it('top-ups applied twice fail the published-UTRN vectors with a readable balance mismatch', async () => {
    const results = await runVectors(filterVectors(vectors, 'GBCS-*'), { makeTarget: () => new ProcessTarget(tsx('scripts/faulty-dut.ts --fault double-topup')) });
    const failed = results.filter((r) => !r.passed);
    expect(failed.map((r) => r.id)).toEqual(expect.arrayContaining(['GBCS-001', 'GBCS-002', 'GBCS-003', 'GBCS-004', 'GBCS-005']));
    expect(results.find((r) => r.id === 'GBCS-006')!.passed).toBe(true); // nothing topped up
    expect(failed[0]!.failure).toContain('at readout.meterBalance: expected 10000000, actual 20000000');
    const xml = junitXml(results);
    expect(xml).toContain('<failure message="step 1 at readout.meterBalance: expected 10000000, actual 20000000"');
  }, 60_000);

  it('a DUT that crashes fails that vector and the next vector gets a fresh DUT', async () => {
    const subset = filterVectors(vectors, 'PWR-001,PWR-002,TOK-001');
    const results = await runVectors(subset, { makeTarget: () => new ProcessTarget(tsx('scripts/faulty-dut.ts --fault crash-on-power')) });
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(byId['PWR-001']!.passed).toBe(false);
    expect(byId['PWR-001']!.failure).toMatch(/DUT exited \(code 70\)/);
    expect(byId['TOK-001']!.passed).toBe(true);
  }, 60_000);
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
