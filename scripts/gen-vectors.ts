// Writes the conformance vectors under vectors/ from the sources in scripts/vectors/. Expected values
// there are hand-written from the specs (arithmetic in each vector's notes), never pasted model output.
// PAY-000 and TOK-000 are the spec's own examples, copied verbatim.
// Usage: npm run vectors:gen   (then npm run vectors:sign to refresh the signed manifest)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cal } from './vectors/cal.js';
import { T0, type VectorSource } from './vectors/common.js';
import { envs } from './vectors/env.js';
import { gbcs } from './vectors/gbcs.js';
import { han } from './vectors/han.js';
import { pay } from './vectors/pay.js';
import { pwr } from './vectors/pwr.js';
import { sup } from './vectors/sup.js';
import { tok } from './vectors/tok.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'vectors');
const all: VectorSource[] = [...gbcs, ...tok, ...pay, ...sup, ...cal, ...han, ...pwr, ...envs];
const seen = new Set<string>();
for (const v of all) {
  if (seen.has(v.id)) throw new Error(`duplicate id ${v.id}`);
  seen.add(v.id);
  const area = v.id.split('-')[0]!;
  const doc = { id: v.id, title: v.title, ...(v.notes ? { notes: v.notes } : {}), refs: v.refs, tags: v.tags, meter: v.meter ?? {}, time: v.time ?? T0, steps: v.steps };
  const path = join(root, area, `${v.id}.json`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, JSON.stringify(doc, null, 1) + '\n');
}
console.log(`wrote ${all.length} vectors (+ the spec's PAY-000 and TOK-000)`);
