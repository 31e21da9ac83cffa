// `nowan fleet`: many meters over worker threads; shards and merge for many machines.
import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { formatPounds } from '../firmware/money.js';
import { addTotals, emptyTotals, shardIndices, type FleetTotals } from '../sim/fleet.js';
import { runFleet } from '../sim/fleet-run.js';
import { assertWritable, readJsonFile, summaryStream, writeOutput } from './files.js';
import { resolveShard } from './shard.js';

/** A whole number 1..max: the bounds keep a mistyped flag from exhausting memory or running for years. */
const upTo = (max: number) => (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) throw new InvalidArgumentError(`a whole number 1..${max.toLocaleString('en-GB')}`);
  return Number(v);
};
const MAX_METERS = 10_000_000;
const MAX_DAYS = 36_525; // 100 years

export interface FleetPartial {
  format: 'nowan-fleet/1';
  meters: number;
  days: number;
  seed: number;
  shard: { index: number; count: number };
  totals: FleetTotals;
}

function report(t: FleetTotals, days: number): string {
  return [
    `meters ${t.meters}, ${days} days each (${(t.meterDays / 365).toFixed(1)} meter-years)`,
    `  disconnections for credit   ${t.disconnections}`,
    `  minutes off supply          ${t.minutesOffSupply} (${(t.minutesOffSupply / Math.max(1, t.meters)).toFixed(0)} per meter)`,
    `  emergency credit activations ${t.ecActivations}`,
    `  debt recovered              ${formatPounds(t.debtRecoveredMp)}`,
    `  top-ups                     ${t.topUps}, ${formatPounds(t.toppedUpMp)}`,
    `  energy                      ${(t.energyWh / 1000).toFixed(1)} kWh`,
  ].join('\n');
}

export function fleetCommand(): Command {
  const fleet = new Command('fleet')
    .option('--meters <n>', `number of meters, 1..${MAX_METERS.toLocaleString('en-GB')} (whole fleet; a shard runs its part)`, upTo(MAX_METERS), 100)
    .option('--days <n>', `days to simulate per meter, 1..${MAX_DAYS.toLocaleString('en-GB')}`, upTo(MAX_DAYS), 30)
    .option('--workers <n>', 'worker threads, 1..256', upTo(256), Math.max(1, availableParallelism()))
    .option('--seed <n>', 'fleet seed, 1..4,294,967,295', upTo(2 ** 32 - 1), 1)
    .option('--shard <i/n>', 'run shard i of n (every n-th meter), for a CI matrix or batch scheduler; else NOWAN_SHARD')
    .option('--shard-count <n>', 'shard count with JOB_COMPLETION_INDEX (Kubernetes Indexed Job); else NOWAN_SHARD_COUNT')
    .option('--json <file>', 'write the (partial) summary as JSON for `nowan fleet merge` (- for standard output)')
    .action(async (opts: { meters: number; days: number; workers: number; seed: number; shard?: string; shardCount?: string; json?: string }) => {
      if (opts.json) assertWritable(opts.json, '--json');
      const shard = resolveShard(opts);
      const indices = shardIndices(opts.meters, shard);
      const tty = process.stderr.isTTY;
      const started = performance.now();
      const totals = await runFleet(indices, opts.days, opts.workers, opts.seed, (done) => {
        if (tty) process.stderr.write(`\r[${'#'.repeat(Math.round((done / indices.length) * 30)).padEnd(30, '.')}] ${done}/${indices.length} meters`);
      });
      if (tty) process.stderr.write('\n');
      const seconds = (performance.now() - started) / 1000;
      summaryStream(opts.json).write(`${report(totals, opts.days)}\n  ${(totals.meterDays / 365 / seconds).toFixed(1)} meter-years/s on ${opts.workers} worker(s)\n`);
      if (opts.json) {
        const partial: FleetPartial = { format: 'nowan-fleet/1', meters: opts.meters, days: opts.days, seed: opts.seed, shard, totals };
        writeOutput(opts.json, JSON.stringify(partial, null, 2) + '\n');
      }
    });
  fleet
    .command('merge')
    .description('combine the --json summaries of every shard into the totals of one run')
    .argument('<files...>', 'partial summaries')
    .action((files: string[]) => {
      const parts = files.map((f) => readJsonFile(f) as FleetPartial);
      const first = parts[0]!;
      process.stdout.write(report(mergeFleet(parts, files), first.days) + '\n');
    });
  return fleet;
}

/** The totals of every shard of one fleet, added: exactly those of the unsharded run (integer sums). */
export function mergeFleet(parts: FleetPartial[], names: string[]): FleetTotals {
  const first = parts[0]!;
  for (const [i, p] of parts.entries()) {
    if (p?.format !== 'nowan-fleet/1') throw new Error(`${names[i]}: not a nowan fleet summary`);
    if (p.meters !== first.meters || p.days !== first.days || p.seed !== first.seed || p.shard.count !== first.shard.count) {
      throw new Error(`${names[i]}: a different fleet (meters, days, seed or shard count differ)`);
    }
  }
  const seen = new Set(parts.map((p) => p.shard.index));
  if (seen.size !== parts.length) throw new Error('a shard is given twice');
  const missing = Array.from({ length: first.shard.count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length) throw new Error(`shards missing: ${missing.map((i) => `${i}/${first.shard.count}`).join(', ')}`);
  return parts.map((p) => p.totals).reduce(addTotals, emptyTotals());
}
