// A meter kept in a file: the persisted xstate snapshot with a SHA-256 checksum, replaced atomically
// (temporary file, fsync, rename, fsync the directory). A corrupt file is reported, never reset.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { restoreMeter, startMeter, type MeterActor } from '../firmware/device.js';
import type { MeterState } from '../firmware/state.js';
import { writeFileAtomic } from './files.js';

const FORMAT = 'nowan-meter-state/1';

function checksum(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function serialise(actor: MeterActor): string {
  const snapshot = JSON.stringify(actor.getPersistedSnapshot());
  return `{"format":"${FORMAT}","sha256":"${checksum(snapshot)}","snapshot":${snapshot}}\n`;
}

export class StateFileError extends Error {}

/** Parse a state file's text; throws StateFileError with a precise reason. */
export function deserialise(text: string, path: string): MeterActor {
  let doc: { format?: unknown; sha256?: unknown; snapshot?: unknown };
  try {
    doc = JSON.parse(text);
  } catch {
    throw new StateFileError(`${path}: not valid JSON (truncated or corrupt); the file was left as it is`);
  }
  if (doc.format !== FORMAT) throw new StateFileError(`${path}: not a nowan meter state file (format ${JSON.stringify(doc.format)})`);
  const snapshot = JSON.stringify(doc.snapshot);
  if (doc.sha256 !== checksum(snapshot)) throw new StateFileError(`${path}: checksum mismatch (corrupt); the file was left as it is`);
  return restoreMeter(doc.snapshot);
}

export class MeterStore {
  constructor(readonly path: string) {}

  exists(): boolean {
    return existsSync(this.path);
  }

  load(): MeterActor {
    return deserialise(readFileSync(this.path, 'utf8'), this.path);
  }

  /** Load the meter, or commission a new one from `fresh` when there is no file yet. */
  open(fresh: () => MeterState): MeterActor {
    if (this.exists()) return this.load();
    const actor = startMeter(fresh());
    this.save(actor);
    return actor;
  }

  save(actor: MeterActor): void {
    writeFileAtomic(this.path, serialise(actor));
  }
}
