// The meter kept in the browser: every input is applied and the state saved to localStorage before
// the page shows it, in the `--meter` state file format (cli/store/state-file.ts), so a file exported
// here opens with `nowan keypad --meter` and the other way round.
import { sha256 } from '@noble/hashes/sha2.js';
import { restoreMeter, startMeter, type MeterActor, type MeterLike } from '../protocol/device.js';
import type { MeterEvent } from '../firmware/meter.machine.js';
import type { MeterState } from '../firmware/state.js';
import { bytesToHex, utf8Bytes } from '../firmware/tokens/bytes.js';
import { parseStateText, stateText, StateFileError } from '../cli/store/state-file.js';

export const STORAGE_KEY = 'nowan.meter';
/** Where an unreadable saved meter is moved, so starting afresh never destroys it. */
export const CORRUPT_KEY = 'nowan.meter.corrupt';
/** The largest state file accepted for import. */
export const MAX_IMPORT_BYTES = 2_000_000;

/** What the page needs of localStorage (a Map-backed one in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const checksum = (text: string) => bytesToHex(sha256(utf8Bytes(text)));

export class BrowserMeter implements MeterLike {
  private seq: number;

  constructor(
    private readonly actor: MeterActor,
    private readonly storage: KeyValueStore,
    seq = 0,
  ) {
    this.seq = seq;
    this.save();
  }

  getSnapshot(): ReturnType<MeterActor['getSnapshot']> {
    return this.actor.getSnapshot();
  }

  send(event: MeterEvent): void {
    this.actor.send(event);
    this.seq += 1;
    this.save();
  }

  /** The state file text, for export. */
  text(): string {
    return stateText(this.seq, this.actor.getPersistedSnapshot(), checksum);
  }

  private save(): void {
    this.storage.setItem(STORAGE_KEY, this.text());
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The shape of a persisted meter snapshot, checked before xstate sees it (it reports bad ones late). */
function isMeterSnapshot(snapshot: unknown): boolean {
  if (!isObject(snapshot) || !isObject(snapshot.context) || snapshot.value === undefined) return false;
  const meter = snapshot.context.meter;
  return isObject(meter) && isObject(meter.keys) && isObject(meter.keypad) && typeof meter.time === 'number';
}

/** A meter from state file text; throws StateFileError naming `name` when it is not one. */
export function meterFromText(text: string, name: string, storage: KeyValueStore): BrowserMeter {
  if (text.length > MAX_IMPORT_BYTES) throw new StateFileError(`${name}: larger than ${MAX_IMPORT_BYTES} bytes, not a meter state file`);
  const { seq, snapshot, records } = parseStateText(text, name, checksum);
  if (!isMeterSnapshot(snapshot)) throw new StateFileError(`${name}: the snapshot is not a nowan meter`);
  let actor: MeterActor;
  try {
    actor = restoreMeter(snapshot);
    // A file from `--meter` may end in journaled inputs after its checkpoint: they were acknowledged.
    for (const event of records) actor.send(event);
  } catch {
    throw new StateFileError(`${name}: the snapshot is not a nowan meter`);
  }
  return new BrowserMeter(actor, storage, seq + records.length);
}

export function newMeter(state: MeterState, storage: KeyValueStore): BrowserMeter {
  return new BrowserMeter(startMeter(state), storage);
}

/**
 * The saved meter, or a fresh one from `fresh` when none is saved. An unreadable saved meter is
 * moved to CORRUPT_KEY and reported, never silently replaced.
 */
export function openMeter(storage: KeyValueStore, fresh: () => MeterState): { meter: BrowserMeter; problem: string | null } {
  const text = storage.getItem(STORAGE_KEY);
  if (text === null) return { meter: newMeter(fresh(), storage), problem: null };
  try {
    return { meter: meterFromText(text, 'the saved meter', storage), problem: null };
  } catch (e) {
    if (!(e instanceof StateFileError)) throw e;
    storage.setItem(CORRUPT_KEY, text);
    return { meter: newMeter(fresh(), storage), problem: `${e.message}; it is kept in localStorage as ${CORRUPT_KEY} and a new demo meter was started` };
  }
}
