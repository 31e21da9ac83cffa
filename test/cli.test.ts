// The vending CLI pieces: key sets and the counter file that refuses a reused counter.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { claimCounter, loadKeySet, nextFreeCounter } from '../cli/keyset.js';
import { RTDS } from './helpers.js';

function keySetFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nowan-keys-'));
  const path = join(dir, 'keyset.json');
  writeFileSync(path, JSON.stringify(RTDS));
  return path;
}

describe('key sets and issued counters', () => {
  it('a counter issued once is refused the second time (GCM nonce reuse)', () => {
    const keys = loadKeySet(keySetFile());
    claimCounter(keys, 5);
    expect(() => claimCounter(keys, 5)).toThrow(/already issued/);
    claimCounter(keys, 6);
    expect(nextFreeCounter(keys)).toBe(7);
  });

  it('the RTDS key set derives the published shared secret from its PEM keys', () => {
    const keys = loadKeySet(new URL('../keys/rtds-keyset.json', import.meta.url).pathname);
    expect(Buffer.from(keys.party.sharedSecret).toString('hex')).toBe(RTDS.sharedSecret);
  });

  it('a malformed key set is a clear error naming the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nowan-keys-'));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ ...RTDS, deviceId: 'xyz' }));
    expect(() => loadKeySet(join(dir, 'bad.json'))).toThrow(/deviceId must be 16 hex digits/);
  });

  it('nowan token issue prints the grouped digits and exits 2 on a reused counter', () => {
    const path = keySetFile();
    const run = () => spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'token', 'issue', 'TopUp', '--pounds', '10', '--counter', '3', '--keys', path], { encoding: 'utf8' });
    const first = run();
    expect(first.status).toBe(0);
    expect(first.stdout.trim()).toBe('73946 14433 20402 17315');
    const second = run();
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(/counter 3 was already issued/);
  });
});
