// The CLI as a process, as a user meets it: exit codes (README "Exit codes"), messages, bounds, `-`.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initCounterHistory } from '../cli/counter-history.js';
import { kebab } from '../cli/field-help.js';
import { loadKeySet } from '../cli/keyset.js';
import { tokenCommand } from '../cli/token.js';
import { COMMANDS } from '../firmware/tokens/command-table.js';
import { RTDS } from './helpers.js';
import { runCli } from './support/cli-run.js';

/** Process-spawning tests get room for a loaded 2-core machine. */
const SPAWN_TIMEOUT = 120_000;

function nowan(args: string[]): Promise<{ status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status, signal) => done({ status, signal, stdout, stderr }));
  });
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

describe.concurrent('the CLI as a process', () => {
  it('fleet --meters far too large is a usage error (2), not a crash', async () => {
    const r = await nowan(['fleet', '--meters', '99999999999999999999']);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("option '--meters <n>' argument '99999999999999999999' is invalid. a whole number 1..10,000,000");
    expect(r.stderr).toContain('(run `nowan fleet --help` for usage)');
  }, SPAWN_TIMEOUT);

  it('a usage error in a nested subcommand exits 2 and names its own help', async () => {
    const r = await nowan(['token', 'issue', 'TopUp', '--pounds', '5']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("error: required option '--keys <file>' not specified\n(run `nowan token issue --help` for usage)\n");
  }, SPAWN_TIMEOUT);

  it('token inspect exits 1 on a wrong check digit, and names the expected one', async () => {
    // The RTDS top-up 7394725241674520163 7 (test/vectors/token-examples.json) with its check digit 8
    const r = await nowan(['token', 'inspect', '73947252416745201638']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('block 1   check digit 8 WRONG (expected 7)');
  }, SPAWN_TIMEOUT);

  it('envelope inspect on an alg "none" JWS says why it is no envelope, and exits 1', async () => {
    const r = await nowan(['envelope', 'inspect', `${b64({ alg: 'none' })}.${b64({ v: 1 })}.`]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('not a nowan envelope');
    expect(r.stdout).toContain('alg "none" is an unsigned JWS');
    expect(r.stdout).not.toContain('undefined');
  }, SPAWN_TIMEOUT);

  it('envelope inspect on text that is not a JWS at all says so and exits 1, like any envelope fault', async () => {
    for (const jws of ['notajws', 'a.b', `%%%.${b64({ v: 1 })}.x`]) {
      const r = await nowan(['envelope', 'inspect', jws]);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/^not a nowan envelope: (an envelope has three base64url parts|the header is not base64url JSON)/);
    }
  }, SPAWN_TIMEOUT);

  it('--json - writes the JSON to standard output and the summary to standard error', async () => {
    const r = await nowan(['fleet', '--meters', '2', '--days', '1', '--workers', '1', '--json', '-']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'nowan-fleet/1', meters: 2, days: 1 });
    expect(r.stderr).toContain('meters 2, 1 days each');
  }, SPAWN_TIMEOUT);

  it('a file that is not JSON is named in the error, and exits 2', async () => {
    const r = await nowan(['token', 'inspect', '73947252416745201637', '--meter', 'README.md']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^nowan: README\.md: not valid JSON \(/);
  }, SPAWN_TIMEOUT);
});

describe('token issue flags', () => {
  const issue = tokenCommand().commands.find((c) => c.name() === 'issue')!;
  const byFlag = new Map(issue.options.map((o) => [o.long!, o]));
  const fieldNames = [...new Set(COMMANDS.flatMap((c) => c.fields.map(([f]) => f)))];

  it('every command field is a kebab-case flag whose help says its unit or meaning and its range', () => {
    for (const f of fieldNames) {
      const option = byFlag.get(`--${kebab(f)}`)!;
      expect(option.hidden, f).toBe(false);
      expect(option.description, f).toMatch(/\d+\.\.\d+|\b0 [a-z]/); // a range, or the meaning of each value
    }
    expect(byFlag.get('--activation-day')!.description).toBe('ChangePrice: days since 2000-01-01 local time, 0..65535; 0 now (with minute 0)');
  });

  it('the camelCase table names stay as unlisted aliases of the same field', () => {
    for (const f of fieldNames.filter((n) => kebab(n) !== n)) {
      expect(byFlag.get(`--${f}`)!.hidden, f).toBe(true);
      expect(byFlag.get(`--${f}`)!.attributeName()).toBe(byFlag.get(`--${kebab(f)}`)!.attributeName());
    }
  });

  it('issues with kebab-case fields', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nowan-kebab-')), 'keyset.json');
    writeFileSync(path, JSON.stringify({ ...RTDS, counterFile: 'keyset.counters.json' }));
    initCounterHistory(loadKeySet(path));
    const args = ['issue', 'ChangePrice', '--element', '0', '--price', '30000', '--activation-day', '0', '--activation-minute', '0', '--counter', 'next', '--keys', path, '--json'];
    const { stdout, error } = await runCli(tokenCommand, args);
    expect(error).toBeNull();
    expect(JSON.parse(stdout).fields).toEqual({ element: 0, price: 30000, activationDay: 0, activationMinute: 0 });
  });
});
