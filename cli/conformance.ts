// `nowan conformance`: run the published vectors against the model or a device under test, and
// `nowan conformance merge`: shard reports into one.
//
// Exit codes: 0 every vector passed on the published suite; 1 a vector failed; 2 a bad option or
// input (nothing run); 3 the DUT could not be started, reached or greeted, or speaks another
// protocol (the run stopped); 4 the suite is not the published one and --allow-modified was not
// given (the run still happens and its reports say MODIFIED).
import { extname } from 'node:path';
import { Command } from 'commander';
import { certificateHtml, certificateMarkdown } from '../conformance/certificate.js';
import { integrityProblems } from '../conformance/manifest.js';
import { mergeReports, parseReport } from '../conformance/merge.js';
import { areaTable, jsonReport, junitXml, suiteLine, type Report } from '../conformance/reports.js';
import { DutUnavailable } from '../conformance/runner.js';
import { runSelection, selectVectors } from '../conformance/session.js';
import { parseTarget } from '../conformance/targets.js';
import { parseShard } from '../conformance/vectors.js';
import { assertWritable, readJsonFile, summaryStream, writeOutput } from './files.js';
import { VECTOR_ROOT } from '../conformance/suite.js';

export { VECTOR_ROOT };

export const EXIT = { failed: 1, dutUnavailable: 3, modified: 4 } as const;

/** An hour: no single step of any vector should take longer, even on a slow debug port. */
const MAX_TIMEOUT_MS = 3_600_000;

function progress(done: number, total: number, failed: number): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${failed ? ` (${failed} failed)` : ''}`;
}

function parseTimeout(text: string): number {
  const ms = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
  if (!(ms >= 1 && ms <= MAX_TIMEOUT_MS)) throw new Error(`--timeout must be a whole number of milliseconds 1..${MAX_TIMEOUT_MS}, got ${JSON.stringify(text)}`);
  return ms;
}

interface Outputs {
  junit?: string;
  json?: string;
  report?: string;
}

/** Every output path checked before anything runs, so a typo does not cost a whole run. */
function checkOutputs(o: Outputs): void {
  if (o.report !== undefined && !['.html', '.md'].includes(extname(o.report).toLowerCase())) throw new Error(`--report ${o.report}: must end in .html or .md`);
  const given = Object.entries(o).filter(([, p]) => p !== undefined) as [string, string][];
  for (const [option, path] of given) assertWritable(path, `--${option}`);
  const paths = given.map(([, p]) => p);
  if (new Set(paths).size !== paths.length) throw new Error('--junit, --json and --report must be different files (and at most one of them -, standard output)');
}

function writeOutputs(report: Report, o: Outputs): void {
  if (o.junit) writeOutput(o.junit, junitXml(report));
  if (o.json) writeOutput(o.json, jsonReport(report));
  if (o.report) writeOutput(o.report, extname(o.report).toLowerCase() === '.html' ? certificateHtml(report) : certificateMarkdown(report));
}

function summary(report: Report): string {
  const d = report.dut;
  return [areaTable(report), `suite: ${suiteLine(report.suite)}`, `DUT: ${d.name} ${d.version} (protocol ${d.protocol}) via ${d.transport} ${d.target}`].join('\n') + '\n';
}

interface RunFlags extends Outputs {
  target?: string;
  filter?: string;
  shard?: string;
  vectors: string;
  timeout: string;
  allowModified?: boolean;
}

async function run(opts: RunFlags): Promise<void> {
  const timeoutMs = parseTimeout(opts.timeout);
  const target = parseTarget(opts.target);
  const shard = opts.shard !== undefined ? parseShard(opts.shard) : undefined;
  if (opts.filter !== undefined && opts.filter.trim() === '') throw new Error('--filter is empty');
  const outputs = { junit: opts.junit, json: opts.json, report: opts.report };
  checkOutputs(outputs);
  // One read of the suite: the bytes checked against the signed manifest are the bytes that run.
  const selection = selectVectors(opts.vectors, opts.filter, shard);
  const { integrity } = selection;
  if (!integrity.unmodified) {
    process.stderr.write(`MODIFIED suite: this is not the published suite${opts.allowModified ? ' (--allow-modified: running anyway)' : ''}\n  ${integrityProblems(integrity).join('\n  ')}\n`);
  }

  // Ctrl-C or a kill: exit through process.exit so the DUT's process group is killed on the way out.
  const stop = (signal: NodeJS.Signals) => process.exit(signal === 'SIGINT' ? 130 : 143);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const tty = process.stderr.isTTY;
  let failed = 0;
  let judged = 0;
  let report: Report;
  try {
    report = await runSelection(selection, target, timeoutMs, (r, done, total) => {
      judged = done;
      if (!r.passed) failed++;
      if (tty) process.stderr.write(progress(done, total, failed));
    });
  } catch (e) {
    if (!(e instanceof DutUnavailable)) throw e;
    if (tty) process.stderr.write('\n');
    const where = judged ? `after ${judged} of ${selection.vectors.length} vectors` : 'before the first vector';
    process.stderr.write(`nowan: ${target.target}: ${e.message}\nthe run stopped ${where}; no report was written\n`);
    process.exitCode = EXIT.dutUnavailable;
    return;
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
  if (tty) process.stderr.write('\n');
  const out = summaryStream(outputs.junit, outputs.json, outputs.report);
  for (const r of report.results.filter((x) => !x.passed)) out.write(`FAIL ${r.id} ${r.title}\n${r.failure}\n\n`);
  out.write(summary(report));
  writeOutputs(report, outputs);
  if (!integrity.unmodified && !opts.allowModified) process.exitCode = EXIT.modified;
  else if (report.failed) process.exitCode = EXIT.failed;
}

function merge(files: string[], opts: Outputs): void {
  checkOutputs(opts);
  const report = mergeReports(files.map((name) => ({ name, report: parseReport(readJsonFile(name), name) })));
  summaryStream(opts.junit, opts.json, opts.report).write(summary(report));
  writeOutputs(report, opts);
  if (report.suite.status === 'modified') process.exitCode = EXIT.modified;
  else if (report.failed) process.exitCode = EXIT.failed;
}

export function conformanceCommand(): Command {
  const command = new Command('conformance')
    .option('--target <target>', 'the DUT: a command line speaking JSON Lines (e.g. "nowan adapter"), tcp://HOST:PORT or serial:PATH?baud=N')
    .option('--filter <glob>', 'only vectors whose id matches (comma-separated globs, e.g. "TOK-*,GBCS-*")')
    .option('--shard <i/n>', 'run shard i of n (deterministic split for a CI matrix; merge the JSON reports afterwards)')
    .option('--junit <file>', 'write JUnit XML (- for standard output)')
    .option('--json <file>', 'write the JSON report, what `conformance merge` reads (- for standard output)')
    .option('--report <file>', 'write a certificate: FILE.html or FILE.md')
    .option('--vectors <dir>', 'vector folder', VECTOR_ROOT)
    .option('--timeout <ms>', 'per-step timeout for a DUT (also the time allowed to connect)', '10000')
    .option('--allow-modified', 'exit by the results even if the suite is not the published one (reports still say MODIFIED)')
    // merge has its own --json/--junit/--report: the run's options only before the subcommand.
    .enablePositionalOptions()
    .action(run);
  command
    .command('merge')
    .description('combine the JSON reports of shards 1..n into the report of the unsharded run')
    .argument('<reports...>', 'shard JSON reports')
    .option('--junit <file>', 'write JUnit XML of the merged run (- for standard output)')
    .option('--json <file>', 'write the merged JSON report (- for standard output)')
    .option('--report <file>', 'write a certificate: FILE.html or FILE.md')
    .action(merge);
  return command;
}
