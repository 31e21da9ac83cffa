// Reports: the per-area table, JUnit XML (one testcase per vector, failure text = the first mismatching
// step), and a JSON summary.
import type { VectorResult } from './runner.js';
import { areaOf } from './vectors.js';

export function areaTable(results: VectorResult[]): string {
  const areas = new Map<string, { pass: number; fail: number }>();
  for (const r of results) {
    const a = areas.get(areaOf(r.id)) ?? { pass: 0, fail: 0 };
    if (r.passed) a.pass++;
    else a.fail++;
    areas.set(areaOf(r.id), a);
  }
  const rows = [...areas.entries()].sort(([a], [b]) => a.localeCompare(b));
  const total = results.filter((r) => r.passed).length;
  const lines = ['area   pass  fail', '-----  ----  ----'];
  for (const [area, c] of rows) lines.push(`${area.padEnd(5)}  ${String(c.pass).padStart(4)}  ${String(c.fail).padStart(4)}`);
  lines.push(`total  ${String(total).padStart(4)}  ${String(results.length - total).padStart(4)}`);
  return lines.join('\n');
}

const xml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function junitXml(results: VectorResult[], suiteName = 'nowan conformance'): string {
  const byArea = new Map<string, VectorResult[]>();
  for (const r of results) byArea.set(areaOf(r.id), [...(byArea.get(areaOf(r.id)) ?? []), r]);
  const failures = results.filter((r) => !r.passed).length;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const out = [`<?xml version="1.0" encoding="UTF-8"?>`, `<testsuites name="${xml(suiteName)}" tests="${results.length}" failures="${failures}" time="${seconds(results.reduce((a, r) => a + r.ms, 0))}">`];
  for (const [area, rs] of [...byArea.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const f = rs.filter((r) => !r.passed).length;
    out.push(`  <testsuite name="${xml(area)}" tests="${rs.length}" failures="${f}" time="${seconds(rs.reduce((a, r) => a + r.ms, 0))}">`);
    for (const r of rs) {
      const open = `    <testcase classname="${xml(area)}" name="${xml(`${r.id} ${r.title}`)}" file="${xml(r.file)}" time="${seconds(r.ms)}"`;
      if (r.passed) out.push(`${open}/>`);
      else {
        const message = r.mismatch ? `step ${r.failedStep} at ${r.mismatch.path}: expected ${JSON.stringify(r.mismatch.expected)}, actual ${JSON.stringify(r.mismatch.actual)}` : (r.failure ?? 'failed');
        out.push(`${open}>`, `      <failure message="${xml(message.slice(0, 500))}">${xml(r.failure ?? message)}</failure>`, `    </testcase>`);
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

export function jsonReport(results: VectorResult[], target: string): string {
  const passed = results.filter((r) => r.passed).length;
  return JSON.stringify({ target, total: results.length, passed, failed: results.length - passed, results }, null, 2) + '\n';
}
