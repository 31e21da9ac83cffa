// Key material is never echoed: not in badConfig messages, not on inspect's stderr.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tokenCommand } from '../cli/token.js';
import { Device } from '../protocol/device.js';
import { RTDS } from './helpers.js';
import { runCli } from './support/cli-run.js';

const MISTYPED = RTDS.sharedSecret.slice(0, 63) + 'g'; // one wrong character: still nearly all of Z

describe('a mistyped shared secret', () => {
  it('is badConfig without the value', () => {
    const r = new Device().handle({ op: 'reset', meter: { ...RTDS, sharedSecret: MISTYPED }, time: '2026-02-02T08:00:00Z' });
    expect(r).toEqual({ ok: false, error: { code: 'badConfig', message: 'meter.sharedSecret: expected 32 bytes of hex' } });
  });

  it('is not echoed by token inspect --meter', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nowan-')), 'meter.json');
    writeFileSync(path, JSON.stringify({ ...RTDS, sharedSecret: MISTYPED }));
    const r = await runCli(tokenCommand, ['inspect', '73946 14433 20402 17315', '--meter', path]);
    expect(r.error?.message).toBe(`${path}: meter.sharedSecret: expected 32 bytes of hex`);
  });

  it('other bad values are echoed only shortened', () => {
    const r = new Device().handle({ op: 'reset', meter: { ...RTDS, fuel: 'x'.repeat(10_000) }, time: '2026-02-02T08:00:00Z' }) as { error: { message: string } };
    expect(r.error.message.length).toBeLessThan(120);
  });
});
