// `nowan adapter`: the model as a JSON Lines device under test on stdin/stdout (conformance.md 1).
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { Device, type DeviceStorage } from '../firmware/device.js';
import { MeterStore } from './store/meter-store.js';

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
    .action(async (opts: { state?: string }) => {
      const store = opts.state ? new MeterStore(opts.state) : null;
      const storage: DeviceStorage | undefined = store ? { load: () => (store.exists() ? store.load() : null), create: (m) => store.create(m) } : undefined;
      await serveJsonLines(process.stdin, process.stdout, storage);
    });
}
