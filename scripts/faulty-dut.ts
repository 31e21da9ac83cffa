// A deliberately broken device under test, to prove the conformance runner reports failures.
// It is the model behind `nowan adapter` with one fault:
//   --fault check-digit-block   reports CheckDigitError one block too far
//   --fault double-topup        reads out a balance as if every logged top-up had been applied twice
//   --fault crash-on-power      exits when the power is cut (the runner must restart it)
//   --fault protocol-2          says in its hello that it speaks protocol 2 (the runner must refuse it)
//   --fault hold-first-power --release FILE
//                               holds its answer to the first power cut, and every later request,
//                               until FILE exists (a DUT that answers late, after the runner gave up)
// Usage: tsx scripts/faulty-dut.ts --fault double-topup
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Device } from '../protocol/device.js';

const fault = process.argv[process.argv.indexOf('--fault') + 1];
const faults = ['check-digit-block', 'double-topup', 'crash-on-power', 'protocol-2', 'hold-first-power'];
let held = false;
if (!fault || !faults.includes(fault)) {
  process.stderr.write(`usage: faulty-dut --fault ${faults.join('|')}\n`);
  process.exit(2);
}

const device = new Device();
createInterface({ input: process.stdin }).on('line', (line) => {
  const req = JSON.parse(line);
  if (fault === 'crash-on-power' && req.op === 'power' && req.on === false) process.exit(70);
  if (fault === 'hold-first-power' && req.op === 'power' && !held) {
    held = true;
    const release = process.argv[process.argv.indexOf('--release') + 1]!;
    while (!existsSync(release)) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
  }
  const reply = device.handle(req) as Record<string, any>;
  if (fault === 'protocol-2' && req.op === 'hello') reply.protocol = 2;
  if (fault === 'check-digit-block' && typeof reply.block === 'number') reply.block += 1;
  if (fault === 'double-topup' && reply.readout) {
    for (const t of reply.readout.topUps) reply.readout.meterBalance += t.amount;
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
});
