// The worker pool for fleets and studies: piscina, with work cut into chunks so that a worker that
// finishes early takes the next chunk instead of idling.
import { Piscina } from 'piscina';

const DEV = import.meta.url.endsWith('.ts');

/**
 * A pool running the worker module `name` next to this file: the built .js, or under tsx/vitest the
 * .ts source through ts-worker.mjs, which registers tsx's loader in the worker (Node 20 workers do not
 * inherit it).
 */
export function workerPool(name: string, threads: number): Piscina {
  const entry = new URL(`./${name}${DEV ? '.ts' : '.js'}`, import.meta.url).href;
  const common = { minThreads: threads, maxThreads: threads, idleTimeout: 1000 };
  if (!DEV) return new Piscina({ ...common, filename: entry });
  return new Piscina({ ...common, filename: new URL('./ts-worker.mjs', import.meta.url).href, workerData: { entry } });
}

/** Chunk size for `items` over `threads`: several chunks a thread, none larger than `max`. */
export function chunkSize(items: number, threads: number, max: number): number {
  return Math.max(1, Math.min(max, Math.ceil(items / (threads * 8))));
}

/**
 * Run `tasks` on the pool with at most `window` in flight, handing each result to `onResult` in task
 * order (a result that finishes early waits for those before it), so output is deterministic and
 * memory holds at most `window` results.
 */
export async function runInOrder<T, R>(pool: Piscina, tasks: Iterable<T>, window: number, onResult: (r: R, task: T) => void | Promise<void>): Promise<void> {
  const inFlight: { task: T; result: Promise<R> }[] = [];
  const drainOne = async () => {
    const next = inFlight.shift()!;
    await onResult(await next.result, next.task);
  };
  try {
    for (const task of tasks) {
      if (inFlight.length >= window) await drainOne();
      const result = pool.run(task) as Promise<R>;
      result.catch(() => undefined); // awaited in order below; this only stops an early unhandled rejection
      inFlight.push({ task, result });
    }
    while (inFlight.length) await drainOne();
  } finally {
    await pool.destroy();
  }
}
