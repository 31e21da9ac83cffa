// The durable store under crashes and under attack: one process at a time, nothing acknowledged lost or
// undone silently, contents checked on load, and no file that is not a state file overwritten.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LockedError } from '../cli/lock.js';
import { MeterStore, StateFileError } from '../cli/store/meter-store.js';
import { FaultDisk } from './support/fault-disk.js';
import { meterState, RTDS } from './helpers.js';

const UTRN = '73947252416745201637'; // RTDS £12.34 top-up, counter 4 (keys/gbcs-rtds)
const SPAWN_TIMEOUT = 120_000;

const statePath = () => join(mkdtempSync(join(tmpdir(), 'nowan-')), 'meter.json');
const lines = (path: string) => readFileSync(path, 'utf8').split('\n');

/** A meter with a checkpoint after an accepted top-up, then two journaled inputs (load, one hour). */
function journaled(path: string) {
  const meter = new MeterStore(path).create(meterState());
  meter.send({ type: 'TOKEN_ENTERED', digits: UTRN, source: 'keypad' }); // accepted: checkpoint
  meter.send({ type: 'LOAD', watts: 1000 }); // journaled only
  meter.send({ type: 'ADVANCE', to: meter.getSnapshot().context.meter.time + 3600 });
  return meter;
}

describe('MeterStore on the real file system', () => {
  it('saves and restores a meter exactly, replaying the journal', () => {
    const path = statePath();
    const meter = journaled(path);
    expect(lines(path)).toHaveLength(4); // checkpoint, two records, the final newline
    const back = new MeterStore(path).load();
    expect(back.getSnapshot().context.meter).toEqual(meter.getSnapshot().context.meter);
    // £12.34 - 1 kWh x 24,500 mp/kWh = 1,234,000 - 24,500
    expect(back.getSnapshot().context.meter.meterBalance).toBe(1_234_000 - 24_500);
  });

  it('the state file holds key material, so it is readable by its owner only, also when it existed before', () => {
    const path = statePath();
    writeFileSync(path.replace(/meter\.json$/, 'meter.json.tmp'), 'left by a crash', { mode: 0o644 });
    journaled(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('a torn last record (no newline: a crash during its write) is dropped, and that is reported', () => {
    const path = statePath();
    const meter = new MeterStore(path).create(meterState());
    meter.send({ type: 'LOAD', watts: 100 });
    writeFileSync(path, readFileSync(path, 'utf8') + '{"seq":2,"event":{"type":"LOA');
    const store = new MeterStore(path);
    expect(store.load().getSnapshot().context.meter.loadW).toBe(100);
    expect(store.notices).toEqual([expect.stringMatching(/meter\.json: the last journal record was cut short by a crash .* dropped/)]);
  });

  it('a flipped byte in a complete record is refused, naming the file and line, and the file is left as it is', () => {
    const path = statePath();
    journaled(path);
    const good = readFileSync(path, 'utf8');
    const bad = good.replace('"watts":1000', '"watts":1001');
    writeFileSync(path, bad);
    expect(() => new MeterStore(path).load()).toThrow(StateFileError);
    expect(() => new MeterStore(path).load()).toThrow(/meter\.json: line 2 of the journal does not match its checksum\. The file was left as it is; --recover/);
    expect(readFileSync(path, 'utf8')).toBe(bad);
    // The last record damaged (it has its newline, so it was acknowledged): refused too.
    const lastBad = good.replace(/"to":(\d+)/, (_, t) => `"to":${Number(t) + 1}`);
    writeFileSync(path, lastBad);
    expect(() => new MeterStore(path).load()).toThrow(/line 3 of the journal does not match its checksum/);
  });

  it('--recover keeps the state it can prove (before the damaged record) and moves the damaged file aside', () => {
    const path = statePath();
    journaled(path);
    const bad = readFileSync(path, 'utf8').replace('"type":"ADVANCE"', '"type":"ADVANCf"');
    writeFileSync(path, bad);
    const store = new MeterStore(path);
    const meter = store.load({ recover: true })!;
    expect(meter.getSnapshot().context.meter.loadW).toBe(1000); // the load record before the damage
    expect(meter.getSnapshot().context.meter.meterBalance).toBe(1_234_000); // the hour was not proved
    expect(readFileSync(`${path}.damaged-1`, 'utf8')).toBe(bad);
    expect(store.notices[0]).toMatch(/line 3 of the journal does not match its checksum; kept the state after input 2; the damaged file was moved to .*meter\.json\.damaged-1/);
    expect(new MeterStore(path).load().getSnapshot().context.meter).toEqual(meter.getSnapshot().context.meter);
  });

  it('a file truncated to nothing is refused; --recover moves it aside and there is no meter', () => {
    const path = statePath();
    journaled(path);
    writeFileSync(path, '');
    expect(() => new MeterStore(path).load()).toThrow(/meter\.json: the file is empty \(truncated\)/);
    expect(new MeterStore(path).load({ recover: true })).toBe(null);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.damaged-1`)).toBe(true);
  });

  it('a corrupt or truncated checkpoint is refused and left as it is', () => {
    const path = statePath();
    new MeterStore(path).create(meterState());
    const good = readFileSync(path, 'utf8');
    writeFileSync(path, good.replace('"meterBalance":0', '"meterBalance":9'));
    expect(() => new MeterStore(path).load()).toThrow(/checkpoint checksum does not match/);
    writeFileSync(path, good.slice(0, good.length / 2));
    expect(() => new MeterStore(path).load()).toThrow(/its first line is cut short/);
    expect(readFileSync(path, 'utf8')).toBe(good.slice(0, good.length / 2));
  });

  it('a checkpoint edited by hand with its checksum recomputed is refused by content', () => {
    const path = statePath();
    journaled(path);
    new MeterStore(path).load(); // folds the journal into the checkpoint
    const doc = JSON.parse(lines(path)[0]!);
    const forge = (edit: (m: any) => void) => {
      const d = structuredClone(doc);
      edit(d.snapshot.context.meter);
      d.sha256 = createHash('sha256').update(JSON.stringify({ seq: d.seq, snapshot: d.snapshot })).digest('hex');
      writeFileSync(path, JSON.stringify(d) + '\n');
      return () => new MeterStore(path).load();
    };
    // £9,999,754 and an empty counter cache, so that old tokens would be accepted again.
    expect(
      forge((m) => {
        m.meterBalance = 999_975_400;
        m.utrnCounters = [];
      }),
    ).toThrow(/not a meter state the firmware could be in: top-up counter 4 is above every counter in the cache/);
    expect(forge((m) => (m.meterBalance = 'lots'))).toThrow(/not a meter state the firmware could be in: meter.meterBalance: expected an integer/);
    expect(forge((m) => (m.utrnCounters = [5, 3, 1]))).toThrow(/utrnCounters must be distinct counters in ascending order/);
    expect(forge((m) => (m.time = 1e15))).toThrow(/time is outside the meter time range/);
    expect(forge((m) => (m.config.lockoutThreshold = 0))).toThrow(/lockoutThreshold: expected an integer 1..1000/);
  });

  it('never overwrites a file that is not a nowan state file (run --state on a meter configuration)', () => {
    const path = statePath();
    const config = JSON.stringify({ ...RTDS, deviceKeyAgreementPrivateKey: '-----BEGIN PRIVATE KEY-----...' });
    writeFileSync(path, config);
    expect(() => new MeterStore(path).create(meterState())).toThrow(/meter\.json exists and is not a nowan meter state file; refusing to overwrite it/);
    expect(() => new MeterStore(path).load()).toThrow(/not a nowan meter state file/);
    expect(readFileSync(path, 'utf8')).toBe(config);
  });

  it('one process at a time: a second lock on the file is refused, naming it', () => {
    const path = statePath();
    const first = new MeterStore(path);
    first.lock();
    expect(() => new MeterStore(path).lock()).toThrow(LockedError);
    expect(() => new MeterStore(path).lock()).toThrow(`the meter state file ${path} is in use by process ${process.pid}`);
    first.unlock();
    new MeterStore(path).lock();
  });
});

describe('writes follow the durable protocol', () => {
  it('an input is appended and fsynced before it applies; a checkpoint replaces the file atomically', () => {
    const disk = new FaultDisk();
    const meter = new MeterStore('/m/meter.json', disk).create(meterState());
    disk.log.length = 0;
    meter.send({ type: 'LOAD', watts: 1 });
    expect(disk.log).toEqual(['append', 'fsync']);
    disk.log.length = 0;
    meter.send({ type: 'TOKEN_ENTERED', digits: UTRN, source: 'keypad' });
    // the record, then the checkpoint: write a temporary file, fsync, rename over, fsync the directory
    expect(disk.log).toEqual(['append', 'fsync', 'write', 'fsync', 'rename', 'fsyncDir']);
  });
});

describe('two adapters on one state file', () => {
  it(
    'the second is refused with a message naming the file, and the first keeps serving',
    async () => {
      const path = statePath();
      const first = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'adapter', '--state', path], { stdio: ['pipe', 'pipe', 'inherit'] });
      const replies: string[] = [];
      const reply = () =>
        new Promise<string>((done) => {
          const take = () => (replies.length ? done(replies.shift()!) : setTimeout(take, 20));
          take();
        });
      let buffered = '';
      first.stdout.on('data', (d) => {
        buffered += d;
        const parts = buffered.split('\n');
        buffered = parts.pop()!;
        replies.push(...parts);
      });
      first.stdin.write(JSON.stringify({ op: 'hello' }) + '\n');
      await reply(); // the first holds the lock once it answers
      const second = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'adapter', '--state', path], { input: '{"op":"hello"}\n', encoding: 'utf8' });
      expect(second.status).toBe(2);
      expect(second.stderr).toContain(`the meter state file ${path} is in use by process ${first.pid}`);
      expect(second.stdout).toBe('');
      first.stdin.write(JSON.stringify({ op: 'reset', meter: RTDS, time: '2026-02-02T08:00:00Z' }) + '\n');
      expect(JSON.parse(await reply())).toEqual({ ok: true });
      first.stdin.end();
      await new Promise((done) => first.on('exit', done));
      expect(existsSync(`${path}.lock`)).toBe(false);
    },
    SPAWN_TIMEOUT,
  );
});

describe('nowan keypad without a terminal', () => {
  it(
    'says so and points to the scripting commands instead of crashing',
    () => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'keypad'], { input: '', encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('needs an interactive terminal');
      expect(r.stderr).toContain('nowan adapter');
    },
    SPAWN_TIMEOUT,
  );
});
