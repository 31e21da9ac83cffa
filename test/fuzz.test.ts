import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { serveJsonLines } from '../cli/adapter.js';
import { fuzzAdapter, fuzzAdapterStream } from '../scripts/fuzz-adapter.js';
import { fuzz } from '../scripts/fuzz-core.js';

describe('parser fuzzing (a fast run; npm run fuzz for millions)', () => {
  it('every single-digit change, every bit flip and random input gets a result, none Accepted', () => {
    const report = fuzz(30_000, 42);
    expect(report.inputs).toBeGreaterThanOrEqual(30_000);
    // Single-digit changes are all caught by the check digit.
    expect(report.byResult.CheckDigitError).toBeGreaterThan(1000);
    expect(report.byResult.Accepted).toBeUndefined();
  });
});

describe('adapter robustness', () => {
  it('answers malformed, huge and binary lines with an error and keeps serving', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const done = serveJsonLines(input, output);
    const lines: string[] = [];
    output.on('data', (d: Buffer) => lines.push(...d.toString().split('\n').filter(Boolean)));
    const requests = [
      '{"op":"read"}', // before any reset
      'not json',
      '[1,2,3]',
      '"a string"',
      '{"op":42}',
      '{"op":"token","digits":"123"}', // before reset
      'x'.repeat(1_000_000),
      Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80]).toString('latin1'),
      '{"op":"reset","time":"2026-02-02T08:00:00Z","meter":{"meterBalance":"lots"}}',
      '',
      '{"op":"reset","time":"2026-02-02T08:00:00Z"}',
      '{"op":"advance","seconds":-1}',
      '{"op":"read"}',
    ];
    for (const r of requests) input.write(r + '\n');
    input.end();
    await done;
    const replies = lines.map((l) => JSON.parse(l));
    expect(replies).toHaveLength(requests.length);
    expect(replies.slice(0, 10).every((r) => r.ok === false && typeof r.error.code === 'string')).toBe(true);
    expect(replies[0].error.code).toBe('noMeter');
    expect(replies[8].error.code).toBe('badConfig');
    expect(replies[10]).toEqual({ ok: true });
    expect(replies[11].ok).toBe(false);
    expect(replies[12].ok).toBe(true);
  });
});

describe('adapter fuzzing (a fast run; npm run fuzz for more)', () => {
  it('random and mutated JSON Lines: one reply each, ok:false changes nothing, never internal', async () => {
    const report = fuzzAdapter(1500, 7);
    expect(report.lines).toBe(1500);
    expect(report.byCode.internal).toBeUndefined();
    // The mix reaches the meter as well as the validators.
    expect(report.byCode.ok).toBeGreaterThan(50);
    expect(report.byCode.badRequest).toBeGreaterThan(50);
    expect(await fuzzAdapterStream(1500, 8)).toBe(1500);
  });
});
