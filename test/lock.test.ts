// The inter-process lock: held locks refuse with a message naming the file; a dead owner's lock is broken.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, LockedError } from '../cli/lock.js';

const lockPath = () => join(mkdtempSync(join(tmpdir(), 'nowan-lock-')), 'x.lock');

describe('acquireLock', () => {
  it('a held lock is refused, naming what and the lock file; released, it can be taken again', () => {
    const path = lockPath();
    const lock = acquireLock(path, 'the thing');
    expect(() => acquireLock(path, 'the thing')).toThrow(LockedError);
    expect(() => acquireLock(path, 'the thing')).toThrow(`the thing is in use by process ${process.pid} on ${hostname()} (lock file ${path})`);
    lock.release();
    expect(existsSync(path)).toBe(false);
    acquireLock(path, 'the thing').release();
  });

  it('the lock of a process that died (kill -9 leaves it behind) is broken', () => {
    const path = lockPath();
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(path, JSON.stringify({ pid: dead, host: hostname() }));
    const lock = acquireLock(path, 'the thing');
    expect(() => acquireLock(path, 'the thing')).toThrow(LockedError);
    lock.release();
  });

  it('a lock held on another host is never broken', () => {
    const path = lockPath();
    writeFileSync(path, JSON.stringify({ pid: 1, host: 'elsewhere.invalid' }));
    expect(() => acquireLock(path, 'the thing')).toThrow(/process 1 on elsewhere.invalid/);
  });
});
