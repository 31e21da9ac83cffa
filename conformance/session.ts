// One conformance run from start to report, shared by `nowan conformance` and the library's
// runConformance: the suite read once and checked against its signed manifest, the vectors
// selected from those same bytes, the run, and the report.
import { checkIntegrity, type Integrity } from './manifest.js';
import { buildReport, type Report } from './reports.js';
import { runVectors, type VectorResult } from './runner.js';
import { NOWAN_VERSION } from './suite.js';
import type { TargetSpec } from './targets.js';
import { filterVectors, readSuiteFiles, shardVectors, vectorsOf, type Vector } from './vectors.js';

export interface Selection {
  integrity: Integrity;
  filter: string | null;
  shard: { index: number; count: number } | null;
  /** what the filter selected, before sharding */
  matched: Vector[];
  vectors: Vector[];
}

/** Read and check the suite under `root` and select from it; throws if nothing is selected. */
export function selectVectors(root: string, filter?: string, shard?: { index: number; count: number }): Selection {
  const files = readSuiteFiles(root);
  const matched = filterVectors(vectorsOf(files), filter);
  const vectors = shardVectors(matched, shard);
  if (vectors.length === 0) throw new Error(filter ? `--filter ${filter} selects no vectors` : 'no vectors selected');
  return { integrity: checkIntegrity(files), filter: filter ?? null, shard: shard ?? null, matched, vectors };
}

/** Run a selection against a target; rejects with DutUnavailable if the DUT cannot be started or greeted. */
export async function runSelection(s: Selection, target: TargetSpec, timeoutMs: number, onResult?: (r: VectorResult, done: number, total: number) => void): Promise<Report> {
  const run = await runVectors(s.vectors, { makeTarget: () => target.make(timeoutMs), onResult });
  return buildReport(run, {
    nowanVersion: NOWAN_VERSION,
    suiteVersion: NOWAN_VERSION,
    integrity: s.integrity,
    selection: { filter: s.filter, shard: s.shard, matched: s.matched.length },
    transport: target.transport,
    target: target.target,
  });
}
