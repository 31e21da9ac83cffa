// `nowan conformance merge`: shard reports back into the report the unsharded run would have given.
// Every input is validated; the shards must come from the same suite, DUT, runner and filter, and
// be exactly shards 1..n of n. The merged report equals the unsharded one on everything but the
// timing fields (reports.ts withoutTiming): its start is the earliest shard's, its end the latest's.
import { isDeepStrictEqual } from 'node:util';
import { Ajv } from 'ajv';
import { areaCounts, REPORT_FORMAT, type Report } from './reports.js';

const strings = { type: 'array', items: { type: 'string' } };
const time = { type: 'string', pattern: '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z$' };
const count = { type: 'integer', minimum: 0 };

const REPORT_SCHEMA = {
  type: 'object',
  required: ['format', 'formatVersion', 'nowanVersion', 'suite', 'selection', 'dut', 'startedAt', 'endedAt', 'durationMs', 'total', 'passed', 'failed', 'areas', 'results'],
  properties: {
    format: { const: REPORT_FORMAT },
    formatVersion: { const: 1 },
    nowanVersion: { type: 'string' },
    suite: {
      type: 'object',
      required: ['version', 'status', 'manifestSha256', 'signature', 'modified', 'missing', 'extra', 'files'],
      properties: { version: { type: 'string' }, status: { enum: ['unmodified', 'modified'] }, manifestSha256: { type: ['string', 'null'] }, signature: { enum: ['valid', 'invalid', 'missing'] }, modified: strings, missing: strings, extra: strings, files: count },
    },
    selection: {
      type: 'object',
      required: ['filter', 'shard', 'matched'],
      properties: {
        filter: { type: ['string', 'null'] },
        shard: { oneOf: [{ type: 'null' }, { type: 'object', required: ['index', 'count'], properties: { index: { type: 'integer', minimum: 1 }, count: { type: 'integer', minimum: 1 } } }] },
        matched: count,
      },
    },
    dut: { type: 'object', required: ['name', 'version', 'protocol', 'transport', 'target'], properties: { name: { type: 'string' }, version: { type: 'string' }, protocol: { type: 'integer' }, transport: { type: 'string' }, target: { type: 'string' } } },
    startedAt: time,
    endedAt: time,
    durationMs: count,
    total: count,
    passed: count,
    failed: count,
    areas: { type: 'object' },
    results: {
      type: 'array',
      items: { type: 'object', required: ['id', 'title', 'file', 'passed', 'startedAt', 'durationMs'], properties: { id: { type: 'string' }, title: { type: 'string' }, file: { type: 'string' }, passed: { type: 'boolean' }, startedAt: time, durationMs: count, failedStep: { type: 'integer' }, failure: { type: 'string' } } },
    },
  },
};

const validate = new Ajv({ allErrors: true }).compile(REPORT_SCHEMA);

/** Check one report read from a file; throws naming the file and every problem. */
export function parseReport(data: unknown, name: string): Report {
  if (!validate(data)) throw new Error(`${name}: not a nowan conformance report: ${validate.errors!.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`);
  const r = data as unknown as Report;
  const passed = r.results.filter((x) => x.passed).length;
  if (r.total !== r.results.length || r.passed !== passed || r.failed !== r.total - passed) throw new Error(`${name}: its totals do not match its results`);
  return r;
}

export function mergeReports(reports: { name: string; report: Report }[]): Report {
  if (reports.length === 0) throw new Error('merge needs at least one report');
  const [first, ...rest] = reports;
  const base = first!.report;
  for (const { name, report } of reports) if (!report.selection.shard) throw new Error(`${name}: not a shard report (it has no --shard)`);
  const count = base.selection.shard!.count;
  for (const { name, report } of rest) {
    const same = (what: string, a: unknown, b: unknown) => {
      if (!isDeepStrictEqual(a, b)) throw new Error(`${name}: its ${what} differs from ${first!.name}'s: ${JSON.stringify(b)} vs ${JSON.stringify(a)}`);
    };
    same('nowan version', base.nowanVersion, report.nowanVersion);
    same('suite', base.suite, report.suite);
    same('DUT', base.dut, report.dut);
    same('filter', base.selection.filter, report.selection.filter);
    same('matched vector count', base.selection.matched, report.selection.matched);
    same('shard count', count, report.selection.shard!.count);
  }
  const seen = new Map<number, string>();
  for (const { name, report } of reports) {
    const i = report.selection.shard!.index;
    if (seen.has(i)) throw new Error(`${name}: shard ${i}/${count} is also given as ${seen.get(i)}`);
    seen.set(i, name);
  }
  const absent = Array.from({ length: count }, (_, k) => k + 1).filter((i) => !seen.has(i));
  if (absent.length) throw new Error(`shard${absent.length > 1 ? 's' : ''} ${absent.map((i) => `${i}/${count}`).join(', ')} missing: the merge would not be the whole run`);
  const results = reports.flatMap((r) => r.report.results).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const dup = results.find((r, k) => k > 0 && results[k - 1]!.id === r.id);
  if (dup) throw new Error(`vector ${dup.id} is in more than one shard`);
  if (results.length !== base.selection.matched) throw new Error(`the shards hold ${results.length} vectors, the filter selected ${base.selection.matched}`);
  const startedAt = reports.map((r) => r.report.startedAt).sort()[0]!;
  const endedAt = reports.map((r) => r.report.endedAt).sort().at(-1)!;
  const passed = results.filter((r) => r.passed).length;
  return {
    ...base,
    selection: { filter: base.selection.filter, shard: null, matched: base.selection.matched },
    startedAt,
    endedAt,
    durationMs: Date.parse(endedAt) - Date.parse(startedAt),
    total: results.length,
    passed,
    failed: results.length - passed,
    areas: areaCounts(results),
    results,
  };
}
