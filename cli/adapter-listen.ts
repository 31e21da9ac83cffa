// The model as a DUT on a TCP port or a serial line, as a real meter's debug port would be
// (`nowan adapter --listen tcp://127.0.0.1:7000`, `nowan adapter --serial /dev/ttyUSB0`): the same
// JSON Lines as on stdin/stdout. One client at a time, as one meter has one debug port: a new
// connection takes over and the old one is closed, so a runner reconnecting after a link dropped
// without a FIN (a pulled cable leaves the old connection half-open) is never locked out. Each
// connection meets the meter as its storage keeps it (with --state, the same meter; without, a
// fresh model that the runner resets anyway).
import { createServer, type Socket } from 'node:net';
import type { DeviceStorage } from '../protocol/device.js';
import { serveJsonLines } from './adapter.js';

export function parseListen(text: string): { host: string; port: number } {
  const m = /^tcp:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})$/.exec(text);
  const port = m ? Number(m[2]) : NaN;
  if (!m || port > 65535) throw new Error(`--listen ${JSON.stringify(text)}: expected tcp://HOST:PORT (port 0..65535; 0 picks a free one)`);
  return { host: m[1]!.replace(/^\[|\]$/g, ''), port };
}

/** Serve until the process is stopped; says `listening on tcp://HOST:PORT` on stderr once bound. */
export function serveTcp(listen: string, storage?: DeviceStorage): Promise<void> {
  const { host, port } = parseListen(listen);
  let client: Socket | null = null;
  const server = createServer((socket) => {
    // A reset or vanished peer must not take the adapter down.
    socket.on('error', () => {});
    client?.destroy();
    client = socket;
    socket.setNoDelay(true);
    socket.on('close', () => {
      if (client === socket) client = null;
    });
    void serveJsonLines(socket, socket, storage).then(() => socket.end());
  });
  return new Promise((_, reject) => {
    server.on('error', (e) => reject(new Error(`--listen ${listen}: ${e.message}`)));
    server.listen(port, host, () => {
      const a = server.address();
      if (a && typeof a === 'object') process.stderr.write(`listening on tcp://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${a.port}\n`);
    });
  });
}

/** Serve on a serial line (a native module, loaded only when asked for) until it closes. */
export async function serveSerial(path: string, baudRate: number, storage?: DeviceStorage): Promise<void> {
  const { SerialPort } = await import('serialport');
  const port = await new Promise<InstanceType<typeof SerialPort>>((resolve, reject) => {
    const p: InstanceType<typeof SerialPort> = new SerialPort({ path, baudRate, autoOpen: false });
    p.open((e) => (e ? reject(new Error(`--serial ${path}: ${e.message}`)) : resolve(p)));
  });
  port.on('error', () => {});
  process.stderr.write(`serving on ${path} at ${baudRate} baud\n`);
  await serveJsonLines(port, port, storage);
}
