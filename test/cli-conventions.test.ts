// The CLI as a process, as a user meets it: exit codes, messages, bounds.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** Process-spawning tests get room for a loaded 2-core machine. */
const SPAWN_TIMEOUT = 120_000;

function nowan(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

describe('bounds on numbers', () => {
  it('fleet --meters far too large is a usage error, not a crash', () => {
    const r = nowan(['fleet', '--meters', '99999999999999999999']);
    expect(r.status).not.toBe(0);
    expect(r.signal).toBeNull();
    expect(r.stderr).toContain("option '--meters <n>' argument '99999999999999999999' is invalid. a whole number 1..10,000,000");
  }, SPAWN_TIMEOUT);
});
