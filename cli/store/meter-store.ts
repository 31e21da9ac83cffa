// A meter kept on disk so that a crash at any instant leaves either the old or the new state, and an
// acknowledged input is never lost or undone silently. One file, JSON Lines (state-file.ts):
// - line 1, the checkpoint: the persisted xstate snapshot, the number of the last input it includes,
//   and a SHA-256 checksum; it is only ever replaced whole, atomically (temporary file, fsync, rename,
//   fsync directory), so it is never torn;
// - every later line, the journal: one input with its number and checksum, appended and fsynced
//   before it is applied (write-ahead), so an input acknowledged is durable;
// - on start the checkpoint is checked (checksum and contents), then the journal replayed in order;
//   the model is deterministic and the counter cache refuses a second application, so replay is exact.
// A last line without its newline is a record torn by a crash during its write: it was never
// acknowledged, so it is dropped, and that is reported. Any other damage is refused, naming the file
// and the line, and the file is left as it is; `recover` keeps the last state that can be proved and
// moves the damaged file aside. The file is used by one process at a time (`lock`).
import { createHash } from 'node:crypto';
import { restoreMeter, startMeter, type MeterActor } from '../../protocol/device.js';
import { tokenOf } from '../../firmware/meter.js';
import type { MeterEvent } from '../../firmware/meter.machine.js';
import type { MeterState } from '../../firmware/state.js';
import { acquireLock } from '../lock.js';
import { nodeDisk, replaceAtomically, type Disk } from './disk.js';
import { isStateFile, readStateText, recordText, StateFileError, stateText } from './state-file.js';

/** Checkpoint when the journal grows past this many records, to bound replay. */
const JOURNAL_LIMIT = 500;
/** Requests are bounded before they reach the meter (protocol/device.ts LIMITS); this is the backstop. */
const MAX_RECORD_BYTES = 64 * 1024;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export { StateFileError };

/** The meter actor with every input journaled: use it where an actor is used. */
export class DurableMeter {
  private seq: number;
  private journalRecords = 0;

  constructor(
    private readonly store: MeterStore,
    readonly actor: MeterActor,
    seq: number,
  ) {
    this.seq = seq;
  }

  getSnapshot(): ReturnType<MeterActor['getSnapshot']> {
    return this.actor.getSnapshot();
  }

  send(event: MeterEvent): void {
    this.store.appendRecord(this.seq + 1, event);
    this.seq += 1;
    this.journalRecords += 1;
    this.actor.send(event);
    if (tokenOf(this.actor.getSnapshot().context.outcome)?.result === 'Accepted' || this.journalRecords >= JOURNAL_LIMIT) this.checkpoint();
  }

  /** Replace the file with a checkpoint of the current state (an empty journal). */
  checkpoint(): void {
    this.store.writeCheckpoint(this.seq, this.actor);
    this.journalRecords = 0;
  }
}

export interface LoadOptions {
  /** keep the last state that can be proved and move a damaged file aside, instead of refusing */
  recover?: boolean;
}

export class MeterStore {
  /** What loading found and did that the user should know (a dropped torn record, a recovery). */
  readonly notices: string[] = [];
  private releaseLock: (() => void) | null = null;

  constructor(
    readonly path: string,
    private readonly disk: Disk = nodeDisk,
  ) {}

  /** Take the file for this process; a second process is refused with a message naming the file. */
  lock(): void {
    if (this.releaseLock) return;
    const lock = acquireLock(`${this.path}.lock`, `the meter state file ${this.path}`);
    const release = () => lock.release();
    process.once('exit', release);
    this.releaseLock = () => {
      process.off('exit', release);
      release();
    };
  }

  unlock(): void {
    this.releaseLock?.();
    this.releaseLock = null;
  }

  exists(): boolean {
    return this.disk.read(this.path) !== null;
  }

  /**
   * Load the checkpoint and replay the journal; throws StateFileError for damage (see the top of this
   * file). With `recover`, null when no state at all could be proved (the file was moved aside).
   */
  load(): DurableMeter;
  load(options: LoadOptions): DurableMeter | null;
  load(options: LoadOptions = {}): DurableMeter | null {
    const text = this.disk.read(this.path);
    if (text === null) throw new StateFileError(`${this.path}: no such state file`);
    const refuse = (what: string): never => {
      throw new StateFileError(
        `${this.path}: ${what}. The file was left as it is; --recover keeps the last state that can be proved and moves the damaged file aside`,
      );
    };
    const file = readStateText(text, sha256);
    if (!file.ok) {
      if (file.notStateFile) throw new StateFileError(`${this.path}: not a nowan meter state file; it was left as it is`);
      if (!options.recover) refuse(file.problem);
      this.moveAside(`${file.problem}; no state could be proved from it; there is no meter until one is commissioned`);
      return null;
    }
    const actor = restoreMeter(file.snapshot);
    let last = file.seq;
    let damage = file.damage;
    for (const event of file.records) {
      try {
        actor.send(event);
      } catch (e) {
        damage = `line ${last - file.seq + 2} of the journal could not be replayed (${(e as Error).message})`;
        break;
      }
      last += 1;
    }
    if (damage !== null) {
      if (!options.recover) refuse(damage);
      this.moveAside(`${damage}; kept the state after input ${last}`);
    } else if (file.torn) {
      this.notices.push(`${this.path}: the last journal record was cut short by a crash while it was written (so it was never acknowledged) and was dropped`);
    }
    const meter = new DurableMeter(this, actor, last);
    if (file.records.length > 0 || file.torn || damage !== null) meter.checkpoint();
    return meter;
  }

  /** Load the meter, or commission a new one from `fresh` when there is no state file yet. */
  open(fresh: () => MeterState, options: LoadOptions = {}): DurableMeter {
    return (this.exists() ? this.load(options) : null) ?? this.create(fresh());
  }

  /** A new meter replacing the meter the file held; never replaces a file that is not a state file. */
  create(meter: MeterState): DurableMeter {
    const text = this.disk.read(this.path);
    if (text !== null && text !== '' && !isStateFile(text)) {
      throw new StateFileError(`${this.path} exists and is not a nowan meter state file; refusing to overwrite it (name a new file or remove it)`);
    }
    const durable = new DurableMeter(this, startMeter(meter), 0);
    durable.checkpoint();
    return durable;
  }

  writeCheckpoint(seq: number, actor: MeterActor): void {
    replaceAtomically(this.disk, this.path, stateText(seq, actor.getPersistedSnapshot(), sha256));
  }

  appendRecord(seq: number, event: MeterEvent): void {
    const line = recordText(seq, event, sha256);
    if (line.length > MAX_RECORD_BYTES) throw new RangeError(`a meter input of ${line.length} bytes is over the journal's ${MAX_RECORD_BYTES}`);
    this.disk.append(this.path, line);
    this.disk.fsync(this.path);
  }

  /** Rename the damaged file to the first free `<path>.damaged-N` and say so. */
  private moveAside(what: string): void {
    let n = 1;
    while (this.disk.read(`${this.path}.damaged-${n}`) !== null) n++;
    const aside = `${this.path}.damaged-${n}`;
    this.disk.rename(this.path, aside);
    this.disk.fsyncDir(this.path);
    this.notices.push(`${this.path}: ${what}; the damaged file was moved to ${aside}`);
  }
}
