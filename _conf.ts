import { runVectors } from './conformance/runner.js';
import { ModelTarget } from './conformance/targets.js';
import { VECTOR_ROOT } from './conformance/suite.js';
import { loadVectors } from './conformance/vectors.js';
const vectors = loadVectors(VECTOR_ROOT);
const times: number[] = [];
for (let i = 0; i <= 8; i++) { const t = performance.now(); await runVectors(vectors, { makeTarget: () => new ModelTarget() }); if (i > 0) times.push(performance.now() - t); }
times.sort((a, b) => a - b); console.log(process.cwd().split('/').pop(), 'median ms', times[4]!.toFixed(0));
