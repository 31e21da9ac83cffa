// The conformance suite through a child process: `nowan adapter` gives the model's results, and the
// runner reports a faulty device exactly. Kept apart from conformance.test.ts because each vector
// spawns a process (the mutation run leaves *.process.test.ts out).
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { buildReport, junitXml } from '../conformance/reports.js';
import { runVectors } from '../conformance/runner.js';
import { ProcessTarget } from '../conformance/targets.js';
import { filterVectors, loadVectors } from '../conformance/vectors.js';

const ROOT = fileURLToPath(new URL('../vectors', import.meta.url));
const vectors = loadVectors(ROOT);
const tsx = (script: string) => `"${process.execPath}" --import tsx ${script}`;

describe('vector suite through a process', () => {
  it('passes 100% through `nowan adapter` as a child process, which says who it is', async () => {
    const { dut, results } = await runVectors(vectors, { makeTarget: () => new ProcessTarget(tsx('cli/main.ts adapter'), 60_000) });
    expect(results.filter((r) => !r.passed).map((r) => r.failure)).toEqual([]);
    expect(results.length).toBe(vectors.length);
    expect(dut).toEqual({ name: 'nowan model', version: '0.1.0', protocol: 1 });
  }, 120_000);
});

describe('the runner reports a faulty device', () => {
  it('a wrong CheckDigitError block fails exactly the vectors that expect a block', async () => {
    const shouldFail = vectors.filter((v) => v.steps.some((s) => s.expect && 'block' in s.expect)).map((v) => v.id);
    expect(shouldFail.length).toBeGreaterThan(2);
    const subset = filterVectors(vectors, 'TOK-*');
    const { results } = await runVectors(subset, { makeTarget: () => new ProcessTarget(tsx('scripts/faulty-dut.ts --fault check-digit-block'), 60_000) });
    expect(results.filter((r) => !r.passed).map((r) => r.id)).toEqual(shouldFail);
    const failure = results.find((r) => !r.passed)!.failure!;
    expect(failure).toMatch(/at block: expected 1, actual 2/);
  }, 60_000);

  it('top-ups applied twice fail the published-UTRN vectors with a readable balance mismatch', async () => {
    const run = await runVectors(filterVectors(vectors, 'GBCS-*'), { makeTarget: () => new ProcessTarget(tsx('scripts/faulty-dut.ts --fault double-topup'), 60_000) });
    const results = run.results;
    const failed = results.filter((r) => !r.passed);
    expect(failed.map((r) => r.id)).toEqual(expect.arrayContaining(['GBCS-001', 'GBCS-002', 'GBCS-003', 'GBCS-004', 'GBCS-005']));
    expect(results.find((r) => r.id === 'GBCS-006')!.passed).toBe(true); // nothing topped up
    expect(failed[0]!.failure).toContain('at readout.meterBalance: expected 10000000, actual 20000000');
    const integrity = { manifestSha256: null, signature: 'missing' as const, unmodified: false, modified: [], missing: [], extra: [], files: 0 };
    const xml = junitXml(buildReport(run, { nowanVersion: '0', suiteVersion: '0', integrity, selection: { filter: 'GBCS-*', shard: null, matched: results.length }, transport: 'command', target: 'faulty' }));
    expect(xml).toContain('<failure message="step 1 at readout.meterBalance: expected 10000000, actual 20000000"');
  }, 60_000);

  it('a DUT that crashes fails that vector and the next vector gets a fresh DUT', async () => {
    const subset = filterVectors(vectors, 'PWR-001,PWR-002,TOK-001');
    const { results } = await runVectors(subset, { makeTarget: () => new ProcessTarget(tsx('scripts/faulty-dut.ts --fault crash-on-power'), 60_000) });
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(byId['PWR-001']!.passed).toBe(false);
    expect(byId['PWR-001']!.failure).toMatch(/DUT exited \(code 70\)/);
    expect(byId['TOK-001']!.passed).toBe(true);
  }, 60_000);
});
