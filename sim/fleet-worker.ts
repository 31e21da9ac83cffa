// Worker thread: simulates the meters it is given and reports progress and its totals.
import { parentPort, workerData } from 'node:worker_threads';
import { addTotals, emptyTotals, simulateMeter } from './fleet.js';

const { indices, days, seed } = workerData as { indices: number[]; days: number; seed: number };
let totals = emptyTotals();
for (const i of indices) {
  totals = addTotals(totals, simulateMeter(i, days, seed));
  parentPort!.postMessage({ type: 'progress' });
}
parentPort!.postMessage({ type: 'done', totals });
