// The meter state file's text (`--meter`/`--state` files, and the web page's localStorage and export),
// format nowan-meter-state/4, JSON Lines (a /3 file, whose machine had power states, is read too):
// - line 1, the checkpoint: the persisted xstate snapshot, the number of the last input it includes,
//   and a SHA-256 of both; its contents must be a meter state the firmware could be in;
// - every later line, one journaled input with its number and a SHA-256.
// No I/O here, so the terminal and the browser read and write the same files; each brings its own
// SHA-256 of a string as hex (native in Node, where a record is written on every input).
import { currentSnapshot } from '../../firmware/meter.machine.js';
import { METER_EVENT_TYPES, type MeterEvent } from '../../firmware/meter.js';
import { meterStateProblem } from '../../firmware/state-check.js';

export const STATE_FORMAT = 'nowan-meter-state/4';
/** Format 3 held the machine's power states (powered, powerCut) as its value; 4 has one state. */
const FORMAT_3 = 'nowan-meter-state/3';
const FORMAT_FAMILY = 'nowan-meter-state/';
const EVENT_TYPES: ReadonlySet<string> = new Set(METER_EVENT_TYPES);

export class StateFileError extends Error {}

/** SHA-256 of the UTF-8 of `text`, as lowercase hex. */
export type Checksum = (text: string) => string;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A checkpoint line (with its newline): a whole state file with an empty journal. */
export function stateText(seq: number, snapshot: unknown, checksum: Checksum): string {
  return JSON.stringify({ format: STATE_FORMAT, seq, sha256: checksum(JSON.stringify({ seq, snapshot })), snapshot }) + '\n';
}

/** A journal line (with its newline). */
export function recordText(seq: number, event: MeterEvent, checksum: Checksum): string {
  return JSON.stringify({ seq, event, sha256: checksum(JSON.stringify({ seq, event })) }) + '\n';
}

/** Whether a file is a nowan meter state file (of any version, damaged or not): it starts as one is written. */
export function isStateFile(text: string): boolean {
  return text.startsWith(`{"format":"${FORMAT_FAMILY}`);
}

/** The checkpoint line's snapshot and number, or what is wrong with it. */
function parseCheckpoint(line: string, checksum: Checksum): { seq: number; snapshot: Obj } | string {
  let doc: unknown;
  try {
    doc = JSON.parse(line);
  } catch {
    return 'its first line is not valid JSON';
  }
  if (!isObj(doc) || typeof doc.format !== 'string' || !doc.format.startsWith(FORMAT_FAMILY)) return 'not a nowan meter state file';
  if (doc.format !== STATE_FORMAT && doc.format !== FORMAT_3) return `written in format ${doc.format}, not ${STATE_FORMAT}`;
  if (typeof doc.seq !== 'number' || !Number.isSafeInteger(doc.seq) || doc.seq < 0 || doc.sha256 !== checksum(JSON.stringify({ seq: doc.seq, snapshot: doc.snapshot }))) {
    return 'the checkpoint checksum does not match (corrupt)';
  }
  const snap = doc.snapshot;
  if (!isObj(snap) || snap.status !== 'active' || !isObj(snap.context)) return 'the checkpoint is not a running meter';
  const meter = (snap.context as Obj).meter as Obj | undefined;
  const problem = meterStateProblem(meter);
  if (problem) return `the checkpoint is not a meter state the firmware could be in: ${problem}`;
  if (doc.format === FORMAT_3) {
    if (snap.value !== (meter!.power ? 'powered' : 'powerCut')) return 'the checkpoint machine state disagrees with its power';
    return { seq: doc.seq, snapshot: currentSnapshot(snap) };
  }
  if (!isObj(snap.value) || Object.keys(snap.value).length !== 0) return "the checkpoint machine state is not this machine's";
  return { seq: doc.seq, snapshot: snap };
}

/** One journal record, or what is wrong with it. */
function parseRecord(line: string, expectedSeq: number, checksum: Checksum): MeterEvent | string {
  let r: unknown;
  try {
    r = JSON.parse(line);
  } catch {
    return 'is not valid JSON';
  }
  if (!isObj(r) || r.sha256 !== checksum(JSON.stringify({ seq: r.seq, event: r.event }))) return 'does not match its checksum';
  if (r.seq !== expectedSeq) return `is input ${String(r.seq)} where input ${expectedSeq} belongs`;
  if (!isObj(r.event) || !EVENT_TYPES.has(r.event.type as string)) return 'is not a meter input';
  return r.event as unknown as MeterEvent;
}

export type ParsedStateFile =
  | { ok: false; notStateFile: boolean; problem: string }
  | {
      ok: true;
      seq: number;
      snapshot: Obj;
      /** the journal records that check out, in order, up to the first that does not */
      records: MeterEvent[];
      /** what is wrong with the first record that does not check out, or null */
      damage: string | null;
      /** the last line had no newline: a record torn by a crash while it was written */
      torn: boolean;
    };

/** Read a state file's text without throwing: the checkpoint and the journal, or what is wrong. */
export function readStateText(text: string, checksum: Checksum): ParsedStateFile {
  if (text !== '' && !isStateFile(text)) return { ok: false, notStateFile: true, problem: 'not a nowan meter state file' };
  const lines = text.split('\n');
  const torn = lines.pop()!; // '' when the text ends with its newline
  if (lines.length === 0) return { ok: false, notStateFile: false, problem: text === '' ? 'the file is empty (truncated)' : 'its first line is cut short' };
  const head = parseCheckpoint(lines[0]!, checksum);
  if (typeof head === 'string') return { ok: false, notStateFile: false, problem: head };
  const records: MeterEvent[] = [];
  let damage: string | null = null;
  for (let i = 1; i < lines.length; i++) {
    const event = parseRecord(lines[i]!, head.seq + i, checksum);
    if (typeof event === 'string') {
      damage = `line ${i + 1} of the journal ${event}`;
      break;
    }
    records.push(event);
  }
  return { ok: true, seq: head.seq, snapshot: head.snapshot, records, damage, torn: damage === null && torn !== '' };
}

/**
 * Parse and check a whole state file, strictly (for an import): any damage throws StateFileError
 * naming `name`; a torn last record, never acknowledged, is left out.
 */
export function parseStateText(text: string, name: string, checksum: Checksum): { seq: number; snapshot: unknown; records: MeterEvent[] } {
  const r = readStateText(text, checksum);
  if (!r.ok) throw new StateFileError(`${name}: ${r.problem}`);
  if (r.damage) throw new StateFileError(`${name}: ${r.damage}`);
  return { seq: r.seq, snapshot: r.snapshot, records: r.records };
}
