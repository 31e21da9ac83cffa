// The scenario plot as a GB reader sees it: dates, notes, and money running down between readings.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadKeySet } from '../cli/keyset.js';
import { parseIso } from '../firmware/clock.js';
import { dayLabel, plotSvg } from '../sim/plot.js';
import { runScenario, type Scenario } from '../sim/scenario.js';
import { RTDS } from './helpers.js';

const load = (name: string) => JSON.parse(readFileSync(new URL(`../scripts/scenarios/${name}.json`, import.meta.url), 'utf8')) as Scenario;
const party = loadKeySet(new URL('../keys/demo-keyset.json', import.meta.url).pathname).party;

describe('the scenario plot', () => {
  it('labels days as a GB reader writes them, in local time', () => {
    expect(dayLabel(parseIso('2026-01-05T00:00:00Z')!)).toBe('5 Jan 2026');
    expect(dayLabel(parseIso('2026-06-30T23:30:00Z')!)).toBe('1 Jul 2026'); // 00:30 BST
  });

  it('marks the scenario notes on the plot and uses day-month-year axis labels', () => {
    const svg = plotSvg(runScenario(load('change-of-tenancy'), { party }).rows, 'tenancy');
    expect(svg).toContain('>moving day: the supplier issues RevertToDefaults</text>');
    expect(svg).toContain('>2 Mar 2026</text>'); // the scenario starts 2026-03-02T00:00Z (GMT)
    expect(svg).not.toMatch(/>\d\d-\d\d</);
  });

  it('a constant load draws as a steady slope, not a staircase of daily steps', () => {
    // 1 kW for two days at the default price and standing charge, no inputs: the balance falls at a
    // steady rate, so every reading is lower than the one before.
    const scenario: Scenario = {
      title: 'constant load',
      meter: { fuel: 'electricity', ...RTDS, meterBalance: 5_000_000 },
      start: '2026-02-02T00:00:00Z',
      end: '2026-02-04T00:00:00Z',
      load: { constant: 1000 },
    };
    const { rows } = runScenario(scenario);
    // 48 kWh x 24.500 p = 1,176,000 mp, plus 2 days x 60,000 mp standing charge, from 5,000,000 mp
    expect(rows.at(-1)!.meterBalance).toBe(3_704_000);
    const svg = plotSvg(rows, 'slope');
    const path = svg.match(/<path d="([^"]+)" fill="none" stroke="#1f6fb2"/)![1]!;
    const points: [number, number][] = [];
    for (const [, op, a, b] of path.matchAll(/([MLHV])([\d.]+)(?:,([\d.]+))?/g)) {
      const [px, py] = points.at(-1) ?? [0, 0];
      points.push(op === 'H' ? [Number(a), py] : op === 'V' ? [px, Number(a)] : [Number(a), Number(b)]);
    }
    expect(points.length).toBeGreaterThanOrEqual(2 * 48); // a reading each half hour
    // No flat stretch: wherever the line moves right it also moves down (SVG y grows downwards).
    for (let i = 1; i < points.length; i++) if (points[i]![0] > points[i - 1]![0]) expect(points[i]![1]).toBeGreaterThan(points[i - 1]![1]);
    expect(points.at(-1)![1] - points[0]![1]).toBeGreaterThan(50); // about a fifth of the £0-£50 scale
  });
});
