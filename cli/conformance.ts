// `nowan conformance`: run the published vectors against the model or a device under test.
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { areaTable, jsonReport, junitXml } from '../conformance/reports.js';
import { runVectors } from '../conformance/runner.js';
import { ModelTarget, ProcessTarget } from '../conformance/targets.js';
import { filterVectors, loadVectors, parseShard, shardVectors } from '../conformance/vectors.js';
import { VECTOR_ROOT } from '../conformance/suite.js';

export { VECTOR_ROOT };

function progress(done: number, total: number, failed: number): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}${failed ? ` (${failed} failed)` : ''}`;
}

export function conformanceCommand(): Command {
  return new Command('conformance')
    .option('--target <command>', 'a DUT command line speaking JSON Lines (e.g. "nowan adapter")')
    .option('--filter <glob>', 'only vectors whose id matches (comma-separated globs, e.g. "TOK-*,GBCS-*")')
    .option('--shard <i/n>', 'run shard i of n (deterministic split for a CI matrix)')
    .option('--junit <file>', 'write JUnit XML')
    .option('--json <file>', 'write a JSON report')
    .option('--vectors <dir>', 'vector folder', VECTOR_ROOT)
    .option('--timeout <ms>', 'per-step timeout for --target', (v) => Number(v), 10_000)
    .action(async (opts: { target?: string; filter?: string; shard?: string; junit?: string; json?: string; vectors: string; timeout: number }) => {
      const shard = opts.shard ? parseShard(opts.shard) : undefined;
      const vectors = shardVectors(filterVectors(loadVectors(opts.vectors), opts.filter), shard);
      if (vectors.length === 0) throw new Error('no vectors selected');
      const tty = process.stderr.isTTY;
      let failed = 0;
      const results = await runVectors(vectors, {
        makeTarget: () => (opts.target ? new ProcessTarget(opts.target, opts.timeout) : new ModelTarget()),
        onResult: (r, done, total) => {
          if (!r.passed) failed++;
          if (tty) process.stderr.write(progress(done, total, failed));
        },
      });
      if (tty) process.stderr.write('\n');
      for (const r of results.filter((x) => !x.passed)) process.stdout.write(`FAIL ${r.id} ${r.title}\n${r.failure}\n\n`);
      process.stdout.write(areaTable(results) + '\n');
      const targetName = opts.target ?? 'in-process model';
      if (opts.junit) writeFileSync(opts.junit, junitXml(results));
      if (opts.json) writeFileSync(opts.json, jsonReport(results, targetName));
      if (failed) process.exitCode = 1;
    });
}
