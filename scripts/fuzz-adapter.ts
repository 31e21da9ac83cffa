// Fuzzing the adapter itself (npm run fuzz and the fast fuzz test): random and mutated JSON Lines:
// valid ops with wrong fields, huge and negative values, unicode, duplicate keys, deep nesting, cut
// lines and random bytes. Invariants: every line gets exactly one reply; an `ok:false` reply leaves
// the read-out identical; nothing escapes as an exception or an `internal` error.
import { PassThrough } from 'node:stream';
import { serveJsonLines } from '../cli/adapter.js';
import { Device } from '../protocol/device.js';
import { issueUtrn } from '../vending/utrn.js';
import { rng } from '../sim/rng.js';
import { RTDS, rtdsParty } from './rtds.js';

export interface AdapterFuzzReport {
  lines: number;
  byCode: Record<string, number>;
}

const T0 = '2026-02-02T08:00:00Z';
const OPS = ['hello', 'reset', 'advance', 'load', 'consume', 'keys', 'token', 'envelope', 'button', 'join', 'power', 'read', 'bogus'];
const FIELDS = ['seconds', 'to', 'watts', 'wh', 'keys', 'digits', 'source', 'jws', 'button', 'where', 'deviceClass', 'deviceId', 'on', 'time', 'meter'];

/** Lines of JSON text built from the pieces a hostile client would try. */
export function adapterLines(count: number, seed: number): string[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const int = (n: number) => Math.floor(r() * n);
  const values = (): unknown[] => [
    0, -1, 1, 59, 3600, 2 ** 31, 2 ** 53 - 1, 2 ** 53 + 2, 1e308, -0, 0.5, int(10_000),
    '', 'A', '#', '123#', '*<#', '9'.repeat(int(300)), 'é', '\u0000', '\ud800', '😀'.repeat(int(20)),
    T0, '2179-06-06T22:59:59Z', '2179-06-06T23:00:00Z', '0050-06-01T00:00:00Z', '1999-12-31T23:59:59Z', '2026-02-30T00:00:00Z', '2026-02-02T08:00:00+01:00',
    null, true, false, [], {}, [1, [2, [3]]], { a: { b: {} } }, 'meter', 'ppmid', 'ihd', '00DB1234567890A0',
    issueUtrn(rtdsParty, 1 + int(50), 'pennies', int(8192)).token,
  ];
  const lines: string[] = [];
  lines.push(JSON.stringify({ op: 'reset', meter: RTDS, time: T0 }));
  while (lines.length < count) {
    const kind = r();
    if (kind < 0.55) {
      // A known op with random fields, some right, some wrong.
      const req: Record<string, unknown> = { op: pick(OPS) };
      for (let i = int(4); i > 0; i--) req[pick(FIELDS)] = pick(values());
      if (req.op === 'reset' && r() < 0.7) req.meter = r() < 0.5 ? RTDS : { ...RTDS, [pick(['meterBalance', 'fuel', 'config', 'utrnCounters'])]: pick(values()) };
      if (req.op === 'reset' && r() < 0.7) req.time = r() < 0.5 ? T0 : pick(values());
      lines.push(JSON.stringify(req));
    } else if (kind < 0.65) {
      // Duplicate keys: the last one wins in JSON.parse; the reply must still be one reply.
      lines.push(`{"op":"${pick(OPS)}","${pick(FIELDS)}":${JSON.stringify(pick(values()))},"op":"${pick(OPS)}","${pick(FIELDS)}":${JSON.stringify(pick(values()))}}`);
    } else if (kind < 0.72) {
      const depth = 1 + int(5000);
      lines.push(`{"op":"reset","time":"${T0}","meter":{"config":${'['.repeat(depth)}${']'.repeat(depth)}}}`);
    } else if (kind < 0.85) {
      // A line cut anywhere, or with one character changed.
      const base = lines[int(lines.length)]!;
      const at = int(base.length);
      lines.push(r() < 0.5 ? base.slice(0, at) : base.slice(0, at) + String.fromCharCode(int(0x2fff)) + base.slice(at + 1));
    } else {
      lines.push(Array.from({ length: int(200) }, () => String.fromCharCode(1 + int(0x7e))).join(''));
    }
  }
  // No raw newline inside a line: a line is a line.
  return lines.slice(0, count).map((l) => l.replace(/[\n\r]/g, ' '));
}

/** Each line against a Device in process, checking the invariants; throws on the first violation. */
export function fuzzAdapter(count: number, seed: number): AdapterFuzzReport {
  const device = new Device();
  const byCode: Record<string, number> = {};
  const lines = adapterLines(count, seed);
  for (const [i, line] of lines.entries()) {
    const before = JSON.stringify(device.handle({ op: 'read' }));
    const reply = device.handleLine(line);
    const code = reply.ok ? 'ok' : reply.error.code;
    byCode[code] = (byCode[code] ?? 0) + 1;
    if (code === 'internal') throw new Error(`line ${i} answered internal: ${reply.ok ? '' : reply.error.message}\n${line.slice(0, 300)}`);
    if (!reply.ok && JSON.stringify(device.handle({ op: 'read' })) !== before) throw new Error(`line ${i} answered ok:false but changed the meter\n${line.slice(0, 300)}`);
  }
  return { lines: lines.length, byCode };
}

/** The same lines through the stream adapter: exactly one reply a line, in order. */
export async function fuzzAdapterStream(count: number, seed: number): Promise<number> {
  const lines = adapterLines(count, seed);
  const input = new PassThrough();
  const output = new PassThrough();
  let replies = 0;
  let partial = '';
  output.on('data', (d: Buffer) => {
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop()!;
    for (const p of parts) {
      JSON.parse(p);
      replies++;
    }
  });
  const done = serveJsonLines(input, output);
  for (const line of lines) input.write(line + '\n');
  input.end();
  await done;
  if (replies !== lines.length) throw new Error(`${lines.length} lines got ${replies} replies`);
  return replies;
}
