// `nowan web`'s static server (files under its root only, GET and HEAD only) and `nowan envelope
// issue --qr`.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelopeCommand } from '../cli/envelope.js';
import { initCounterHistory } from '../cli/counter-history.js';
import { loadKeySet } from '../cli/keyset.js';
import { listen, webServer } from '../cli/web.js';
import { RTDS } from './helpers.js';
import { runCli } from './support/cli-run.js';

const root = mkdtempSync(join(tmpdir(), 'nowan-web-root-'));
mkdirSync(join(root, 'site', 'assets'), { recursive: true });
writeFileSync(join(root, 'site', 'index.html'), '<!doctype html><title>meter</title>');
writeFileSync(join(root, 'site', 'assets', 'app.js'), 'export {};');
writeFileSync(join(root, 'secret.txt'), 'outside the site');
const server = webServer(join(root, 'site'));
let base = '';

beforeAll(async () => {
  base = await listen(server, 0, '127.0.0.1');
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** A raw request, so the path is sent exactly as written (no client-side normalising of ..). */
function get(path: string, method = 'GET'): Promise<{ status: number; type: string; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((ok, fail) => {
    const req = request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => ok({ status: res.statusCode!, type: String(res.headers['content-type']), body }));
    });
    req.on('error', fail);
    req.end();
  });
}

describe('nowan web', () => {
  it('listens on loopback and says where', () => {
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves the page and its assets with their types', async () => {
    expect(await get('/')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', body: '<!doctype html><title>meter</title>' });
    expect(await get('/assets/app.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
    expect(await get('/', 'HEAD')).toMatchObject({ status: 200, body: '' });
  });

  it('never serves a file outside its folder, and only GET and HEAD', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/missing.js', '/assets', '/a%00b']) {
      const r = await get(path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.body).not.toContain('outside the site');
    }
    expect((await get('/', 'POST')).status).toBe(405);
  });
});

describe('nowan envelope issue --qr', () => {
  it('prints the envelope, then the same envelope as a terminal QR code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nowan-qr-'));
    const path = join(dir, 'keyset.json');
    writeFileSync(path, JSON.stringify({ ...RTDS, supplierSigningPrivateKey: 'f2dd1a2454a7fcd10694771b072003607687b3793f68578efdc9ac35b7cd86e1', counterFile: 'keyset.counters.json' }));
    initCounterHistory(loadKeySet(path));
    const issue = (...extra: string[]) => runCli(envelopeCommand, ['issue', '--keys', path, '--counter', 'next', '--command', '{"name":"TopUp","amountPence":500}', ...extra]);
    const plain = await issue();
    expect(plain.stdout.trim().split('\n')).toHaveLength(1);
    const { stdout, error } = await issue('--qr');
    expect(error).toBeNull();
    const [jws, ...qr] = stdout.trimEnd().split('\n');
    expect(jws!.split('.')).toHaveLength(3);
    // Half-block characters, two module rows a line: a version 6+ code is 41+ modules, so 20+ lines.
    const rows = qr.map((line) => line.replace(/\u001b\[[0-9;]*m/g, '')).filter((line) => line !== '');
    expect(rows.length).toBeGreaterThanOrEqual(20);
    for (const row of rows) expect(row).toMatch(/^[ ▀▄█]+$/);
  });
});
