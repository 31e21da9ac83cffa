// A meter kept on disk so that a crash at any instant leaves either the old or the new state:
// - the state file (state-file.ts) is the persisted xstate snapshot with a SHA-256 checksum and the
//   number of the last journal record it includes, replaced atomically (temporary file, fsync,
//   rename, fsync directory);
// - every input is first appended to the journal and fsynced (write-ahead), before it is applied, so
//   an `Accepted` shown is durable and a crash mid-input leaves the state before or after it;
// - on start the journal records after the state file's number are replayed in order; the model is
//   deterministic and the counter cache refuses a second application, so replay is exact.
// A corrupt state file is reported (never silently reset) and left as it is.
import { createHash } from 'node:crypto';
import { restoreMeter, startMeter, type MeterActor } from '../../firmware/device.js';
import type { Reply } from '../../firmware/meter.js';
import type { MeterEvent } from '../../firmware/meter.machine.js';
import type { MeterState } from '../../firmware/state.js';
import { nodeDisk, replaceAtomically, type Disk } from './disk.js';
import { parseStateText, StateFileError, stateText } from './state-file.js';

export { StateFileError };

/** Checkpoint when the journal grows past this many records, to bound replay. */
const JOURNAL_LIMIT = 500;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface JournalRecord {
  seq: number;
  event: MeterEvent;
}

/** Journal records in order; a torn or corrupt tail (never acknowledged) is dropped. */
function parseJournal(text: string | null): JournalRecord[] {
  const out: JournalRecord[] = [];
  for (const line of (text ?? '').split('\n')) {
    if (line === '') continue;
    try {
      const r = JSON.parse(line) as { seq: number; event: MeterEvent; sha256: string };
      if (r.sha256 !== sha256(JSON.stringify({ seq: r.seq, event: r.event }))) break;
      out.push({ seq: r.seq, event: r.event });
    } catch {
      break;
    }
  }
  return out;
}

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
    this.seq += 1;
    this.store.appendJournal({ seq: this.seq, event });
    this.journalRecords += 1;
    this.actor.send(event);
    const reply = this.actor.getSnapshot().context.reply as Reply & { result?: string };
    if ((reply.ok && reply.result === 'Accepted') || this.journalRecords >= JOURNAL_LIMIT) this.checkpoint();
  }

  /** Write the state file and empty the journal. */
  checkpoint(): void {
    this.store.writeState(this.seq, this.actor);
    this.store.clearJournal();
    this.journalRecords = 0;
  }
}

export class MeterStore {
  readonly journalPath: string;
  private journalReady = false;

  constructor(
    readonly path: string,
    private readonly disk: Disk = nodeDisk,
  ) {
    this.journalPath = `${path}.journal`;
  }

  exists(): boolean {
    return this.disk.read(this.path) !== null;
  }

  /** Load the state and replay the journal; throws StateFileError for a corrupt state file. */
  load(): DurableMeter {
    const text = this.disk.read(this.path);
    if (text === null) throw new StateFileError(`${this.path}: no such state file`);
    const { seq, snapshot } = parseStateText(text, this.path, sha256);
    const actor = restoreMeter(snapshot);
    let last = seq;
    for (const r of parseJournal(this.disk.read(this.journalPath))) {
      if (r.seq <= last) continue;
      if (r.seq !== last + 1) break; // a gap means a lost record; stop at the last consistent one
      actor.send(r.event);
      last = r.seq;
    }
    const meter = new DurableMeter(this, actor, last);
    if (last !== seq || this.disk.read(this.journalPath) === null) meter.checkpoint();
    this.journalReady = true;
    return meter;
  }

  /** Load the meter, or commission a new one from `fresh` when there is no state file yet. */
  open(fresh: () => MeterState): DurableMeter {
    return this.exists() ? this.load() : this.create(fresh());
  }

  /** A new meter replacing whatever the file held. */
  create(meter: MeterState): DurableMeter {
    const durable = new DurableMeter(this, startMeter(meter), 0);
    durable.checkpoint();
    return durable;
  }

  writeState(seq: number, actor: MeterActor): void {
    replaceAtomically(this.disk, this.path, stateText(seq, actor.getPersistedSnapshot(), sha256));
  }

  appendJournal(record: JournalRecord): void {
    if (!this.journalReady) this.clearJournal();
    this.disk.append(this.journalPath, JSON.stringify({ ...record, sha256: sha256(JSON.stringify(record)) }) + '\n');
    this.disk.fsync(this.journalPath);
  }

  /** An empty journal file, durably in place. */
  clearJournal(): void {
    replaceAtomically(this.disk, this.journalPath, '');
    this.journalReady = true;
  }
}
