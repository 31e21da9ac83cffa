// The no-WAN study: parameters, one meter through the real firmware in each arm, and whole runs
// (deterministic, sharded and merged).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromLocal, toLocal } from '../firmware/clock.js';
import { resolveShard } from '../cli/shard.js';
import { DEFAULT_PARAMS, resolveParams, type StudyParams } from '../sim/study/params.js';
import { eventTimes } from '../sim/study/event.js';
import { householdOf, siteOf, type Wan } from '../sim/study/population.js';
import { runArm, simulateStudyMeter } from '../sim/study/meter-run.js';
import { typedAt, visitSchedule } from '../sim/study/delivery.js';
import { newUnitPrice } from '../sim/study/supplier.js';
import { mergeStudies, runStudy } from '../sim/study/run.js';

/** A small study: 10 days so that the cap date (1 April) falls inside, and many meters without WAN. */
function params(over: Record<string, unknown> = {}): StudyParams {
  const r = resolveParams({ meters: 60, days: 10, population: { noWanShare: 0.3, intermittentWanShare: 0.15 }, ...over });
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.params;
}

function firstMeter(p: StudyParams, wan: Wan, test: (i: number) => boolean = () => true): number {
  for (let i = 0; ; i++) if (siteOf(p, i).wan === wan && test(i)) return i;
}

const tmp = () => mkdtempSync(join(tmpdir(), 'nowan-study-'));

describe('study parameters', () => {
  it('the defaults are valid and carry the MP094 figures', () => {
    expect(resolveParams({}).ok).toBe(true);
    expect(DEFAULT_PARAMS.population.noWanShare).toBe(0.09); // "around 9%" (MP094 section 2)
    expect(DEFAULT_PARAMS.population.intermittentWanShare).toBe(0.03); // a Large Supplier's SMETS2 3%
  });

  it('an unknown or out-of-range parameter is refused with its name', () => {
    expect(resolveParams({ population: { noWanShar: 0.1 } })).toEqual({ ok: false, problems: ['unknown parameter "population.noWanShar"'] });
    const r = resolveParams({ meters: 0, delivery: { typoShare: 2 }, start: '2026-03-23T00:30:00Z' });
    expect(r.ok).toBe(false);
    expect((r as { problems: string[] }).problems).toEqual([
      '"meters" must be an integer 1..100000000, got 0',
      '"delivery.typoShare" must be a number 0..1, got 2',
      '"start" must be an ISO-8601 UTC time on the hour, got "2026-03-23T00:30:00Z"',
    ]);
    expect(resolveParams({ weather: { coldSnapStartDay: 10 } }).ok).toBe(false); // ends after the 14 days
  });
});

describe('shard choice', () => {
  it('from --shard, NOWAN_SHARD, or an Indexed Job index with a count', () => {
    expect(resolveShard({ shard: '2/4' }, {})).toEqual({ index: 2, count: 4 });
    expect(resolveShard({}, { NOWAN_SHARD: '3/4' })).toEqual({ index: 3, count: 4 });
    expect(resolveShard({ shardCount: '4' }, { JOB_COMPLETION_INDEX: '0' })).toEqual({ index: 1, count: 4 }); // 0-based index
    expect(resolveShard({}, { JOB_COMPLETION_INDEX: '3', NOWAN_SHARD_COUNT: '4' })).toEqual({ index: 4, count: 4 });
    expect(resolveShard({}, {})).toEqual({ index: 1, count: 1 });
    expect(() => resolveShard({}, { JOB_COMPLETION_INDEX: '1' })).toThrow(/shard count/);
    expect(() => resolveShard({}, { JOB_COMPLETION_INDEX: '4', NOWAN_SHARD_COUNT: '4' })).toThrow(/1 <= i <= n/);
  });
});

describe('one meter through the firmware', () => {
  const p = params({ delivery: { neverTypeShare: 0, neverTypeShareVulnerable: 0, typingMedianHours: 0.5, typingMedianHoursVulnerable: 0.5, visitsPerDayPer10k: 0 } });
  const e = eventTimes(p);

  it('a WAN meter gets every command within minutes, the same in both arms, and the cap price on time', () => {
    const i = firstMeter(p, 'ok', (k) => siteOf(p, k).vulnerable && siteOf(p, k).fuel === 'electricity');
    const h = householdOf(p, e, i);
    const a = runArm(p, e, h, 'with', null);
    expect(runArm(p, e, h, 'without', null)).toEqual(a);
    expect(simulateStudyMeter(p, i, null, e).without).toBe('same');
    expect(a.appliedByWan).toBe(a.commandsIssued);
    expect(a.notApplied).toEqual([]);
    expect(a.freeCreditMp).toBe(1_000_000); // GBP 10 free top-up = 10 x 100,000 mp
    expect(a.oldPriceJ).toBe(0);
  });

  it('a meter without WAN: with MP094 every texted token is typed and accepted; without, nothing but top-ups', () => {
    const i = firstMeter(p, 'none', (k) => siteOf(p, k).fuel === 'electricity');
    const h = householdOf(p, e, i);
    const w = runArm(p, e, h, 'with', null);
    expect(w.tokensTexted).toBe(w.commandsIssued);
    expect(w.tokensTyped).toBe(w.commandsIssued);
    expect(w.appliedByText).toBe(w.commandsIssued);
    expect(w.overchargeMp).toBe(0);
    const wo = runArm(p, e, h, 'without', null);
    expect(wo.appliedByWan + wo.appliedByText + wo.appliedByVisit).toBe(0);
    expect(wo.notApplied).toContain('nonDisconnect');
    expect(wo.visit).toBe(1); // needed, and no capacity to make it
    // The old 24.500 p/kWh stays after the cap date; the new price is 24,500 x 0.95 = 23,275 mp/kWh.
    expect(newUnitPrice(p, 'electricity')).toBe(23_275);
    expect(wo.oldPriceJ).toBeGreaterThan(0);
    expect(wo.overchargeMp).toBe(Math.floor((wo.oldPriceJ * 1_225) / 3_600_000));
  });

  it('once a texted non-disconnect token is typed, no meter loses supply until the period ends', () => {
    const ndEnd = fromLocal(toLocal(e.snapEnd).day + 1, 0); // snap end + 24 h, local midnight
    let checked = 0;
    for (let i = 0; i < p.meters; i++) {
      const h = householdOf(p, e, i);
      if (h.wan !== 'none') continue;
      const typed = typedAt(p, h, e.announce)!;
      for (const [from] of runArm(p, e, h, 'with', null).off) expect(from + e.start >= typed && from + e.start < ndEnd).toBe(false);
      checked++;
    }
    expect(checked).toBeGreaterThan(5);
  });

  it('without MP094 each command arrives at most once (a top-up decided while advancing does not replay the next input)', () => {
    // Meter 28901 of a 100,000-meter week: its WAN outage ends while the customer reacts to losing supply.
    const q = resolveParams({ meters: 100_000, days: 7 });
    if (!q.ok) throw new Error();
    const eq = eventTimes(q.params);
    const a = runArm(q.params, eq, householdOf(q.params, eq, 28_901), 'without', null);
    expect(a.duplicates).toBe(0);
    expect(a.appliedByWan).toBe(a.commandsIssued);
  });

  it('a mistyped token fails its check digit and is typed again', () => {
    const q = params({ delivery: { typoShare: 1, neverTypeShare: 0, neverTypeShareVulnerable: 0 } });
    const eq = eventTimes(q);
    const a = runArm(q, eq, householdOf(q, eq, firstMeter(q, 'none')), 'with', null);
    expect(a.typos).toBe(a.tokensTyped);
    expect(a.appliedByText).toBe(a.tokensTyped);
  });

  it('site visits go to vulnerable households first, within the daily capacity', () => {
    const q = params({ meters: 400, delivery: { visitsPerDayPer10k: 100 } }); // 4 a day
    const eq = eventTimes(q);
    const sites = Array.from({ length: q.meters }, (_, i) => siteOf(q, i));
    const visits = visitSchedule(q, eq, sites, () => true);
    const perDay = new Map<number, number>();
    for (const at of visits.values()) perDay.set(toLocal(at).day, (perDay.get(toLocal(at).day) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBe(4);
    const visitedNotVulnerable = [...visits.keys()].filter((i) => !sites[i]!.vulnerable).length;
    if (visitedNotVulnerable > 0) expect(sites.filter((s) => s.wan === 'none' && s.vulnerable).every((s) => visits.has(s.index))).toBe(true);
  });
});

describe('whole studies', () => {
  const p = params({ meters: 32 });

  it('a run is deterministic for its seed, whatever the number of workers', async () => {
    const [a, b] = [tmp(), tmp()];
    await runStudy(p, { out: a, workers: 0 });
    await runStudy(p, { out: b, workers: 2 });
    for (const f of ['meters.jsonl', 'figures.json', 'report.md', 'report.html', 'off-supply.svg']) expect(readFileSync(join(b, f), 'utf8')).toBe(readFileSync(join(a, f), 'utf8'));
    const lines = readFileSync(join(a, 'meters.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).i)).toEqual(Array.from({ length: 32 }, (_, i) => i));
    const figures = JSON.parse(readFileSync(join(a, 'figures.json'), 'utf8'));
    expect(figures.params).toEqual(p);
    expect(figures.figures.without.siteVisitsNeeded).toBe(lines.map((l) => JSON.parse(l)).filter((r) => r.wan === 'none').length);
  });

  it('4 shards merged give exactly the figures of one run', async () => {
    const whole = tmp();
    const one = await runStudy(p, { out: whole, workers: 0 });
    const dirs = [1, 2, 3, 4].map(() => tmp());
    for (const [k, dir] of dirs.entries()) await runStudy(p, { out: dir, workers: 0, shard: { index: k + 1, count: 4 } });
    const merged = tmp();
    const m = await mergeStudies([dirs[2]!, dirs[0]!, dirs[3]!, dirs[1]!], merged);
    expect(m).toEqual(one);
    expect(readFileSync(join(merged, 'figures.json'), 'utf8')).toBe(readFileSync(join(whole, 'figures.json'), 'utf8'));
    await expect(mergeStudies(dirs.slice(0, 3), tmp())).rejects.toThrow('shards missing: 4/4');
    await expect(mergeStudies([dirs[0]!, dirs[0]!, dirs[1]!, dirs[2]!], tmp())).rejects.toThrow('a shard is given twice');
  });
});
