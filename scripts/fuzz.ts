// npm run fuzz -- --count N [--seed S]: the token and envelope parser fuzzer (scripts/fuzz-core.ts).
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
const seed = arg('--seed', 1);
const t = performance.now();
const report = fuzz(count, seed);
const seconds = (performance.now() - t) / 1000;
console.log(`fuzz: ${report.inputs} inputs (seed ${seed}) in ${seconds.toFixed(1)} s, no exception, none Accepted`);
for (const [result, n] of Object.entries(report.byResult).sort()) console.log(`  ${result.padEnd(16)} ${n}`);
