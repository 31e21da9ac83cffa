// A real meter sits behind a network or serial debug port: the suite through `nowan adapter
// --listen` on the loopback (the whole suite), a connection lost mid-vector (a failed vector and a
// reconnect), and a serial line made of a pseudo-terminal pair by socat (a vector of every area, and
// a late reply after a timeout).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVectors } from '../conformance/runner.js';
import { parseTarget, SerialTarget, TcpTarget } from '../conformance/targets.js';
import { filterVectors, loadVectors } from '../conformance/vectors.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const vectors = loadVectors(join(REPO, 'vectors'));
const MODEL = { name: 'nowan model', version: '0.1.0', protocol: 1 };
/** One vector of every area, and the power-cut ones, for the slower links. */
const REPRESENTATIVE = 'TOK-00*,GBCS-001,PAY-001,SUP-001,CAL-001,HAN-001,PWR-00*,ENV-001';

const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

/** Start a process and wait for a line on its stderr that matches `ready`. */
function start(command: string, args: string[], ready: RegExp): Promise<RegExpMatchArray> {
  const child = spawn(command, args, { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d) => {
      err += d;
      const m = ready.exec(err);
      if (m) resolve(m);
    });
    child.on('exit', (code) => reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err}`)));
  });
}

const adapter = (...args: string[]) => start(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'adapter', ...args], /(listening on tcp:\/\/127\.0\.0\.1:(\d+)|serving on .*)\n/);

describe('TCP', () => {
  let port: number;
  beforeAll(async () => {
    port = Number((await adapter('--listen', 'tcp://127.0.0.1:0'))[2]);
  }, 60_000);

  it('the whole suite passes through `nowan adapter --listen` on the loopback', async () => {
    const target = parseTarget(`tcp://127.0.0.1:${port}`);
    expect(target).toMatchObject({ transport: 'tcp', target: `tcp://127.0.0.1:${port}` });
    const { dut, results } = await runVectors(vectors, { makeTarget: () => target.make(60_000) });
    expect(dut).toEqual(MODEL);
    expect(results.filter((r) => !r.passed).map((r) => `${r.id}: ${r.failure}`)).toEqual([]);
    expect(results.length).toBe(vectors.length);
  }, 120_000);

  it('a connection lost mid-vector fails that vector; the next vector reconnects and passes', async () => {
    // A link between runner and DUT that breaks once, at the first power cut of the run.
    let connections = 0;
    let broken = false;
    const proxy: Server = createServer((client: Socket) => {
      connections++;
      const upstream = connect({ host: '127.0.0.1', port });
      client.on('error', () => {});
      upstream.on('error', () => {});
      upstream.pipe(client);
      client.on('data', (d: Buffer) => {
        if (!broken && d.toString().includes('"op":"power"')) {
          broken = true;
          client.destroy();
          upstream.destroy();
        } else upstream.write(d);
      });
    });
    await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
    const proxyPort = (proxy.address() as AddressInfo).port;
    try {
      const { results } = await runVectors(filterVectors(vectors, 'PWR-001,TOK-001'), { makeTarget: () => new TcpTarget('127.0.0.1', proxyPort, 60_000) });
      const byId = Object.fromEntries(results.map((r) => [r.id, r]));
      expect(byId['PWR-001']).toMatchObject({ passed: false, failure: expect.stringMatching(new RegExp(`^DUT failed: connection to 127.0.0.1:${proxyPort} lost`)) });
      expect(byId['TOK-001']!.passed).toBe(true);
      expect(connections).toBe(2);
    } finally {
      proxy.close();
    }
  }, 120_000);
});

const socat = spawnSync('socat', ['-V']).status === 0;
if (!socat) process.stderr.write('SKIPPED: serial transport tests need socat on PATH (.ci/run installs it; locally: apt-get install socat)\n');

describe.skipIf(!socat)('serial, over a socat pseudo-terminal pair', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'nowan-serial-'));
    await start('socat', ['-d', '-d', `pty,raw,echo=0,link=${join(dir, 'meter')}`, `pty,raw,echo=0,link=${join(dir, 'runner')}`], /starting data transfer loop/);
    expect(existsSync(join(dir, 'meter')) && existsSync(join(dir, 'runner'))).toBe(true);
    await adapter('--serial', join(dir, 'meter'), '--baud', '115200');
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('after a timeout the port is opened again and a late reply to the timed-out request is dropped, not taken for the next', async () => {
    const release = join(dir, 'release');
    const line = join(dir, 'late');
    await start('socat', ['-d', '-d', `pty,raw,echo=0,link=${line}`, `EXEC:${process.execPath} --import tsx scripts/faulty-dut.ts --fault hold-first-power --release ${release}`], /starting data transfer loop/);
    // A first run with time to spare, so the DUT is loaded before the timed one.
    const warm = await runVectors(filterVectors(vectors, 'TOK-001'), { makeTarget: () => new SerialTarget(line, 115200, 60_000) });
    expect(warm.results[0]!.passed).toBe(true);
    // PWR-001's power cut gets no answer in time; the DUT answers it once the runner has given up.
    const { results } = await runVectors(filterVectors(vectors, 'PWR-001,TOK-001,TOK-002'), {
      makeTarget: () => new SerialTarget(line, 115200, 2000),
      onResult: (r) => r.id === 'PWR-001' && writeFileSync(release, ''),
    });
    expect(results.map((r) => [r.id, r.passed, r.failure])).toEqual([
      ['PWR-001', false, 'DUT failed: DUT timed out after 2000 ms'],
      ['TOK-001', true, undefined],
      ['TOK-002', true, undefined],
    ]);
  }, 120_000);

  it('a vector of every area passes through `nowan adapter --serial` and serial:PATH?baud=N', async () => {
    const target = parseTarget(`serial:${join(dir, 'runner')}?baud=115200`);
    expect(target.transport).toBe('serial');
    const subset = filterVectors(vectors, REPRESENTATIVE);
    const { dut, results } = await runVectors(subset, { makeTarget: () => target.make(60_000) });
    expect(dut).toEqual(MODEL);
    expect(results.filter((r) => !r.passed).map((r) => `${r.id}: ${r.failure}`)).toEqual([]);
    expect(new Set(results.map((r) => r.id.split('-')[0])).size).toBe(8);
  }, 120_000);
});
