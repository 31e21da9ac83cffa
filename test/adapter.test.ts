// The adapter under hostile input: bounded lines, backpressure, the meter time range, bounded fields.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { serveJsonLines } from '../cli/adapter.js';
import { boundedLines } from '../cli/line-reader.js';
import { MeterStore } from '../cli/store/meter-store.js';
import { Device } from '../protocol/device.js';
import { device, readout, RTDS, T0 } from './helpers.js';

async function collect(chunks: (string | Buffer)[], max: number) {
  const out = [];
  for await (const item of boundedLines(Readable.from(chunks), max)) out.push(item);
  return out;
}

describe('the bounded line reader', () => {
  it('splits lines across chunks, strips CR, keeps a last line without newline', async () => {
    expect(await collect(['{"a"', ':1}\r\n{"b":2}\n', '{"c"', ':3}'], 100)).toEqual([{ line: '{"a":1}' }, { line: '{"b":2}' }, { line: '{"c":3}' }]);
  });

  it('a line over the bound becomes one tooLarge item with its length, without ending the stream', async () => {
    // 10-byte bound: "0123456789AB" (12 bytes) in three chunks, then a line that fits.
    expect(await collect(['0123', '4567', '89AB\nok\n'], 10)).toEqual([{ tooLarge: 12 }, { line: 'ok' }]);
    expect(await collect(['x'.repeat(11)], 10)).toEqual([{ tooLarge: 11 }]);
    expect(await collect(['0123456789\n'], 10)).toEqual([{ line: '0123456789' }]);
  });
});

/** Serve `requests` (objects or raw lines) and return the parsed replies. */
async function serve(requests: (object | string)[], d?: { storage?: ConstructorParameters<typeof Device>[0] }) {
  const input = new PassThrough();
  const output = new PassThrough();
  const text: string[] = [];
  output.on('data', (c: Buffer) => text.push(c.toString()));
  const done = serveJsonLines(input, output, d?.storage);
  for (const r of requests) input.write((typeof r === 'string' ? r : JSON.stringify(r)) + '\n');
  input.end();
  await done;
  return text.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

describe('the adapter under hostile input', () => {
  it('a 3 MiB line without newline is answered tooLarge and the adapter keeps serving', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const replies: string[] = [];
    output.on('data', (c: Buffer) => replies.push(...c.toString().split('\n').filter(Boolean)));
    const done = serveJsonLines(input, output);
    const mib = Buffer.alloc(1024 * 1024, 0x61);
    for (let i = 0; i < 3; i++) input.write(mib);
    input.write('\n{"op":"hello"}\n');
    input.end();
    await done;
    expect(replies.map((r) => JSON.parse(r))).toEqual([
      { ok: false, error: { code: 'tooLarge', message: 'a request line is at most 1048576 bytes; this one had 3145728' } },
      { ok: true, protocol: 1, name: 'nowan model', version: '0.1.0' },
    ]);
  });

  it('stops reading while its replies cannot be written (stdout backpressure), then answers every line', async () => {
    const held: (() => void)[] = [];
    let written = 0;
    const output = new Writable({
      highWaterMark: 256,
      write(chunk: Buffer, _enc, callback) {
        written += chunk.toString().split('\n').length - 1;
        held.push(callback); // nobody reads the replies yet
      },
    });
    const input = new PassThrough({ highWaterMark: 1024 });
    const done = serveJsonLines(input, output);
    const line = JSON.stringify({ op: 'hello' }) + '\n';
    const total = 5000;
    for (let i = 0; i < total; i++) input.write(line);
    await new Promise((r) => setTimeout(r, 50));
    // The adapter wrote a few replies and stopped reading: the lines wait in the input, not in its memory.
    expect(written).toBeLessThan(100);
    expect(input.writableLength).toBeGreaterThan((total - 200) * line.length);
    input.end();
    while (written < total || held.length) {
      held.splice(0).forEach((cb) => cb());
      await new Promise((r) => setImmediate(r));
    }
    await done;
    expect(written).toBe(total);
  });

  it('meter time lives in 2000-01-01T00:00:00Z .. 2179-06-06T22:59:59Z: advance, reset and configuration outside are refused', async () => {
    const d = device();
    const bad = (r: object) => (d.handle(r) as { ok: boolean; error?: { code: string } }).error?.code;
    expect(bad({ op: 'advance', seconds: 8_638_231_980_800 })).toBe('badRequest');
    expect(bad({ op: 'advance', to: '2179-06-06T23:00:00Z' })).toBe('badRequest');
    expect(bad({ op: 'reset', meter: RTDS, time: '1999-12-31T23:59:59Z' })).toBe('badRequest');
    // Date.UTC maps year 50 to 1950; parsed strictly it is refused.
    expect(bad({ op: 'reset', meter: RTDS, time: '0050-06-01T00:00:00Z' })).toBe('badRequest');
    expect(bad({ op: 'reset', meter: RTDS, time: '2026-02-29T00:00:00Z' })).toBe('badRequest');
    expect(bad({ op: 'reset', meter: { ...RTDS, han: { joinWindow: { until: '2200-01-01T00:00:00Z', deviceClass: 'ihd' } } }, time: T0 })).toBe('badConfig');
    expect(readout(d).time).toBe(T0);
    expect(d.handle({ op: 'reset', meter: RTDS, time: '2000-01-01T00:00:00Z' })).toEqual({ ok: true });
  });

  it('one request advancing to the end of the range under an hourly debt answers, and the meter reads and restarts', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nowan-')), 'meter.json');
    const store = new MeterStore(path);
    let durable: ReturnType<MeterStore['create']> | null = null;
    const d = new Device({ load: () => null, create: (m) => (durable = store.create(m)) });
    d.handle({ op: 'reset', meter: { ...RTDS, meterBalance: 10_000_000_000_000, timeDebt: [{ amount: 16_000_000, rate: 1, period: 'hourly' }] }, time: T0 });
    d.handle({ op: 'load', watts: 500 });
    expect(d.handle({ op: 'advance', to: '2179-06-06T22:59:59Z' })).toEqual({ ok: true });
    expect(readout(d).time).toBe('2179-06-06T22:59:59Z');
    expect(d.handle({ op: 'advance', seconds: 1 }).ok).toBe(false);
    durable!.checkpoint(); // restart from the checkpoint (replaying the advance would repeat its work)
    const again = new Device({ load: () => new MeterStore(path).load(), create: () => null as never });
    expect(readout(again)).toEqual(readout(d));
  });

  it('consume.wh and load.watts are bounded so joules stay exact; strings are bounded', () => {
    const d = device();
    const code = (r: object) => (d.handle(r) as { error?: { code: string } }).error?.code;
    expect(code({ op: 'consume', wh: 9_007_199_254_740_991 })).toBe('badRequest');
    expect(code({ op: 'load', watts: 1_000_001 })).toBe('badRequest');
    expect(code({ op: 'keys', keys: '1'.repeat(1025) })).toBe('tooLarge');
    expect(code({ op: 'token', digits: '1'.repeat(257) })).toBe('tooLarge');
    expect(code({ op: 'envelope', jws: 'a'.repeat(8193) })).toBe('tooLarge');
    // Within the adapter's bound, the meter's own 4 KiB envelope rule answers.
    expect(d.handle({ op: 'envelope', jws: 'a'.repeat(5000) })).toMatchObject({ ok: true, result: 'FormatError' });
    // 10^9 Wh = 10^6 kWh at 24,500 mp/kWh = 24,500,000,000 mp, exactly.
    expect(d.handle({ op: 'consume', wh: 1_000_000_000 })).toEqual({ ok: true });
    expect(readout(d).meterBalance).toBe(-24_500_000_000);
    expect(readout(d).energy.importJ).toBe(3_600_000_000_000);
  });

  it('a meter configuration nested 100,000 levels deep is badConfig, not a stack overflow', async () => {
    const deep = `{"op":"reset","time":"${T0}","meter":{"config":${'['.repeat(100_000)}${']'.repeat(100_000)}}}`;
    const [reply, after] = await serve([deep, { op: 'hello' }]);
    expect(reply).toEqual({ ok: false, error: { code: 'badConfig', message: 'reset.meter nests deeper than 32 levels' } });
    expect(after.ok).toBe(true);
  });
});
