// `nowan adapter`: the model as a JSON Lines device under test on stdin/stdout (conformance.md 1).
import { Command } from 'commander';
import { Device, failure, type DeviceStorage, type Reply } from '../protocol/device.js';
import { boundedLines, MAX_LINE_BYTES } from './line-reader.js';
import { MeterStore } from './store/meter-store.js';
import { serveSerial, serveTcp } from './adapter-listen.js';

/** Write, and when the stream's buffer is full wait until it drains (or fails: then stop). */
function writeWithBackpressure(output: NodeJS.WritableStream, text: string): Promise<void> | null {
  if (output.write(text)) return null;
  return new Promise((done, fail) => {
    const cleanup = () => {
      output.off('drain', onDrain);
      output.off('error', onError);
      output.off('close', onClose);
    };
    const onDrain = () => (cleanup(), done());
    const onError = (e: Error) => (cleanup(), fail(e));
    const onClose = () => (cleanup(), fail(new Error('the output closed')));
    output.on('drain', onDrain);
    output.on('error', onError);
    output.on('close', onClose);
  });
}

/** One reply per line, in order; reading waits while replies cannot be written. */
export async function serveJsonLines(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, storage?: DeviceStorage): Promise<void> {
  const device = new Device(storage);
  let broken = false;
  const onError = () => {
    broken = true; // the reader went away (EPIPE): nobody is left to answer
  };
  output.on('error', onError);
  try {
    for await (const item of boundedLines(input as AsyncIterable<Buffer>)) {
      let reply: Reply;
      if ('tooLarge' in item) reply = failure('tooLarge', `a request line is at most ${MAX_LINE_BYTES} bytes; this one had ${item.tooLarge}`);
      else {
        try {
          reply = device.handleLine(item.line);
        } catch (e) {
          // A bug, not bad input: answer and keep serving.
          reply = failure('internal', (e as Error).message);
        }
      }
      if (broken) break;
      const wait = writeWithBackpressure(output, JSON.stringify(reply) + '\n');
      if (wait) await wait.catch(onError);
      if (broken) break;
    }
  } finally {
    output.off('error', onError);
  }
}

export function adapterCommand(): Command {
  return new Command('adapter')
    .option('--state <file>', 'keep the meter in this file: every request journaled before it applies, restored on start (one process at a time)')
    .option('--recover', 'with --state: if the file is damaged, keep the last state that can be proved and move the file aside')
    .option('--listen <address>', 'serve on a TCP port instead (tcp://HOST:PORT; port 0 picks one, printed on stderr)')
    .option('--serial <path>', 'serve on a serial line instead (e.g. /dev/ttyUSB0)')
    .option('--baud <rate>', 'baud rate for --serial', '115200')
    .action(async (opts: { state?: string; recover?: boolean; listen?: string; serial?: string; baud: string }) => {
      if (opts.listen !== undefined && opts.serial !== undefined) throw new Error('--listen and --serial: choose one');
      const baud = /^\d{2,7}$/.test(opts.baud) ? Number(opts.baud) : NaN;
      if (!(baud >= 50 && baud <= 4_000_000)) throw new Error(`--baud must be a whole number 50..4000000, got ${JSON.stringify(opts.baud)}`);
      let storage: DeviceStorage | undefined;
      if (opts.state) {
        const store = new MeterStore(opts.state);
        store.lock();
        storage = {
          load: () => {
            const meter = store.exists() ? store.load({ recover: opts.recover === true }) : null;
            for (const notice of store.notices.splice(0)) process.stderr.write(`nowan adapter: ${notice}\n`);
            return meter;
          },
          create: (m) => store.create(m),
        };
      }
      if (opts.listen !== undefined) await serveTcp(opts.listen, storage);
      else if (opts.serial !== undefined) await serveSerial(opts.serial, baud, storage);
      else await serveJsonLines(process.stdin, process.stdout, storage);
    });
}
