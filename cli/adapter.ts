// `nowan adapter`: the model as a JSON Lines device under test on stdin/stdout (conformance.md 1).
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { Device, type DeviceStorage } from '../firmware/device.js';
import { MeterStore } from './store/meter-store.js';
import { serveSerial, serveTcp } from './adapter-listen.js';

export function serveJsonLines(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, storage?: DeviceStorage): Promise<void> {
  const device = new Device(storage);
  const lines = createInterface({ input, crlfDelay: Infinity });
  lines.on('line', (line) => {
    let reply;
    try {
      reply = device.handleLine(line);
    } catch (e) {
      // A bug, not bad input: answer and keep serving.
      reply = { ok: false, error: { code: 'internal', message: (e as Error).message } };
    }
    output.write(JSON.stringify(reply) + '\n');
  });
  return new Promise((done) => lines.on('close', () => done()));
}

export function adapterCommand(): Command {
  return new Command('adapter')
    .option('--state <file>', 'keep the meter in this file: every request journaled before it applies, restored on start')
    .option('--listen <address>', 'serve on a TCP port instead (tcp://HOST:PORT; port 0 picks one, printed on stderr)')
    .option('--serial <path>', 'serve on a serial line instead (e.g. /dev/ttyUSB0)')
    .option('--baud <rate>', 'baud rate for --serial', '115200')
    .action(async (opts: { state?: string; listen?: string; serial?: string; baud: string }) => {
      if (opts.listen !== undefined && opts.serial !== undefined) throw new Error('--listen and --serial: choose one');
      const baud = /^\d{2,7}$/.test(opts.baud) ? Number(opts.baud) : NaN;
      if (!(baud >= 50 && baud <= 4_000_000)) throw new Error(`--baud must be a whole number 50..4000000, got ${JSON.stringify(opts.baud)}`);
      const store = opts.state ? new MeterStore(opts.state) : null;
      const storage: DeviceStorage | undefined = store ? { load: () => (store.exists() ? store.load() : null), create: (m) => store.create(m) } : undefined;
      if (opts.listen !== undefined) await serveTcp(opts.listen, storage);
      else if (opts.serial !== undefined) await serveSerial(opts.serial, baud, storage);
      else await serveJsonLines(process.stdin, process.stdout, storage);
    });
}
