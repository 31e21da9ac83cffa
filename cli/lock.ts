// An exclusive inter-process lock: a lock file created with O_EXCL holding the owner's pid and host.
// A lock whose owner is a dead process on this host is stale (the owner crashed or was killed) and is
// broken; breaking happens under a second O_EXCL file so that two processes breaking the same stale
// lock cannot both end up holding it. A lock held on another host cannot be checked and is never
// broken. Node has no flock(2); this is the portable way.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync, fsyncSync } from 'node:fs';
import { hostname } from 'node:os';

export class LockedError extends Error {}

interface Owner {
  pid: number;
  host: string;
}

function readOwner(path: string): Owner | null | 'gone' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw e;
  }
  try {
    const o = JSON.parse(text) as Partial<Owner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? { pid: o.pid, host: o.host } : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Milliseconds since the file was last modified, or null when it is gone. */
function age(path: string): number | null {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

/** An owner that wrote nothing readable within this long died between creating and writing. */
const UNREADABLE_GRACE_MS = 5_000;

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname() }));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function isStale(owner: Owner | null, path: string): boolean {
  if (owner === null) return (age(path) ?? 0) > UNREADABLE_GRACE_MS;
  return owner.host === hostname() && owner.pid !== process.pid && !alive(owner.pid);
}

/** Remove `path` if it is (still) stale, holding `${path}.break` meanwhile. */
function breakStale(path: string): void {
  const breaker = `${path}.break`;
  if (!tryCreate(breaker)) {
    const other = readOwner(breaker);
    if (other !== 'gone' && isStale(other, breaker)) unlinkQuiet(breaker);
    return;
  }
  try {
    const owner = readOwner(path);
    if (owner !== 'gone' && isStale(owner, path)) unlinkQuiet(path);
  } finally {
    unlinkQuiet(breaker);
  }
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

export interface Lock {
  readonly path: string;
  release(): void;
}

/**
 * Take the lock at `path`, waiting up to `waitMs` for a live owner to let go. Throws LockedError
 * naming what `what` is and who holds it.
 */
export function acquireLock(path: string, what: string, waitMs = 0): Lock {
  const deadline = Date.now() + waitMs;
  for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
    if (tryCreate(path)) {
      let held = true;
      return {
        path,
        release: () => {
          if (held) unlinkQuiet(path);
          held = false;
        },
      };
    }
    const owner = readOwner(path);
    if (owner === 'gone') continue;
    if (isStale(owner, path)) {
      breakStale(path);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = owner ? `process ${owner.pid} on ${owner.host}` : 'another process';
      throw new LockedError(`${what} is in use by ${who} (lock file ${path}); if no such process runs, delete the lock file`);
    }
    Atomics.wait(sleeper, 0, 0, pause);
  }
}
