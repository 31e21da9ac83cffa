// `nowan study no-wan`: a supplier's fleet through a cold snap, with and without MP094 tokens;
// `nowan study merge`: shard outputs into the figures of the whole study.
import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_PARAMS, resolveParams, type StudyParams } from '../sim/study/params.js';
import type { StudyFigures } from '../sim/study/figures.js';
import { mergeStudies, runStudy } from '../sim/study/run.js';
import { readJsonFile } from './files.js';
import { resolveShard } from './shard.js';

const num = (v: string) => {
  if (!/^-?\d+(\.\d+)?$/.test(v)) throw new InvalidArgumentError('a number');
  return Number(v);
};
const threads = (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) > 256) throw new InvalidArgumentError('a whole number 0..256');
  return Number(v);
};
const positive = (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError('a positive integer');
  return Number(v);
};

interface NoWanOptions {
  params?: string;
  meters?: number;
  days?: number;
  seed?: number;
  start?: string;
  shareNoWan?: number;
  shareIntermittentWan?: number;
  shareVulnerable?: number;
  coldDays?: number;
  tempDrop?: number;
  visitsPerDay?: number;
  neverTypeShare?: number;
  workers: number;
  shard?: string;
  shardCount?: string;
  out: string;
}

/** The parameters: defaults, then a --params file, then the flags. */
export function studyParams(o: Omit<NoWanOptions, 'workers' | 'out'>): StudyParams {
  const file = o.params ? resolveParams(readJsonFile(o.params)) : { ok: true as const, params: DEFAULT_PARAMS };
  if (!file.ok) throw new Error(`${o.params}: ${file.problems.join('; ')}`);
  const flags: Record<string, unknown> = {};
  const set = (section: string | null, key: string, v: unknown) => {
    if (v === undefined) return;
    if (section) flags[section] = { ...(flags[section] as object), [key]: v };
    else flags[key] = v;
  };
  set(null, 'meters', o.meters);
  set(null, 'days', o.days);
  set(null, 'seed', o.seed);
  set(null, 'start', o.start);
  set('population', 'noWanShare', o.shareNoWan);
  set('population', 'intermittentWanShare', o.shareIntermittentWan);
  set('population', 'vulnerableShare', o.shareVulnerable);
  set('weather', 'coldSnapDays', o.coldDays);
  set('weather', 'dropC', o.tempDrop);
  set('delivery', 'visitsPerDayPer10k', o.visitsPerDay);
  set('delivery', 'neverTypeShare', o.neverTypeShare);
  const r = resolveParams(flags, file.params);
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.params;
}

function headline(f: StudyFigures): string {
  const w = f.figures.with;
  const wo = f.figures.without;
  const row = (label: string, a: number, b: number) => `  ${label.padEnd(44)} ${String(a).padStart(12)} ${String(b).padStart(12)}`;
  return [
    `${f.meters} meters, seed ${f.seed}`,
    `  ${''.padEnd(44)} ${'with MP094'.padStart(12)} ${'without'.padStart(12)}`,
    row('customers who lost supply', w.customersLostSupply, wo.customersLostSupply),
    row('vulnerable customers who lost supply', w.vulnerableCustomersLostSupply, wo.vulnerableCustomersLostSupply),
    row('customer-hours off supply', w.customerHoursOffSupply, wo.customerHoursOffSupply),
    row('customer-hours off supply, coldest days', w.customerHoursOffSupplyColdestDays, wo.customerHoursOffSupplyColdestDays),
    row('self-disconnections', w.selfDisconnections, wo.selfDisconnections),
    row('site visits needed', w.siteVisitsNeeded, wo.siteVisitsNeeded),
    row('tokens typed by customers', w.tokensTyped, wo.tokensTyped),
    row('debt at end, GBP', w.debtAtEndPounds, wo.debtAtEndPounds),
  ].join('\n');
}

export function studyCommand(): Command {
  const study = new Command('study').description('fleet studies: what MP094 keypad commands are worth');
  study
    .command('no-wan')
    .description('a fleet through a cold snap twice, with MP094 commands as keypad tokens and without (top-ups only without WAN)')
    .option('--params <file>', 'parameters as JSON (any subset of figures.json "params")')
    .option('--meters <n>', `meters in the whole fleet (default ${DEFAULT_PARAMS.meters})`, positive)
    .option('--days <n>', `days simulated (default ${DEFAULT_PARAMS.days})`, positive)
    .option('--seed <n>', 'seed (default 1)', positive)
    .option('--start <iso>', `study start, UTC on the hour (default ${DEFAULT_PARAMS.start})`)
    // (not --no-wan-share: commander reads a --no- prefix as a negated flag)
    .option('--share-no-wan <x>', 'share of meters without WAN (default 0.09, MP094)', num)
    .option('--share-intermittent-wan <x>', 'share with intermittent WAN (default 0.03)', num)
    .option('--share-vulnerable <x>', 'share of vulnerable households (default 0.25)', num)
    .option('--cold-days <n>', 'days of the cold snap (default 5)', positive)
    .option('--temp-drop <c>', 'fall of the daily mean temperature, deg C (default 10)', num)
    .option('--visits-per-day <n>', 'site visits a day per 10,000 meters (default 20)', num)
    .option('--never-type-share <x>', 'share of texted batches never typed (default 0.1)', num)
    .option('--workers <n>', 'worker threads, 0..256 (0: run in this thread)', threads, Math.max(1, availableParallelism()))
    .option('--shard <i/n>', 'run shard i of n (every n-th meter); else NOWAN_SHARD')
    .option('--shard-count <n>', 'shard count with JOB_COMPLETION_INDEX (Kubernetes Indexed Job); else NOWAN_SHARD_COUNT')
    .requiredOption('--out <dir>', 'output directory')
    .action(async (o: NoWanOptions) => {
      const params = studyParams(o);
      const shard = resolveShard(o);
      const tty = process.stderr.isTTY;
      const started = performance.now();
      const f = await runStudy(params, {
        out: o.out,
        workers: o.workers,
        shard,
        onProgress: (done, total) => {
          if (tty) process.stderr.write(`\r[${'#'.repeat(Math.round((done / total) * 30)).padEnd(30, '.')}] ${done}/${total} meters`);
        },
      });
      if (tty) process.stderr.write('\n');
      const seconds = (performance.now() - started) / 1000;
      const meterYears = (f.meters * params.days) / 365;
      process.stdout.write(`${headline(f)}\n  shard ${shard.index}/${shard.count}: ${seconds.toFixed(1)} s, ${(meterYears / seconds).toFixed(1)} meter-years/s on ${o.workers} worker(s)\n  report: ${o.out}/report.html\n`);
    });
  study
    .command('merge')
    .description('combine the output directories of every shard into the figures of one run')
    .argument('<dirs...>', 'shard output directories')
    .requiredOption('--out <dir>', 'output directory for the merged figures and reports')
    .action(async (dirs: string[], o: { out: string }) => {
      const f = await mergeStudies(dirs, o.out);
      process.stdout.write(`${headline(f)}\n  report: ${o.out}/report.html\n`);
    });
  return study;
}
