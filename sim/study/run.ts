// Run a study (or one shard of it) on the worker pool: per-meter records stream to meters.jsonl in
// meter order, the totals are folded chunk by chunk, then the figures and the reports are written.
// Memory holds a few chunks, the totals and the fleet's site-visit schedule, whatever the fleet size.
import { createReadStream, createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chunkSize, runInOrder, workerPool } from '../pool.js';
import { visitSchedule } from './delivery.js';
import { eventTimes, type EventTimes } from './event.js';
import { studyFigures, type StudyFigures } from './figures.js';
import type { MeterRecord } from './meter-run.js';
import type { StudyParams } from './params.js';
import { hoursOffSvg, offSupplySvg } from './plots.js';
import { siteOf } from './population.js';
import { htmlReport, markdownReport } from './report.js';
import { addTotals, emptyTotals, foldRecord, type StudyTotals } from './summary.js';
import simulateChunk, { type StudyChunk } from './worker.js';

export interface Shard {
  index: number;
  count: number;
}

/** What a study directory says about itself (study.json). */
export interface StudyManifest {
  format: 'nowan-study/1';
  params: StudyParams;
  seed: number;
  shard: Shard;
  /** meters in this directory's meters.jsonl */
  meters: number;
}

function* sites(p: StudyParams) {
  for (let i = 0; i < p.meters; i++) yield siteOf(p, i);
}

/** Meters of shard i/n: every n-th index from i - 1. */
export const shardSize = (meters: number, s: Shard) => Math.max(0, Math.ceil((meters - (s.index - 1)) / s.count));

export interface RunOptions {
  out: string;
  /** worker threads; 0 runs the chunks in this thread (small studies, tests) */
  workers: number;
  shard?: Shard;
  onProgress?: (done: number, total: number) => void;
}

export async function runStudy(p: StudyParams, o: RunOptions): Promise<StudyFigures> {
  const shard = o.shard ?? { index: 1, count: 1 };
  const e = eventTimes(p);
  const total = shardSize(p.meters, shard);
  mkdirSync(o.out, { recursive: true });
  // The schedule is fleet-wide (capacity is shared), so every shard computes all of it and keeps its own.
  const visits = visitSchedule(p, e, sites(p), (i) => i % shard.count === shard.index - 1);
  const threads = Math.max(1, Math.min(o.workers, total));
  const size = chunkSize(total, threads, 200);
  const step = shard.count;
  function* chunks(): Generator<StudyChunk> {
    for (let k = 0; k < total; k += size) {
      const first = shard.index - 1 + k * step;
      const count = Math.min(size, total - k);
      const mine: [number, number][] = [];
      for (let j = 0; j < count; j++) {
        const at = visits.get(first + j * step);
        if (at !== undefined) mine.push([first + j * step, at]);
      }
      yield { params: p, first, step, count, visits: mine };
    }
  }
  const stream = createWriteStream(join(o.out, 'meters.jsonl'));
  let totals = emptyTotals(e.hours);
  let done = 0;
  const take = async (r: { lines: string; totals: StudyTotals }, task: StudyChunk) => {
    if (!stream.write(r.lines)) await once(stream, 'drain');
    totals = addTotals(totals, r.totals);
    done += task.count;
    o.onProgress?.(done, total);
  };
  if (o.workers === 0) for (const task of chunks()) await take(simulateChunk(task), task);
  else await runInOrder(workerPool('study/worker', threads), chunks(), threads * 4, take);
  stream.end();
  await once(stream, 'finish');
  const manifest: StudyManifest = { format: 'nowan-study/1', params: p, seed: p.seed, shard, meters: total };
  writeFileSync(join(o.out, 'study.json'), JSON.stringify(manifest, null, 2) + '\n');
  return writeReports(o.out, p, e, totals);
}

export function writeReports(out: string, p: StudyParams, e: EventTimes, totals: StudyTotals): StudyFigures {
  const f = studyFigures(p, e, totals);
  writeFileSync(join(out, 'figures.json'), JSON.stringify(f, null, 2) + '\n');
  writeFileSync(join(out, 'off-supply.svg'), offSupplySvg(f));
  writeFileSync(join(out, 'hours-off.svg'), hoursOffSvg(f));
  writeFileSync(join(out, 'report.md'), markdownReport(f));
  writeFileSync(join(out, 'report.html'), htmlReport(f));
  return f;
}

export function readManifest(dir: string): StudyManifest {
  let m: StudyManifest;
  try {
    m = JSON.parse(readFileSync(join(dir, 'study.json'), 'utf8')) as StudyManifest;
  } catch (err) {
    throw new Error(`${dir}: no readable study.json (${(err as Error).message})`);
  }
  if (m?.format !== 'nowan-study/1') throw new Error(`${dir}: study.json is not a nowan study (format nowan-study/1)`);
  return m;
}

/** Fold the per-meter records of one directory's meters.jsonl, line by line. */
export async function foldFile(dir: string, e: EventTimes, into: StudyTotals, expect: { meters: number; shard: Shard }): Promise<number> {
  const lines = createInterface({ input: createReadStream(join(dir, 'meters.jsonl')), crlfDelay: Infinity });
  let n = 0;
  let expected = expect.shard.index - 1;
  for await (const line of lines) {
    if (line === '') continue;
    let rec: MeterRecord;
    try {
      rec = JSON.parse(line) as MeterRecord;
    } catch {
      throw new Error(`${dir}/meters.jsonl line ${n + 1}: not JSON`);
    }
    if (rec?.i !== expected) throw new Error(`${dir}/meters.jsonl line ${n + 1}: meter ${rec?.i}, expected ${expected} (shard ${expect.shard.index}/${expect.shard.count})`);
    foldRecord(into, rec, e);
    expected += expect.shard.count;
    n++;
  }
  if (n !== expect.meters) throw new Error(`${dir}/meters.jsonl: ${n} meters, study.json says ${expect.meters}`);
  return n;
}

/**
 * Combine shard directories into the figures of the whole study, rebuilt from their meters.jsonl:
 * the same parameters everywhere, every shard exactly once.
 */
export async function mergeStudies(dirs: string[], out: string): Promise<StudyFigures> {
  if (dirs.length === 0) throw new Error('give the shard directories to merge');
  const manifests = dirs.map(readManifest);
  const first = manifests[0]!;
  const same = JSON.stringify(first.params);
  manifests.forEach((m, k) => {
    if (JSON.stringify(m.params) !== same) throw new Error(`${dirs[k]}: a different study (its parameters or seed differ from ${dirs[0]})`);
    if (m.shard.count !== first.shard.count) throw new Error(`${dirs[k]}: shard ${m.shard.index}/${m.shard.count} is from a split into ${m.shard.count}, not ${first.shard.count}`);
  });
  const seen = new Set(manifests.map((m) => m.shard.index));
  if (seen.size !== manifests.length) throw new Error('a shard is given twice');
  const missing = Array.from({ length: first.shard.count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length) throw new Error(`shards missing: ${missing.map((i) => `${i}/${first.shard.count}`).join(', ')}`);
  const e = eventTimes(first.params);
  const totals = emptyTotals(e.hours);
  for (const [k, m] of manifests.entries()) await foldFile(dirs[k]!, e, totals, { meters: m.meters, shard: m.shard });
  mkdirSync(out, { recursive: true });
  return writeReports(out, first.params, e, totals);
}
