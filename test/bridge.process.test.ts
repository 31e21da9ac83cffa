// docs/bridging.md's Python bridge is the file shipped beside it, and it runs: the whole suite
// through it to `nowan adapter`, and a crashing adapter behind it costs one vector and a reconnect.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runVectors } from '../conformance/runner.js';
import { TcpTarget } from '../conformance/targets.js';
import { filterVectors, loadVectors } from '../conformance/vectors.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const BRIDGE = join(REPO, 'docs', 'examples', 'nowan_bridge.py');
const vectors = loadVectors(join(REPO, 'vectors'));
const tsx = (script: string) => [process.execPath, '--import', 'tsx', ...script.split(' ')];

const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGTERM')));

/** Start the bridge in front of `adapter` on a free loopback port; resolves with the port. */
function bridge(adapter: string[]): Promise<number> {
  const child = spawn('python3', [BRIDGE, '--listen', '127.0.0.1:0', '--', ...adapter], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d) => {
      err += d;
      const m = /listening on tcp:\/\/127\.0\.0\.1:(\d+)\n/.exec(err);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`the bridge exited ${code}: ${err}`)));
  });
}

const python = spawnSync('python3', ['--version']).status === 0;
if (!python) process.stderr.write('SKIPPED: the bridge tests need python3 on PATH\n');

describe('docs/bridging.md', () => {
  it('shows the bridge exactly as shipped in docs/examples/nowan_bridge.py', () => {
    const doc = readFileSync(join(REPO, 'docs', 'bridging.md'), 'utf8');
    const block = /```python nowan_bridge\.py\n([\s\S]*?)```/.exec(doc);
    expect(block?.[1]).toBe(readFileSync(BRIDGE, 'utf8'));
    expect(readFileSync(BRIDGE, 'utf8')).not.toMatch(/^\s*(import|from)\s+(?!argparse|os|signal|socket|subprocess|sys|threading)\w+/m);
  });

  it.skipIf(!python)('the whole suite passes through the bridge to `nowan adapter`', async () => {
    const port = await bridge(tsx('cli/main.ts adapter'));
    const { dut, results } = await runVectors(vectors, { makeTarget: () => new TcpTarget('127.0.0.1', port, 60_000) });
    expect(dut).toEqual({ name: 'nowan model', version: '0.1.0', protocol: 1 });
    expect(results.filter((r) => !r.passed).map((r) => `${r.id}: ${r.failure}`)).toEqual([]);
    expect(results.length).toBe(vectors.length);
  }, 120_000);

  it.skipIf(!python)('an adapter that crashes behind the bridge fails that vector; the next reconnects to a fresh adapter', async () => {
    const port = await bridge(tsx('scripts/faulty-dut.ts --fault crash-on-power'));
    const { results } = await runVectors(filterVectors(vectors, 'PWR-001,TOK-001'), { makeTarget: () => new TcpTarget('127.0.0.1', port, 60_000) });
    const byId = Object.fromEntries(results.map((r) => [r.id, r]));
    expect(byId['PWR-001']).toMatchObject({ passed: false, failure: expect.stringMatching(/^DUT failed: connection to 127\.0\.0\.1:\d+ lost/) });
    expect(byId['TOK-001']!.passed).toBe(true);
  }, 120_000);
});
