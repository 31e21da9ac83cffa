import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { MeterStore, StateFileError } from '../cli/store/meter-store.js';
import { FaultDisk } from './support/fault-disk.js';
import { meterState } from './helpers.js';

const UTRN = '73947252416745201637';

describe('MeterStore on the real file system', () => {
  it('saves and restores a meter exactly, replaying the journal', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nowan-')), 'meter.json');
    const meter = new MeterStore(path).create(meterState());
    meter.send({ type: 'TOKEN_ENTERED', digits: UTRN, source: 'keypad' }); // accepted: checkpoint
    meter.send({ type: 'LOAD', watts: 700 }); // journaled only
    meter.send({ type: 'ADVANCE', to: meter.getSnapshot().context.meter.time + 7200 });
    const back = new MeterStore(path).load();
    expect(back.getSnapshot().context.meter).toEqual(meter.getSnapshot().context.meter);
    expect(back.getSnapshot().context.meter.meterBalance).toBe(1_234_000 - 34_300); // 1.4 kWh x 24,500
  });

  it('reports a corrupt or truncated state file and leaves it as it is', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nowan-')), 'meter.json');
    new MeterStore(path).create(meterState());
    const good = readFileSync(path, 'utf8');
    writeFileSync(path, good.replace('"meterBalance":0', '"meterBalance":9'));
    expect(() => new MeterStore(path).load()).toThrow(StateFileError);
    expect(() => new MeterStore(path).load()).toThrow(/checksum mismatch/);
    writeFileSync(path, good.slice(0, good.length / 2));
    expect(() => new MeterStore(path).load()).toThrow(/not valid JSON/);
    expect(readFileSync(path, 'utf8')).toBe(good.slice(0, good.length / 2));
  });

  it('drops a torn journal tail that was never acknowledged', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nowan-')), 'meter.json');
    const meter = new MeterStore(path).create(meterState());
    meter.send({ type: 'LOAD', watts: 100 });
    writeFileSync(`${path}.journal`, readFileSync(`${path}.journal`, 'utf8') + '{"seq":2,"event":{"type":"LOA');
    expect(new MeterStore(path).load().getSnapshot().context.meter.loadW).toBe(100);
  });
});

describe('writes follow the durable protocol', () => {
  it('an input is appended and fsynced before it applies; the state file is replaced atomically', () => {
    const disk = new FaultDisk();
    const meter = new MeterStore('/m/meter.json', disk).create(meterState());
    disk.log.length = 0;
    meter.send({ type: 'LOAD', watts: 1 });
    expect(disk.log).toEqual(['append', 'fsync']);
    disk.log.length = 0;
    meter.send({ type: 'TOKEN_ENTERED', digits: UTRN, source: 'keypad' });
    // journal record, then state file and an empty journal, each: write tmp, fsync, rename, fsync dir
    expect(disk.log).toEqual(['append', 'fsync', 'write', 'fsync', 'rename', 'fsyncDir', 'write', 'fsync', 'rename', 'fsyncDir']);
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
