// Devices under test: the in-process model, or a DUT speaking JSON Lines (conformance.md section 1)
// as a child process (a command line), on a TCP port (`tcp://HOST:PORT`) or on a serial line
// (`serial:PATH?baud=N`).
import { Device } from '../protocol/device.js';
import { ProcessTarget } from './transports/process.js';
import { SerialTarget } from './transports/serial.js';
import { TcpTarget } from './transports/tcp.js';

export { DutCrash } from './transports/json-lines.js';
export { ProcessTarget, SerialTarget, TcpTarget };

export interface Target {
  /** Start the DUT or connect to it; rejects if it cannot. */
  open(): Promise<void>;
  /** Send one request; resolves with the reply, or rejects on a crash, timeout or lost connection. */
  send(request: object): Promise<unknown>;
  /** Stop the DUT (with its whole process group) or drop the connection; resolves when it is gone. */
  close(): Promise<void>;
}

export class ModelTarget implements Target {
  private device = new Device();
  async open(): Promise<void> {}
  async send(request: object): Promise<unknown> {
    return this.device.handle(JSON.parse(JSON.stringify(request)));
  }
  async close(): Promise<void> {}
}

export type Transport = 'model' | 'command' | 'tcp' | 'serial';

export interface TargetSpec {
  transport: Transport;
  /** what the report names as the target: the command line, the address or the port */
  target: string;
  make(timeoutMs: number): Target;
}

/** Baud rates a serial line may be asked for (the POSIX termios set from 50 up). */
const BAUD_RATES = [50, 75, 110, 134, 150, 200, 300, 600, 1200, 1800, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 500000, 576000, 921600, 1000000, 1152000, 1500000, 2000000, 2500000, 3000000, 3500000, 4000000];

/** Parse `--target`: no target is the in-process model; throws a message naming the bad part. */
export function parseTarget(text: string | undefined): TargetSpec {
  if (text === undefined) return { transport: 'model', target: 'in-process model', make: () => new ModelTarget() };
  if (text.trim() === '') throw new Error('--target is empty: give a command line, tcp://HOST:PORT or serial:PATH?baud=N');
  if (/^tcp:/i.test(text)) {
    const m = /^tcp:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})\/?$/.exec(text);
    const port = m ? Number(m[2]) : NaN;
    if (!m || port < 1 || port > 65535) throw new Error(`--target ${JSON.stringify(text)}: expected tcp://HOST:PORT with a port 1..65535`);
    const host = m[1]!.replace(/^\[|\]$/g, '');
    return { transport: 'tcp', target: `tcp://${m[1]}:${port}`, make: (ms) => new TcpTarget(host, port, ms) };
  }
  if (/^serial:/i.test(text)) {
    const m = /^serial:([^?]+)(?:\?baud=(\d+))?$/.exec(text);
    const baud = m?.[2] === undefined ? 115200 : Number(m[2]);
    if (!m) throw new Error(`--target ${JSON.stringify(text)}: expected serial:PATH?baud=N`);
    if (!BAUD_RATES.includes(baud)) throw new Error(`--target ${JSON.stringify(text)}: baud must be one of ${BAUD_RATES.join(', ')}`);
    const path = m[1]!;
    return { transport: 'serial', target: `serial:${path}?baud=${baud}`, make: (ms) => new SerialTarget(path, baud, ms) };
  }
  return { transport: 'command', target: text, make: (ms) => new ProcessTarget(text, ms) };
}
