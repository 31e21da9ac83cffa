// Spread a fleet over the worker pool in chunks.
import { addTotals, emptyTotals, type FleetTotals } from './fleet.js';
import { chunkSize, runInOrder, workerPool } from './pool.js';

export async function runFleet(indices: number[], days: number, workers: number, seed: number, onProgress?: (done: number) => void): Promise<FleetTotals> {
  const threads = Math.max(1, Math.min(workers, indices.length));
  const size = chunkSize(indices.length, threads, 50);
  const chunks = function* () {
    for (let k = 0; k < indices.length; k += size) yield { indices: indices.slice(k, k + size), days, seed };
  };
  let totals = emptyTotals();
  let done = 0;
  await runInOrder<{ indices: number[] }, FleetTotals>(workerPool('fleet-worker', threads), chunks(), threads * 4, (t, task) => {
    totals = addTotals(totals, t);
    done += task.indices.length;
    onProgress?.(done);
  });
  return totals;
}
