// Scenarios, plots and the fleet.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadKeySet } from '../cli/keyset.js';
import { mergeFleet, type FleetPartial } from '../cli/fleet.js';
import { addTotals, emptyTotals, shardIndices, simulateMeter } from '../sim/fleet.js';
import { runFleet } from '../sim/fleet-run.js';
import { csv, plotSvg } from '../sim/plot.js';
import { runScenario, scenarioProblems, type Scenario } from '../sim/scenario.js';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../scripts/scenarios/${name}.json`, import.meta.url), 'utf8')) as Scenario;
const party = loadKeySet(new URL('../keys/demo-keyset.json', import.meta.url).pathname).party;

describe('scenario files', () => {
  for (const name of ['winter-two-rate', 'severe-weather', 'change-of-tenancy']) {
    it(`${name} is valid`, () => expect(scenarioProblems(load(name))).toEqual([]));
  }

  it('rejects a scenario with a bad load, a step outside its time span, or an unknown command', () => {
    const s = load('winter-two-rate');
    expect(scenarioProblems({ ...s, load: { daily: [1, 2] } })).not.toEqual([]);
    expect(scenarioProblems({ ...s, timeline: [{ at: '2027-01-01T00:00:00Z', op: 'note' }] })).toEqual(['/timeline/0/at must lie within start..end']);
    expect(scenarioProblems({ ...s, timeline: [{ at: s.start, op: 'issue', command: 'Teleport' }] })).toEqual(['/timeline/0/command is unknown']);
  });
});

describe('the severe-weather story (MP094)', () => {
  const result = runScenario(load('severe-weather'), { party });
  const at = (iso: string) => result.rows.filter((r) => r.time <= iso).at(-1)!;

  it('the 60-digit no-cut token is accepted and keeps the supply on with a negative balance', () => {
    expect(result.rows.find((r) => r.what.startsWith('SetNonDisconnect'))!.result).toBe('Accepted');
    const during = at('2026-01-18T23:59:59Z');
    expect(during.supply).toBe('enabled');
    expect(during.inForce).toBe(true);
    expect(during.meterBalance).toBeLessThan(0);
  });

  it('the supply goes off when the period ends (local 19 January 00:00) and not before', () => {
    const off = result.rows.find((r) => r.kind === 'event' && r.what === 'supplyDisabled')!;
    expect(off.time).toBe('2026-01-19T00:00:00Z');
  });

  it('the debt set afterwards is fully recovered', () => {
    expect(result.rows.some((r) => r.kind === 'event' && r.what === 'debtCollectionCompleted')).toBe(true);
    expect(result.meter.timeDebt[1]!.amount).toBe(0);
  });
});

describe('the change-of-tenancy story', () => {
  it("the old tenant's unused token is Expired after RevertToDefaults", () => {
    const result = runScenario(load('change-of-tenancy'), { party });
    expect(result.rows.find((r) => r.what.startsWith('RevertToDefaults'))!.result).toBe('Accepted');
    expect(result.rows.find((r) => r.what.startsWith('token 74089'))!.result).toBe('Expired');
    expect(result.meter.counterFloor).toBe(106);
  });
});

describe('plots and CSV', () => {
  it('the SVG is well formed and shows the balance, bands and top-up markers', () => {
    const result = runScenario(load('winter-two-rate'), { party });
    const svg = plotSvg(result.rows, 'winter');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('stroke="#1f6fb2"'); // balance line
    expect(svg).toContain('fill="#ffd6d6"'); // a supply-off band
    expect((svg.match(/fill="#27ae60"><title>/g) ?? []).length).toBe(4); // four top-ups
    expect(csv(result.rows).split('\n')[0]).toBe('time,kind,what,result,meterBalance,ecState,ecBalance,timeDebt,paymentDebt,accumulatedDebt,supply,inForce,loadW,activeRate,importJ');
  });
});

describe('fleet', () => {
  it('a meter is deterministic from its index', () => {
    expect(simulateMeter(3, 14)).toEqual(simulateMeter(3, 14));
    expect(simulateMeter(3, 14)).not.toEqual(simulateMeter(4, 14));
  });

  it('shards partition the fleet and their totals add up to a single run', async () => {
    const whole = await runFleet(shardIndices(12), 10, 2, 1);
    const parts = await Promise.all([1, 2, 3].map((index) => runFleet(shardIndices(12, { index, count: 3 }), 10, 1, 1)));
    expect(parts.reduce(addTotals, emptyTotals())).toEqual(whole);
    expect(whole.meters).toBe(12);
  }, 60_000);

  it('fleet merge of 4 shards gives exactly the totals of one run, and refuses a missing shard', () => {
    const run = (indices: number[]) => indices.map((i) => simulateMeter(i, 5, 2)).reduce(addTotals, emptyTotals());
    const whole = run(shardIndices(10));
    const parts: FleetPartial[] = [1, 2, 3, 4].map((index) => ({ format: 'nowan-fleet/1', meters: 10, days: 5, seed: 2, shard: { index, count: 4 }, totals: run(shardIndices(10, { index, count: 4 })) }));
    expect(mergeFleet(parts, ['1', '2', '3', '4'])).toEqual(whole);
    expect(() => mergeFleet(parts.slice(1), ['2', '3', '4'])).toThrow('shards missing: 1/4');
  });
});
