// `nowan adapter`: the model as a JSON Lines device under test on stdin/stdout (conformance.md 1).
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { Device } from '../firmware/device.js';

export function serveJsonLines(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): Promise<void> {
  const device = new Device();
  const lines = createInterface({ input, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (line.trim() === '') return;
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
    .description('serve the meter model as a JSON Lines device under test on stdin/stdout (conformance.md section 1)')
    .action(async () => {
      await serveJsonLines(process.stdin, process.stdout);
    });
}
