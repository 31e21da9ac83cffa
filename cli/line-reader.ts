// Bounded JSON Lines input for any byte stream (stdin, a TCP socket, a serial port). A line longer
// than the bound is never buffered whole: its bytes are counted and dropped up to its newline, and it
// comes out as one `tooLarge` item, so one hostile line costs at most the bound in memory. Pulling
// items drives reading, so a consumer that waits (for its output to drain) stops the input too.

/** Far above a request's needs (an envelope is at most 4 KiB, tokens.md section 8). */
export const MAX_LINE_BYTES = 1024 * 1024;

export type LineItem = { line: string } | { tooLarge: number };

const NEWLINE = 0x0a;

export async function* boundedLines(input: AsyncIterable<Buffer | string>, maxBytes = MAX_LINE_BYTES): AsyncGenerator<LineItem> {
  let parts: Buffer[] = [];
  let size = 0;
  /** bytes of an over-long line dropped so far, or -1 while within bounds */
  let skipped = -1;
  const finish = (piece: Buffer): LineItem => {
    let item: LineItem;
    if (skipped >= 0) item = { tooLarge: skipped + piece.length };
    else if (size + piece.length > maxBytes) item = { tooLarge: size + piece.length };
    else {
      const text = Buffer.concat([...parts, piece]).toString('utf8');
      item = { line: text.endsWith('\r') ? text.slice(0, -1) : text };
    }
    parts = [];
    size = 0;
    skipped = -1;
    return item;
  };
  for await (const raw of input) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE, start); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      yield finish(chunk.subarray(start, nl));
      start = nl + 1;
    }
    const rest = chunk.subarray(start);
    if (rest.length === 0) continue;
    if (skipped >= 0) skipped += rest.length;
    else if (size + rest.length > maxBytes) {
      skipped = size + rest.length;
      parts = [];
      size = 0;
    } else {
      parts.push(rest);
      size += rest.length;
    }
  }
  if (skipped >= 0 || size > 0) yield finish(Buffer.alloc(0));
}
