// Pool worker: simulates one chunk of meters and returns their totals.
import { addTotals, emptyTotals, simulateMeter, type FleetTotals } from './fleet.js';

export default function simulateChunk({ indices, days, seed }: { indices: number[]; days: number; seed: number }): FleetTotals {
  let totals = emptyTotals();
  for (const i of indices) totals = addTotals(totals, simulateMeter(i, days, seed));
  return totals;
}
