// Pool worker: one chunk of meters (every `step`-th index from `first`), as JSON Lines and their totals.
import { eventTimes } from './event.js';
import { simulateStudyMeter } from './meter-run.js';
import type { StudyParams } from './params.js';
import { emptyTotals, foldRecord, type StudyTotals } from './summary.js';

export interface StudyChunk {
  params: StudyParams;
  first: number;
  step: number;
  count: number;
  /** site-visit times of this chunk's meters that get one */
  visits: [number, number][];
}

export default function simulateChunk(task: StudyChunk): { lines: string; totals: StudyTotals } {
  const e = eventTimes(task.params);
  const visits = new Map(task.visits);
  const totals = emptyTotals(e.hours);
  const lines: string[] = [];
  for (let k = 0; k < task.count; k++) {
    const index = task.first + k * task.step;
    const rec = simulateStudyMeter(task.params, index, visits.get(index) ?? null, e);
    foldRecord(totals, rec, e);
    lines.push(JSON.stringify(rec));
  }
  return { lines: lines.join('\n') + '\n', totals };
}
