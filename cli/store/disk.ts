// The few file-system operations durable storage needs, behind an interface so tests can cut the
// power before or after any one of them (test/support/fault-disk.ts).
import { chmodSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeFileSync, appendFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Disk {
  /** Contents, or null when the file does not exist. */
  read(path: string): string | null;
  /** Create or replace a file's contents (not durable until fsync). */
  write(path: string, text: string): void;
  append(path: string, text: string): void;
  fsync(path: string): void;
  rename(from: string, to: string): void;
  /** Make directory entries (creations, renames) in the file's directory durable. */
  fsyncDir(pathInDir: string): void;
}

export const nodeDisk: Disk = {
  read: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : null),
  // A meter's state holds its key material (the shared secret Z, an Ed25519 public key): owner only,
  // also when a leftover file is written again.
  write: (path, text) => {
    writeFileSync(path, text, { mode: 0o600 });
    chmodSync(path, 0o600);
  },
  append: (path, text) => appendFileSync(path, text, { mode: 0o600 }),
  fsync: (path) => {
    const fd = openSync(path, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  },
  rename: (from, to) => renameSync(from, to),
  fsyncDir: (pathInDir) => {
    try {
      const fd = openSync(dirname(pathInDir), 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch {
      // Some platforms cannot open a directory for fsync; rename is still atomic there.
    }
  },
};

/** Write to a temporary file, fsync it, rename it over the target, fsync the directory. */
export function replaceAtomically(disk: Disk, path: string, text: string): void {
  const tmp = `${path}.tmp`;
  disk.write(tmp, text);
  disk.fsync(tmp);
  disk.rename(tmp, path);
  disk.fsyncDir(path);
}
