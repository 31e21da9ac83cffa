// The meter state is assembled from its sections (firmware/sections.ts): each key is owned by exactly
// one section, a draft copies what an input changes in place and shares only what is replaced, and
// the read-out is every section's fields.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readout } from '../firmware/readout.js';
import { cloneState, factoryState, SECTIONS } from '../firmware/sections.js';
import type { MeterState } from '../firmware/state.js';
import { stateCopySource } from '../scripts/state-copy.js';
import { meterState, T0 } from './helpers.js';

const NOW = Date.parse(T0) / 1000;

describe('the sections of the meter state', () => {
  it('own every key of the state exactly once, and each factory gives exactly what it owns', () => {
    const owned: string[] = SECTIONS.flatMap((s) => s.owns as readonly string[]);
    expect(new Set(owned).size).toBe(owned.length);
    expect(owned.sort()).toEqual(Object.keys(factoryState(NOW)).sort());
    for (const section of SECTIONS) expect(Object.keys(section.factory(NOW)).sort()).toEqual([...(section.owns as readonly string[])].sort());
  });

  it('a draft shares with its state only what is replaced, never changed in place', () => {
    // The logs, the counter cache, the keys, the settings, the tariff, the calendars, the HAN, the
    // debts, the keypad and its lockouts, and the commissioned snapshot: replaced whole (their types are read-only), so a draft need
    // not copy them.
    const shared = new Set(['keys', 'config', 'tariff', 'calendars', 'han', 'timeDebt', 'paymentDebt', 'keypad', 'ppmid', 'utrnCounters', 'events', 'topUps', 'debtRecovery', 'commissioned']);
    const s = meterState({ timeDebt: [{ amount: 5, rate: 1, period: 'daily' }] });
    const d = cloneState(s);
    expect(d).toEqual(s);
    for (const key of Object.keys(s) as (keyof MeterState)[]) {
      if (typeof s[key] !== 'object' || s[key] === null) continue;
      if (shared.has(key)) expect(d[key], key).toBe(s[key]);
      else expect(d[key], key).not.toBe(s[key]);
    }
  });

  it('the draft copy, firmware/state-copy.ts, is generated from the sections and current (npm run state-copy)', () => {
    expect(readFileSync(new URL('../firmware/state-copy.ts', import.meta.url), 'utf8')).toBe(stateCopySource());
  });

  it('the read-out is the union of every section read-out, in section order', () => {
    const s = meterState();
    const keys = SECTIONS.flatMap((section) => ('readout' in section && section.readout ? Object.keys(section.readout(s)) : []));
    expect(Object.keys(readout(s))).toEqual(keys);
    expect(keys).toEqual(expect.arrayContaining(['time', 'fuel', 'meterBalance', 'emergencyCredit', 'config', 'tariff', 'keypad', 'utrnCounters', 'display', 'events', 'topUps', 'debtRecovery']));
  });
});
