// Development only (tsx, vitest): load a .ts worker module in a piscina worker, whose thread does not
// inherit tsx's loader on Node 20. The built package runs its .js workers directly.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { default: handler } = await import(workerData.entry);
export default handler;
