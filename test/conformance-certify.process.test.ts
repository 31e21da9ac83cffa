// What a manufacturer certifies with: the suite's integrity (a tampered copy is a MODIFIED run and a
// non-zero exit), the DUT's identity from hello, DUT handling (no orphans, one clear stop for a DUT
// that cannot start, options checked before the run), the reports, and shard merging.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { conformanceCommand } from '../cli/conformance.js';
import { buildManifest, PUBLISHED_SIGNING_KEY } from '../conformance/manifest.js';
import { withoutTiming, type Report } from '../conformance/reports.js';
import { ed25519PublicKey, signEd25519 } from '../firmware/tokens/ed25519.js';

const ROOT = fileURLToPath(new URL('../vectors', import.meta.url));
const REPO = fileURLToPath(new URL('..', import.meta.url));
const tsx = (script: string) => `"${process.execPath}" --import tsx ${script}`;
const manifestSha = createHash('sha256').update(readFileSync(join(ROOT, 'manifest.json'))).digest('hex');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nowan-certify-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** `nowan conformance ARGS` in process: exit code as main.ts would give it, and what it printed. */
async function conformance(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  const saved = process.exitCode;
  process.exitCode = 0;
  let code: number;
  try {
    await conformanceCommand().exitOverride().parseAsync(args, { from: 'user' });
    code = Number(process.exitCode ?? 0);
  } catch (x) {
    err += (x as Error).message;
    code = 2;
  } finally {
    process.exitCode = saved;
    o.mockRestore();
    e.mockRestore();
  }
  return { code, out, err };
}

const readReport = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Report;

describe('suite integrity before the run', () => {
  it('the published suite: the report says unmodified with the manifest SHA-256, exit 0', async () => {
    const r = await conformance('--filter', 'TOK-00*', '--json', join(dir, 'r.json'));
    expect(r.code).toBe(0);
    expect(r.out).toContain(`suite: published suite 0.1.0, unmodified (manifest SHA-256 ${manifestSha}, signature valid)`);
    expect(readReport(join(dir, 'r.json')).suite).toEqual({ version: '0.1.0', status: 'unmodified', manifestSha256: manifestSha, signature: 'valid', modified: [], missing: [], extra: [], files: expect.any(Number) });
  });

  it('a tampered copy runs MODIFIED, lists every modified, missing and extra file, and exits 4 unless --allow-modified', async () => {
    const copy = join(dir, 'vectors');
    cpSync(ROOT, copy, { recursive: true });
    appendFileSync(join(copy, 'TOK', 'TOK-001.json'), ' ');
    rmSync(join(copy, 'TOK', 'TOK-002.json'));
    const extra = JSON.parse(readFileSync(join(copy, 'TOK', 'TOK-003.json'), 'utf8'));
    writeFileSync(join(copy, 'TOK', 'TOK-999.json'), JSON.stringify({ ...extra, id: 'TOK-999' }));
    const args = ['--vectors', copy, '--filter', 'TOK-00*,TOK-999', '--json', join(dir, 'r.json'), '--report', join(dir, 'c.md')];
    const refused = await conformance(...args);
    expect(refused.code).toBe(4);
    expect(refused.err).toContain('MODIFIED suite: this is not the published suite');
    expect(refused.err).toContain('TOK/TOK-001.json was modified (SHA-256 differs)');
    expect(refused.err).toContain('TOK/TOK-002.json is listed but missing');
    expect(refused.err).toContain('TOK/TOK-999.json is not in the manifest');
    const suite = readReport(join(dir, 'r.json')).suite;
    expect(suite).toMatchObject({ status: 'modified', signature: 'valid', modified: ['TOK/TOK-001.json'], missing: ['TOK/TOK-002.json'], extra: ['TOK/TOK-999.json'] });
    const cert = readFileSync(join(dir, 'c.md'), 'utf8');
    expect(cert).toContain('the suite is MODIFIED');
    expect(cert).toContain('- modified: TOK/TOK-001.json');
    const allowed = await conformance(...args, '--allow-modified');
    expect(allowed.code).toBe(0);
    expect(allowed.out).toContain('MODIFIED suite');
  });

  it('an edited suite re-signed with a key of its own is MODIFIED: trust is pinned in the runner, not read from the folder', async () => {
    const copy = join(dir, 'vectors');
    cpSync(ROOT, copy, { recursive: true });
    const path = join(copy, 'PAY', 'PAY-000.json');
    const v = JSON.parse(readFileSync(path, 'utf8'));
    v.steps = v.steps.map((step: { op: string }) => (step.op === 'read' ? { op: 'read', expect: { ok: true } } : step));
    writeFileSync(path, JSON.stringify(v));
    const manifest = buildManifest(copy);
    writeFileSync(join(copy, 'manifest.json'), manifest);
    const forger = new Uint8Array(32).fill(7);
    writeFileSync(join(copy, 'manifest.sig'), Buffer.from(signEd25519(new TextEncoder().encode(manifest), forger)).toString('hex') + '\n');
    writeFileSync(join(copy, 'signing-key.pub'), Buffer.from(ed25519PublicKey(forger)).toString('hex') + '\n');
    const r = await conformance('--vectors', copy, '--filter', 'PAY-000', '--json', join(dir, 'r.json'));
    expect(r.code).toBe(4);
    expect(r.err).toContain('not a valid Ed25519 signature of manifest.json under the published nowan key');
    expect(readReport(join(dir, 'r.json')).suite).toMatchObject({ status: 'modified', signature: 'invalid' });
  });

  it('the pinned key is the one published beside the vectors', () => {
    expect(readFileSync(join(ROOT, 'signing-key.pub'), 'utf8').trim()).toBe(PUBLISHED_SIGNING_KEY);
  });

  it('a manifest whose signature does not verify is MODIFIED too', async () => {
    const copy = join(dir, 'vectors');
    cpSync(ROOT, copy, { recursive: true });
    writeFileSync(join(copy, 'manifest.sig'), '00'.repeat(64) + '\n');
    const r = await conformance('--vectors', copy, '--filter', 'TOK-001', '--json', join(dir, 'r.json'));
    expect(r.code).toBe(4);
    expect(r.err).toContain('manifest.sig is not a valid Ed25519 signature of manifest.json under the published nowan key');
    expect(readReport(join(dir, 'r.json')).suite).toMatchObject({ status: 'modified', signature: 'invalid', modified: [], missing: [], extra: [] });
  });
});

describe('options are checked before the run', () => {
  it.each([
    [['--timeout', 'abc'], '--timeout must be a whole number of milliseconds 1..3600000, got "abc"'],
    [['--timeout', '0'], '--timeout must be a whole number'],
    [['--junit', '/nonexistent/j.xml'], '--junit /nonexistent/j.xml: folder /nonexistent does not exist'],
    [['--report', 'cert.pdf'], '--report cert.pdf: must end in .html or .md'],
    [['--shard', '5/4'], '--shard must be i/n'],
    [['--filter', 'NOPE-*'], '--filter NOPE-* selects no vectors'],
    [['--target', 'tcp://localhost:70000'], 'expected tcp://HOST:PORT with a port 1..65535'],
    [['--target', 'serial:/dev/ttyUSB0?baud=12345'], 'baud must be one of'],
    [['--vectors', '/nonexistent'], '/nonexistent: not a vector folder'],
  ])('%j is refused: %s', async (args, message) => {
    const r = await conformance(...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it('an output path that is a folder is refused before anything runs', async () => {
    const r = await conformance('--target', '/nonexistent/dut', '--json', dir);
    expect(r).toMatchObject({ code: 2, err: `--json ${dir}: is a folder` });
  });
});

/** Live means running: a zombie waiting for its parent to reap it is dead. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** The real CLI as a process, so its exit (and what it leaves behind) is what a user sees. */
function nowan(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], { cwd: REPO });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => done({ code, out, err }));
  });
}

describe('DUT handling', () => {
  it('a DUT that never answers hello stops the run once (exit 3), its whole process group killed, the runner gone', async () => {
    const pids = join(dir, 'pids');
    const r = await nowan(['conformance', '--timeout', '1000', '--json', join(dir, 'r.json'), '--target', `echo $$ >> ${pids}; sleep 300 & echo $! >> ${pids}; sleep 300`]);
    expect(r.code).toBe(3);
    expect(r.err.match(/did not start or answer hello: DUT timed out after 1000 ms/g)).toHaveLength(1);
    expect(existsSync(join(dir, 'r.json'))).toBe(false);
    const started = readFileSync(pids, 'utf8').trim().split('\n').map(Number);
    expect(started).toHaveLength(2);
    expect(started.filter(alive)).toEqual([]);
  }, 120_000);

  it('a target that cannot start is one clear error and exit 3, not a failure per vector', async () => {
    const r = await nowan(['conformance', '--target', '/nonexistent/dut']);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/^nowan: \/nonexistent\/dut: the DUT did not start or answer hello: DUT exited \(code 127\): .*not found\nthe run stopped before the first vector; no report was written\n$/);
    expect(r.out).toBe('');
  }, 120_000);

  it('a DUT that crashes and then cannot start again stops the run there (exit 3)', async () => {
    const once = join(dir, 'started');
    const target = `if [ -e ${once} ]; then echo 'no second start' >&2; exit 9; fi; touch ${once}; exec ${tsx('scripts/faulty-dut.ts --fault crash-on-power')}`;
    const r = await nowan(['conformance', '--timeout', '60000', '--filter', 'PWR-001,TOK-001', '--json', join(dir, 'r.json'), '--target', target]);
    expect(r.code).toBe(3);
    expect(r.err).toContain('the DUT did not start or answer hello: DUT exited (code 9): no second start\nthe run stopped after 1 of 2 vectors; no report was written');
    expect(existsSync(join(dir, 'r.json'))).toBe(false);
  }, 120_000);

  it('a DUT that hangs mid-vector fails that vector, the next gets a fresh DUT, and no process is left behind', async () => {
    const pids = join(dir, 'pids');
    const hello = JSON.stringify({ ok: true, protocol: 1, name: 'hanging DUT', version: '1' });
    const target = `read line; echo '${hello}'; sleep 300 & echo $$ $! >> ${pids}; wait`;
    const r = await nowan(['conformance', '--timeout', '1500', '--filter', 'TOK-001,TOK-002', '--json', join(dir, 'r.json'), '--target', target]);
    expect(r.code).toBe(1);
    const report = readReport(join(dir, 'r.json'));
    expect(report.dut).toMatchObject({ name: 'hanging DUT', version: '1', protocol: 1, transport: 'command' });
    expect(report.results.map((x) => x.failure)).toEqual(['DUT failed: DUT timed out after 1500 ms', 'DUT failed: DUT timed out after 1500 ms']);
    const started = readFileSync(pids, 'utf8').trim().split(/\s+/).map(Number);
    expect(started).toHaveLength(4); // two DUTs, each a shell and its sleep
    expect(started.filter(alive)).toEqual([]);
  }, 120_000);

  it('a refused reset fails the vector without repeating its key material in the reports', async () => {
    const hello = JSON.stringify({ ok: true, protocol: 1, name: 'refusing DUT', version: '1' });
    const target = `read line; echo '${hello}'; while read line; do echo '{"ok":false,"error":{"code":"badConfig","message":"no"}}'; done`;
    const r = await nowan(['conformance', '--filter', 'TOK-001', '--json', join(dir, 'r.json'), '--report', join(dir, 'c.md'), '--target', target]);
    expect(r.code).toBe(1);
    const [result] = readReport(join(dir, 'r.json')).results;
    expect(result).toMatchObject({ failedStep: -1, request: { op: 'reset', meter: '(the meter of TOK/TOK-001.json)' }, mismatch: { path: 'ok', expected: true, actual: false } });
    for (const text of [r.out, readFileSync(join(dir, 'r.json'), 'utf8'), readFileSync(join(dir, 'c.md'), 'utf8')]) expect(text).not.toMatch(/sharedSecret|PRIVATE KEY/);
  }, 120_000);

  it('a DUT that speaks another protocol is refused', async () => {
    const r = await conformance('--target', tsx('scripts/faulty-dut.ts --fault protocol-2'), '--timeout', '60000');
    expect(r.code).toBe(3);
    expect(r.err).toContain('the DUT speaks protocol 2; this runner speaks protocol 1');
  }, 120_000);
});

describe('reports', () => {
  it('JSON: suite, DUT, times, nowan version, every vector with its duration, per-area counts', async () => {
    await conformance('--filter', 'TOK-00*,PAY-00*', '--json', join(dir, 'r.json'), '--junit', join(dir, 'r.xml'));
    const r = readReport(join(dir, 'r.json'));
    expect(r).toMatchObject({ format: 'nowan-conformance-report', formatVersion: 1, nowanVersion: '0.1.0', selection: { filter: 'TOK-00*,PAY-00*', shard: null } });
    expect(r.dut).toEqual({ name: 'nowan model', version: '0.1.0', protocol: 1, transport: 'model', target: 'in-process model' });
    expect(Date.parse(r.endedAt)).toBeGreaterThanOrEqual(Date.parse(r.startedAt));
    const tok = r.results.filter((x) => x.id.startsWith('TOK-')).length;
    expect(r.areas).toEqual({ PAY: { total: r.total - tok, passed: r.total - tok, failed: 0 }, TOK: { total: tok, passed: tok, failed: 0 } });
    for (const v of r.results) expect(v).toMatchObject({ passed: true, durationMs: expect.any(Number), startedAt: expect.stringMatching(/Z$/) });
    const xml = readFileSync(join(dir, 'r.xml'), 'utf8');
    expect(xml).toMatch(/<testsuites name="nowan conformance" tests="\d+" failures="0" errors="0" time="[\d.]+" timestamp="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d">/);
    expect(xml).toContain(`<property name="suite.manifestSha256" value="${manifestSha}"/>`);
    expect(xml).toContain('<property name="dut.name" value="nowan model"/>');
    expect(xml).toMatch(/<testcase classname="TOK" name="TOK-001 [^"]*" file="TOK\/TOK-001.json" time="\d+\.\d{3}"\/>/);
  });

  it('four shard reports merge into the unsharded report (equal on everything but timing), JUnit too', async () => {
    const shards = [1, 2, 3, 4].map((i) => join(dir, `s${i}.json`));
    for (const [i, path] of shards.entries()) expect((await conformance('--shard', `${i + 1}/4`, '--json', path)).code).toBe(0);
    expect((await conformance('--json', join(dir, 'all.json'), '--junit', join(dir, 'all.xml'))).code).toBe(0);
    const merged = await conformance('merge', ...shards, '--json', join(dir, 'merged.json'), '--junit', join(dir, 'merged.xml'), '--report', join(dir, 'merged.md'));
    expect(merged.code).toBe(0);
    const all = readReport(join(dir, 'all.json'));
    expect(all.total).toBeGreaterThanOrEqual(150);
    expect(withoutTiming(readReport(join(dir, 'merged.json')))).toEqual(withoutTiming(all));
    const untimed = (path: string) => readFileSync(path, 'utf8').replace(/ (time|timestamp)="[^"]*"/g, '');
    expect(untimed(join(dir, 'merged.xml'))).toBe(untimed(join(dir, 'all.xml')));
    expect(readFileSync(join(dir, 'merged.md'), 'utf8')).toContain(`**PASS: all ${all.total} vectors of the published suite passed**`);
  });

  it('merge refuses a missing or repeated shard, an unsharded report, and reports of different DUTs', async () => {
    const s = (i: number, n = 3) => join(dir, `s${i}-${n}.json`);
    for (const i of [1, 2, 3]) await conformance('--shard', `${i}/3`, '--json', s(i));
    await conformance('--shard', '1/2', '--json', s(1, 2));
    await conformance('--filter', 'TOK-001', '--json', join(dir, 'whole.json'));
    expect((await conformance('merge', s(1), s(2))).err).toContain('shard 3/3 missing: the merge would not be the whole run');
    expect((await conformance('merge', s(1), s(2), s(2))).err).toContain(`${s(2)}: shard 2/3 is also given as ${s(2)}`);
    expect((await conformance('merge', s(1), s(1, 2))).err).toContain('its shard count differs');
    expect((await conformance('merge', s(1), join(dir, 'whole.json'))).err).toContain('not a shard report');
    const other = readReport(s(3));
    other.dut.version = '9.9';
    writeFileSync(s(3), JSON.stringify(other));
    expect((await conformance('merge', s(1), s(2), s(3))).err).toContain('its DUT differs');
    writeFileSync(s(3), '{"format":"nowan-conformance-report"}');
    expect((await conformance('merge', s(1), s(2), s(3))).err).toContain('not a nowan conformance report');
  });

  it('certificates name the DUT, the suite hash and signature, and every failure with its first mismatching step', async () => {
    const args = ['--filter', 'TOK-*', '--target', tsx('scripts/faulty-dut.ts --fault check-digit-block'), '--timeout', '60000'];
    expect((await conformance(...args, '--report', join(dir, 'c.md'))).code).toBe(1);
    expect((await conformance(...args, '--report', join(dir, 'c.html'))).code).toBe(1);
    const md = readFileSync(join(dir, 'c.md'), 'utf8');
    expect(md).toMatch(/\*\*FAIL: \d+ of \d+ vectors failed\*\*/);
    expect(md).toContain('| Device under test | nowan model 0.1.0 (protocol 1) |');
    expect(md).toContain(`| Manifest SHA-256 | ${manifestSha} |`);
    expect(md).toContain(`| Signature | valid (Ed25519, the published nowan key ${PUBLISHED_SIGNING_KEY.slice(0, 16)}...) |`);
    expect(md).toMatch(/- first mismatch: step \d+ at block: expected 1, actual 2/);
    const html = readFileSync(join(dir, 'c.html'), 'utf8');
    expect(html).toContain('<p class="verdict fail">FAIL:');
    expect(html).toMatch(/first mismatch: <code>step \d+ at block: expected 1, actual 2<\/code>/);
    expect(html).not.toMatch(/<script/);
  }, 120_000);
});
