import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { startMeter } from '../firmware/device.js';
import { MeterStore, StateFileError } from '../cli/meter-store.js';
import { meterState } from './helpers.js';

describe('MeterStore', () => {
  it('saves and restores a meter exactly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nowan-'));
    const store = new MeterStore(join(dir, 'meter.json'));
    const actor = startMeter(meterState());
    actor.send({ type: 'TOKEN_ENTERED', digits: '73947252416745201637', source: 'keypad' });
    store.save(actor);
    const back = store.load();
    expect(back.getSnapshot().context.meter).toEqual(actor.getSnapshot().context.meter);
  });

  it('reports a corrupt or truncated file and leaves it as it is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nowan-'));
    const path = join(dir, 'meter.json');
    const store = new MeterStore(path);
    store.save(startMeter(meterState()));
    const good = readFileSync(path, 'utf8');
    writeFileSync(path, good.replace('"meterBalance":0', '"meterBalance":9'));
    expect(() => store.load()).toThrow(StateFileError);
    expect(() => store.load()).toThrow(/checksum mismatch/);
    writeFileSync(path, good.slice(0, good.length / 2));
    expect(() => store.load()).toThrow(/not valid JSON/);
    expect(readFileSync(path, 'utf8')).toBe(good.slice(0, good.length / 2));
  });
});

describe('nowan keypad without a terminal', () => {
  it('says so and points to the scripting commands instead of crashing', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'keypad'], { input: '', encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('needs an interactive terminal');
    expect(r.stderr).toContain('nowan adapter');
  });
});
