// The vending CLI: key sets, the counter history (one counter, one token, ever) and what is printed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, unlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { counterFileOf, initCounterHistory, withNewCounter } from '../cli/counter-history.js';
import { loadKeySet } from '../cli/keyset.js';
import { Device } from '../protocol/device.js';
import { envelopeCommand } from '../cli/envelope.js';
import { keysCommand } from '../cli/keygen.js';
import { tokenCommand } from '../cli/token.js';
import { RTDS } from './helpers.js';
import { runCli } from './support/cli-run.js';

/** Process-spawning tests get room for a loaded 2-core machine. */
const SPAWN_TIMEOUT = 120_000;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'nowan-keys-'));
}

/** A user's copy of the RTDS key set with its history next to it. */
function keySetFile(extra: Record<string, unknown> = { counterFile: 'keyset.counters.json' }): string {
  const path = join(tempDir(), 'keyset.json');
  writeFileSync(path, JSON.stringify({ ...RTDS, ...extra }));
  return path;
}

function nowan(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

const issueOne = (keys: ReturnType<typeof loadKeySet>, c: number | 'next') => withNewCounter(keys, c, (n) => n, {}).counter;

describe('the counter history', () => {
  it('a counter issued once is refused the second time (GCM nonce reuse); next is one above the highest', () => {
    const keys = loadKeySet(keySetFile());
    initCounterHistory(keys);
    expect(issueOne(keys, 5)).toBe(5);
    expect(() => issueOne(keys, 5)).toThrow(/counter 5 was already issued/);
    expect(issueOne(keys, 3)).toBe(3);
    expect(issueOne(keys, 'next')).toBe(6);
    expect(JSON.parse(readFileSync(counterFileOf(keys), 'utf8')).issued).toEqual([3, 5, 6]);
  });

  it('a refusal inside the issue records nothing', () => {
    const keys = loadKeySet(keySetFile());
    initCounterHistory(keys);
    expect(() =>
      withNewCounter(keys, 'next', () => {
        throw new Error('too large');
      }),
    ).toThrow('too large');
    expect(issueOne(keys, 'next')).toBe(1);
  });

  it('a missing history is refused unless started explicitly; a deleted one is never started over', () => {
    const keys = loadKeySet(keySetFile());
    expect(() => issueOne(keys, 1)).toThrow(/no counter history.*--init-counters/);
    expect(withNewCounter(keys, 'next', (n) => n, { init: true }).counter).toBe(1);
    unlinkSync(counterFileOf(keys));
    expect(() => issueOne(keys, 'next')).toThrow(/keyset\.counters\.json: no counter history/);
  });

  it('a history of the wrong shape is refused, naming the file and the fault, and left as it is', () => {
    const keys = loadKeySet(keySetFile());
    initCounterHistory(keys);
    const file = counterFileOf(keys);
    const good = { format: 'nowan-counters/1', originatorId: RTDS.originatorId.toUpperCase(), deviceId: RTDS.deviceId.toUpperCase(), issued: [1, 2] };
    const cases: [unknown, RegExp][] = [
      [{ issued: '1,2' }, /not a nowan counter history/],
      [[1, 2], /not a JSON object/],
      [{ ...good, issued: '1,2' }, /"issued" must be an array/],
      [{ ...good, issued: ['1', '2'] }, /issued\[0\] must be an integer/],
      [{ ...good, issued: [2, 1] }, /issued\[1\] is not above/],
      [{ ...good, issued: [0] }, /issued\[0\] must be an integer 1\.\.4294967295/],
      [{ ...good, deviceId: 'DE00000000000001' }, /not of this key set/],
    ];
    for (const [doc, message] of cases) {
      writeFileSync(file, JSON.stringify(doc));
      expect(() => issueOne(keys, 'next')).toThrow(message);
      expect(() => issueOne(keys, 'next')).toThrow(file);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(doc);
    }
    writeFileSync(file, '{"format":');
    expect(() => issueOne(keys, 'next')).toThrow(/not valid JSON/);
  });

  it('a key set without counterFile keeps its history in the data folder (NOWAN_DATA_DIR), named by its identity', () => {
    const keys = loadKeySet(keySetFile({}));
    expect(counterFileOf(keys)).toBe(join(process.env.NOWAN_DATA_DIR!, 'counters', '90B3D51F30010000-00DB1234567890A0.json'));
  });

  it('the TEST key sets shipped in keys/ start their history on first use, in the data folder, not in the package', () => {
    const keys = loadKeySet(new URL('../keys/demo-keyset.json', import.meta.url).pathname);
    const file = counterFileOf(keys);
    expect(file.startsWith(process.env.NOWAN_DATA_DIR!)).toBe(true);
    const first = issueOne(keys, 'next');
    expect(issueOne(keys, 'next')).toBe(first + 1);
    expect(existsSync(new URL('../.nowan', import.meta.url).pathname + '/demo.counters.json')).toBe(false);
  });

  it(
    '8 processes issuing 50 tokens each at once get 400 distinct counters, all recorded',
    async () => {
      const path = keySetFile();
      initCounterHistory(loadKeySet(path));
      const run = () =>
        new Promise<number[]>((done, fail) => {
          const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/issue-many.ts', path, '50'], { stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          child.stdout.on('data', (d) => (out += d));
          child.on('exit', (code) => (code === 0 ? done(out.trim().split('\n').map(Number)) : fail(new Error(`exit ${code}`))));
        });
      const all = (await Promise.all(Array.from({ length: 8 }, run))).flat();
      // Counters 1..400, each handed out once (8 x 50 = 400).
      expect(all).toHaveLength(400);
      expect([...all].sort((a, b) => a - b)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
      expect(JSON.parse(readFileSync(counterFileOf(loadKeySet(path)), 'utf8')).issued).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    },
    SPAWN_TIMEOUT,
  );
});

describe('key sets', () => {
  it('the RTDS key set derives the published shared secret from its PEM keys', () => {
    const keys = loadKeySet(new URL('../keys/rtds-keyset.json', import.meta.url).pathname);
    expect(Buffer.from(keys.party.sharedSecret).toString('hex')).toBe(RTDS.sharedSecret);
  });

  it('a malformed key set is a clear error naming the field', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...RTDS, deviceId: 'xyz' }));
    expect(() => loadKeySet(join(dir, 'bad.json'))).toThrow(/deviceId must be 16 hex digits/);
  });

  it('a key file that is not JSON is reported by position, without quoting its contents', () => {
    const dir = tempDir();
    // The parser stops at index 18, the 'c' after the 5: line 1, column 19.
    writeFileSync(join(dir, 'bad.json'), '{"sharedSecret": 5c00feedfacecafe}');
    expect(() => loadKeySet(join(dir, 'bad.json'))).toThrow(/bad\.json: not valid JSON \(a syntax error at line 1, column 19\)/);
    expect(() => loadKeySet(join(dir, 'bad.json'))).not.toThrow(/feedface/);
  });
});

const tokens = (...args: string[]) => runCli(tokenCommand, ['issue', ...args]);
const envelopes = (...args: string[]) => runCli(envelopeCommand, ['issue', ...args]);
const keysGen = (...args: string[]) => runCli(keysCommand, ['gen', ...args]);

describe('nowan token issue and envelope issue', () => {
  it('prints the grouped digits, refuses a reused counter, and --counter next names the counter it used', async () => {
    const path = keySetFile();
    const first = await tokens('TopUp', '--pounds', '10', '--counter', '3', '--keys', path, '--init-counters');
    expect(first).toEqual({ stdout: '73946 14433 20402 17315\n', error: null });
    expect((await tokens('TopUp', '--pounds', '10', '--counter', '3', '--keys', path)).error?.message).toMatch(/counter 3 was already issued/);
    const next = await tokens('TopUp', '--pounds', '10', '--counter', 'next', '--keys', path, '--json');
    const out = JSON.parse(next.stdout);
    expect(out.utrnCounter).toBe(4);
    // The per-token key K would let anyone forge any amount under this counter: never printed.
    expect(Object.keys(out).sort()).toEqual(['aadHex', 'command', 'fields', 'grouped', 'tagHex', 'token', 'utrnCounter']);
    expect(next.stdout).not.toMatch(/keyHex|sharedSecret/i);
    const command = await tokens('AddDebt', '--register', '0', '--amount', '2500', '--counter', 'next', '--keys', path, '--json');
    expect(Object.keys(JSON.parse(command.stdout)).sort()).toEqual(['aadHex', 'bodyHex', 'command', 'fields', 'grouped', 'tagHex', 'token', 'utrnCounter']);
    const plain = await tokens('TopUp', '--pence', '1', '--counter', 'next', '--keys', path);
    expect(plain.stdout.split('\n')[1]).toBe('counter 6');
  });

  it('a refused request spends no counter', async () => {
    const path = keySetFile();
    initCounterHistory(loadKeySet(path));
    expect((await tokens('TopUp', '--pounds', '9000', '--counter', 'next', '--keys', path)).error?.message).toMatch(/--pounds must be 0..8191/);
    expect((await tokens('OpenHan', '--minutes', '0', '--deviceClass', '1', '--counter', 'next', '--keys', path)).error?.message).toMatch(/minutes must be 1..255/);
    expect(JSON.parse((await tokens('TopUp', '--pence', '1', '--counter', 'next', '--keys', path, '--json')).stdout).utrnCounter).toBe(1);
  });

  it('the demo key set issues on a clean data folder (no directory to create by hand)', async () => {
    const data = join(tempDir(), 'fresh', 'data');
    const saved = process.env.NOWAN_DATA_DIR;
    process.env.NOWAN_DATA_DIR = data;
    try {
      expect((await tokens('TopUp', '--keys', 'keys/demo-keyset.json', '--counter', '10', '--pounds', '20')).error).toBe(null);
    } finally {
      process.env.NOWAN_DATA_DIR = saved;
    }
    expect(JSON.parse(readFileSync(join(data, 'counters', '90B3D51F30010000-DE00000000000001.json'), 'utf8')).issued).toEqual([10]);
  });

  it('envelope issue refuses what the meter would refuse, before signing or spending a counter', async () => {
    const path = keySetFile({ counterFile: 'keyset.counters.json', supplierSigningPrivateKey: 'f2dd1a2454a7fcd10694771b072003607687b3793f68578efdc9ac35b7cd86e1' });
    initCounterHistory(loadKeySet(path));
    const issue = (...commands: string[]) => envelopes('--keys', path, '--counter', 'next', ...commands.flatMap((c) => ['--command', c]));
    const refusals: [string[], RegExp][] = [
      [['{"name":"TopUp"}'], /TopUp needs exactly amountPence/],
      [['{"name":"Bogus"}'], /unknown command "Bogus"/],
      [['{"name":"TopUp","amountPence":99999999}'], /amountPence 1\.\.16777215/],
      [['{"name":"OpenHan","minutes":0,"deviceClass":1}'], /OpenHan minutes must be 1..255/],
      [Array(17).fill('{"name":"TopUp","amountPence":1}'), /1 to 16 commands, not 17/],
    ];
    for (const [commands, message] of refusals) {
      const r = await issue(...commands);
      expect(r.error?.message).toMatch(message);
      expect(r.stdout).toBe('');
    }
    const ok = await issue('{"name":"TopUp","amountPence":500}');
    const [, payload] = ok.stdout.trim().split('.');
    // Nothing was spent by the refusals: the first envelope gets counter 1.
    expect(JSON.parse(Buffer.from(payload!, 'base64url').toString()).utrnCounter).toBe(1);
    expect(JSON.parse(readFileSync(counterFileOf(loadKeySet(path)), 'utf8')).issued).toEqual([1]);
  });

  it(
    'as a process: exit 2 and the reason on stderr for a reused counter',
    () => {
      const path = keySetFile();
      initCounterHistory(loadKeySet(path));
      withNewCounter(loadKeySet(path), 3, (n) => n);
      const r = nowan(['token', 'issue', 'TopUp', '--pounds', '10', '--counter', '3', '--keys', path]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/counter 3 was already issued/);
      expect(r.stdout).toBe('');
    },
    SPAWN_TIMEOUT,
  );
});

describe('nowan keys gen', () => {
  it('refuses to replace a key set without --force; private files are 0600 also when replaced; the history survives', async () => {
    const out = join(tempDir(), 'gen');
    expect((await keysGen('--out', out, '--seed', '00')).error).toBe(null);
    const keyset = join(out, 'supplier-keyset.json');
    const before = readFileSync(keyset, 'utf8');
    const again = await keysGen('--out', out, '--seed', '01');
    expect(again.error?.message).toMatch(/supplier-keyset\.json and .*meter\.json already exist.*--force/);
    expect(readFileSync(keyset, 'utf8')).toBe(before);
    // An issued counter, then a forced regeneration with the same seed: the counter stays issued.
    expect((await tokens('TopUp', '--pence', '1', '--counter', 'next', '--keys', keyset)).error).toBe(null);
    chmodSync(keyset, 0o644);
    chmodSync(join(out, 'meter.json'), 0o644);
    expect((await keysGen('--out', out, '--seed', '00', '--force')).error).toBe(null);
    expect(statSync(keyset).mode & 0o777).toBe(0o600);
    expect(statSync(join(out, 'meter.json')).mode & 0o777).toBe(0o600);
    expect((await tokens('TopUp', '--pence', '1', '--counter', '1', '--keys', keyset)).error?.message).toMatch(/counter 1 was already issued/);
  });

  it('a new meter from the generated configuration accepts the first issued token', async () => {
    const dir = join(tempDir(), 'k');
    mkdirSync(dir);
    expect((await keysGen('--out', dir, '--seed', '02')).error).toBe(null);
    const t = await tokens('TopUp', '--pounds', '5', '--counter', 'next', '--keys', join(dir, 'supplier-keyset.json'));
    const d = new Device();
    expect(d.handle({ op: 'reset', meter: JSON.parse(readFileSync(join(dir, 'meter.json'), 'utf8')), time: '2026-02-02T08:00:00Z' })).toEqual({ ok: true });
    expect(d.handle({ op: 'token', digits: t.stdout.split('\n')[0] })).toMatchObject({ result: 'Accepted' });
  });
});
