// npm run fuzz -- --count N [--adapter-count M] [--seed S]: the token and envelope parser fuzzer
// (scripts/fuzz-core.ts), then the adapter fuzzer (scripts/fuzz-adapter.ts), in process and as a stream.
import { fuzzAdapter, fuzzAdapterStream } from './fuzz-adapter.js';
import { fuzz } from './fuzz-core.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  if (i === -1) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`${name} needs a non-negative integer`);
    process.exit(2);
  }
  return n;
};
const count = arg('--count', 100_000);
const adapterCount = arg('--adapter-count', 50_000);
const seed = arg('--seed', 1);
const t = performance.now();
const report = fuzz(count, seed);
const seconds = (performance.now() - t) / 1000;
console.log(`fuzz: ${report.inputs} inputs (seed ${seed}) in ${seconds.toFixed(1)} s, no exception, none Accepted`);
for (const [result, n] of Object.entries(report.byResult).sort()) console.log(`  ${result.padEnd(16)} ${n}`);

const t2 = performance.now();
const adapter = fuzzAdapter(adapterCount, seed);
const streamed = await fuzzAdapterStream(adapterCount, seed + 1);
console.log(
  `adapter fuzz: ${adapter.lines} lines in process and ${streamed} through the stream (seeds ${seed}, ${seed + 1}) in ${((performance.now() - t2) / 1000).toFixed(1)} s: ` +
    'one reply a line, ok:false never changed the meter, never internal',
);
for (const [code, n] of Object.entries(adapter.byCode).sort()) console.log(`  ${code.padEnd(16)} ${n}`);
