// The meter state file's text (`--meter` files, and the web page's localStorage and export): the
// persisted xstate snapshot, the number of the last journal record it includes, and a SHA-256 of
// both. No I/O here, so the terminal and the browser read and write the same format; each brings its
// own SHA-256 of a string as hex (native in Node, where state files are written on every input).

export const STATE_FORMAT = 'nowan-meter-state/2';

export class StateFileError extends Error {}

/** SHA-256 of the UTF-8 of `text`, as lowercase hex. */
export type Checksum = (text: string) => string;

/** Parse and check a state file; `name` says which in the errors. */
export function parseStateText(text: string, name: string, checksum: Checksum): { seq: number; snapshot: unknown } {
  let doc: { format?: unknown; seq?: unknown; sha256?: unknown; snapshot?: unknown };
  try {
    doc = JSON.parse(text);
  } catch {
    throw new StateFileError(`${name}: not valid JSON (truncated or corrupt); the file was left as it is`);
  }
  if (typeof doc !== 'object' || doc === null || doc.format !== STATE_FORMAT) {
    throw new StateFileError(`${name}: not a nowan meter state file (format ${JSON.stringify(doc?.format)})`);
  }
  const body = JSON.stringify({ seq: doc.seq, snapshot: doc.snapshot });
  if (doc.sha256 !== checksum(body) || typeof doc.seq !== 'number') throw new StateFileError(`${name}: checksum mismatch (corrupt); the file was left as it is`);
  return { seq: doc.seq, snapshot: doc.snapshot };
}

export function stateText(seq: number, snapshot: unknown, checksum: Checksum): string {
  return JSON.stringify({ format: STATE_FORMAT, seq, sha256: checksum(JSON.stringify({ seq, snapshot })), snapshot }) + '\n';
}
