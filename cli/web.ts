// `nowan web`: serve the built meter page (dist-web/, from `npm run build:web`) and print its URL.
// Loopback only unless --host says otherwise; GET and HEAD of files under dist-web/, nothing else.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { PACKAGE_ROOT } from './paths.js';

export const WEB_ROOT = join(PACKAGE_ROOT, 'dist-web');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

const HEADERS = {
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
};

/** A static file server for `root`; paths outside it, other methods and bad URLs are refused. */
export function webServer(root: string): Server {
  const base = resolve(root);
  return createServer((req, res) => {
    const refuse = (status: number, extra: Record<string, string> = {}) => res.writeHead(status, { ...HEADERS, ...extra }).end();
    if (req.method !== 'GET' && req.method !== 'HEAD') return void refuse(405, { allow: 'GET, HEAD' });
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      return void refuse(400);
    }
    if (path.includes('\0')) return void refuse(400);
    const file = resolve(base, '.' + (path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(base + sep)) return void refuse(404);
    readFile(file).then(
      (body) => {
        res.writeHead(200, { ...HEADERS, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      () => refuse(404),
    );
  });
}

/** Listen on host:port; resolves with the page's URL. */
export function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) => fail(new Error(e.code === 'EADDRINUSE' ? `port ${port} on ${host} is in use; pick another with --port` : `cannot listen on ${host}:${port} (${e.code ?? e.message})`)));
    server.listen(port, host, () => {
      const { port: bound } = server.address() as AddressInfo;
      ok(`http://${host.includes(':') ? `[${host}]` : host}:${bound}/`);
    });
  });
}

function openInBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  child.on('error', () => process.stderr.write(`nowan web: could not start a browser; open ${url} yourself\n`));
  child.unref();
}

function port(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new InvalidArgumentError('a TCP port 0..65535 (0 picks a free one)');
  return Number(value);
}

export function webCommand(): Command {
  return new Command('web')
    .description('the meter in a web page: serve dist-web/ (npm run build:web) and print its URL')
    .option('--port <n>', 'TCP port, 0 picks a free one', port, 8080)
    .option('--host <address>', 'address to listen on (anything but loopback shows the TEST-key demo to the network)', '127.0.0.1')
    .option('--open', 'open the page in the default browser')
    .action(async (opts: { port: number; host: string; open?: boolean }) => {
      if (!existsSync(join(WEB_ROOT, 'index.html'))) throw new Error(`${WEB_ROOT} has no index.html; run \`npm run build:web\` first`);
      const url = await listen(webServer(WEB_ROOT), opts.port, opts.host);
      process.stdout.write(`nowan web: the meter page is at ${url} (Ctrl+C stops)\n`);
      if (opts.open) openInBrowser(url);
    });
}
