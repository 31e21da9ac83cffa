// Spread a fleet over worker threads.
import { Worker } from 'node:worker_threads';
import { addTotals, emptyTotals, type FleetTotals } from './fleet.js';

/**
 * The worker entry next to this file: the built .js, or under tsx (development) the .ts source, which
 * the worker loads after registering tsx's loader itself (workers do not inherit it on Node 20).
 */
function startWorker(workerData: unknown): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./fleet-worker.js', import.meta.url), { workerData });
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./fleet-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

export async function runFleet(indices: number[], days: number, workers: number, seed: number, onProgress?: (done: number) => void): Promise<FleetTotals> {
  const count = Math.max(1, Math.min(workers, indices.length));
  // Round-robin keeps the work of each worker alike (meters differ little in cost).
  const parts = Array.from({ length: count }, (_, w) => indices.filter((_, k) => k % count === w));
  let done = 0;
  const results = await Promise.all(
    parts.map(
      (part) =>
        new Promise<FleetTotals>((resolve, reject) => {
          const worker = startWorker({ indices: part, days, seed });
          worker.on('message', (m: { type: string; totals?: FleetTotals }) => {
            if (m.type === 'progress') onProgress?.(++done);
            else if (m.type === 'done') resolve(m.totals!);
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (code !== 0) reject(new Error(`fleet worker exited with code ${code}`));
          });
        }),
    ),
  );
  return results.reduce(addTotals, emptyTotals());
}
