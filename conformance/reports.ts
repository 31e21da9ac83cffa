// The run's report: one JSON document holding everything a certificate needs (suite identity and
// integrity, DUT identity, times, every vector's result and duration, per-area counts), and the
// views made from it: the per-area table, JUnit XML, the certificates (certificate.ts). Shard
// reports merge into the report of the unsharded run (merge.ts).
import type { Integrity } from './manifest.js';
import type { DutIdentity, Run, VectorResult } from './runner.js';
import type { Transport } from './targets.js';
import { areaOf } from './vectors.js';

export const REPORT_FORMAT = 'nowan-conformance-report';

export interface AreaCount {
  total: number;
  passed: number;
  failed: number;
}

export interface Report {
  format: typeof REPORT_FORMAT;
  formatVersion: 1;
  nowanVersion: string;
  suite: {
    /** the nowan release the vectors were published with; the manifest hash names the exact bytes */
    version: string;
    status: 'unmodified' | 'modified';
  } & Omit<Integrity, 'unmodified'>;
  selection: {
    filter: string | null;
    shard: { index: number; count: number } | null;
    /** vectors the filter selected, before sharding */
    matched: number;
  };
  dut: DutIdentity & { transport: Transport; target: string };
  startedAt: string;
  endedAt: string;
  durationMs: number;
  total: number;
  passed: number;
  failed: number;
  areas: Record<string, AreaCount>;
  results: VectorResult[];
}

export interface ReportContext {
  nowanVersion: string;
  suiteVersion: string;
  integrity: Integrity;
  selection: Report['selection'];
  transport: Transport;
  target: string;
}

export function areaCounts(results: VectorResult[]): Record<string, AreaCount> {
  const areas: Record<string, AreaCount> = {};
  for (const r of [...results].sort((a, b) => areaOf(a.id).localeCompare(areaOf(b.id)))) {
    const a = (areas[areaOf(r.id)] ??= { total: 0, passed: 0, failed: 0 });
    a.total++;
    if (r.passed) a.passed++;
    else a.failed++;
  }
  return areas;
}

export function buildReport(run: Run, ctx: ReportContext): Report {
  const { unmodified, ...integrity } = ctx.integrity;
  const results = [...run.results].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const passed = results.filter((r) => r.passed).length;
  return {
    format: REPORT_FORMAT,
    formatVersion: 1,
    nowanVersion: ctx.nowanVersion,
    suite: { version: ctx.suiteVersion, status: unmodified ? 'unmodified' : 'modified', ...integrity },
    selection: ctx.selection,
    dut: { ...run.dut, transport: ctx.transport, target: ctx.target },
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    durationMs: Date.parse(run.endedAt) - Date.parse(run.startedAt),
    total: results.length,
    passed,
    failed: results.length - passed,
    areas: areaCounts(results),
    results,
  };
}

/**
 * The report without its timing fields (`startedAt`, `endedAt`, `durationMs`, and each result's
 * `startedAt` and `durationMs`): what two runs of the same suite against the same DUT must agree on,
 * sharded or not.
 */
export function withoutTiming(report: Report): Omit<Report, 'startedAt' | 'endedAt' | 'durationMs'> {
  const { startedAt, endedAt, durationMs, ...rest } = report;
  return { ...rest, results: report.results.map(({ startedAt: _s, durationMs: _d, ...r }) => r as VectorResult) };
}

export function areaTable(report: Pick<Report, 'areas' | 'passed' | 'failed'>): string {
  const lines = ['area   pass  fail', '-----  ----  ----'];
  for (const [area, c] of Object.entries(report.areas)) lines.push(`${area.padEnd(5)}  ${String(c.passed).padStart(4)}  ${String(c.failed).padStart(4)}`);
  lines.push(`total  ${String(report.passed).padStart(4)}  ${String(report.failed).padStart(4)}`);
  return lines.join('\n');
}

/** Where the suite stands, in one line: `published suite, unmodified (manifest SHA-256 …)` or MODIFIED. */
export function suiteLine(suite: Report['suite']): string {
  if (suite.status === 'unmodified') return `published suite ${suite.version}, unmodified (manifest SHA-256 ${suite.manifestSha256}, signature valid)`;
  const parts = [`signature ${suite.signature}`];
  if (suite.unreadable) parts.push(suite.unreadable);
  if (suite.modified.length) parts.push(`modified: ${suite.modified.join(', ')}`);
  if (suite.missing.length) parts.push(`missing: ${suite.missing.join(', ')}`);
  if (suite.extra.length) parts.push(`extra: ${suite.extra.join(', ')}`);
  return `MODIFIED suite (manifest SHA-256 ${suite.manifestSha256 ?? 'none'}; ${parts.join('; ')})`;
}

/** A failed vector's first mismatching step, in one line. */
export function failureLine(r: VectorResult): string {
  if (r.mismatch) return `step ${r.failedStep} at ${r.mismatch.path}: expected ${JSON.stringify(r.mismatch.expected)}, actual ${JSON.stringify(r.mismatch.actual)}`;
  return r.failure ?? 'failed';
}

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** JUnit timestamps as the Ant schema has them: local date-time without a zone, here always UTC. */
const junitTime = (iso: string) => iso.replace(/\.\d+Z$|Z$/, '');
const seconds = (ms: number) => (ms / 1000).toFixed(3);

export function junitXml(report: Report, suiteName = 'nowan conformance'): string {
  const properties = [
    ['nowan.version', report.nowanVersion],
    ['suite.version', report.suite.version],
    ['suite.status', report.suite.status],
    ['suite.manifestSha256', report.suite.manifestSha256 ?? ''],
    ['suite.signature', report.suite.signature],
    ['dut.name', report.dut.name],
    ['dut.version', report.dut.version],
    ['dut.protocol', String(report.dut.protocol)],
    ['dut.transport', report.dut.transport],
    ['dut.target', report.dut.target],
    ['selection.filter', report.selection.filter ?? ''],
    ['selection.shard', report.selection.shard ? `${report.selection.shard.index}/${report.selection.shard.count}` : ''],
  ]
    .map(([name, value]) => `      <property name="${xml(name!)}" value="${xml(value!)}"/>`)
    .join('\n');
  const byArea = new Map<string, VectorResult[]>();
  for (const r of report.results) byArea.set(areaOf(r.id), [...(byArea.get(areaOf(r.id)) ?? []), r]);
  const total = (rs: VectorResult[]) => seconds(rs.reduce((a, r) => a + r.durationMs, 0));
  const out = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="${xml(suiteName)}" tests="${report.total}" failures="${report.failed}" errors="0" time="${total(report.results)}" timestamp="${junitTime(report.startedAt)}">`,
  ];
  for (const [area, rs] of [...byArea.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const f = rs.filter((r) => !r.passed).length;
    const first = rs.map((r) => r.startedAt).sort()[0]!;
    out.push(`  <testsuite name="${xml(area)}" tests="${rs.length}" failures="${f}" errors="0" skipped="0" time="${total(rs)}" timestamp="${junitTime(first)}">`);
    out.push('    <properties>', properties, '    </properties>');
    for (const r of rs) {
      const open = `    <testcase classname="${xml(area)}" name="${xml(`${r.id} ${r.title}`)}" file="${xml(r.file)}" time="${seconds(r.durationMs)}"`;
      if (r.passed) out.push(`${open}/>`);
      else out.push(`${open}>`, `      <failure message="${xml(failureLine(r).slice(0, 500))}">${xml(r.failure ?? failureLine(r))}</failure>`, `    </testcase>`);
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

export function jsonReport(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
