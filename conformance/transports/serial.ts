// A DUT on a serial line (`--target serial:/dev/ttyUSB0?baud=115200`), through the serialport
// library, loaded only when a serial target is asked for (it is a native module). A serial line has
// no connection to lose, so after a timeout the port is closed and opened again with its buffers
// flushed; and since a late reply to the request that timed out may still be on its way, each
// opening greets the DUT and drops every line before its hello reply, so the next vector starts
// in step.
import type { SerialPort } from 'serialport';
import type { Target } from '../targets.js';
import { connectWithin } from './connect.js';
import { DutCrash, JsonLinesChannel, MAX_REPLY_BYTES } from './json-lines.js';

export class SerialTarget implements Target {
  private port: SerialPort | null = null;
  private closed: Promise<void> = Promise.resolve();
  private channel: JsonLinesChannel;

  constructor(
    private readonly path: string,
    private readonly baudRate: number,
    private readonly timeoutMs = 10_000,
  ) {
    this.channel = new JsonLinesChannel((line) => this.port?.write(line), timeoutMs, () => this.port?.close(() => {}));
  }

  async open(): Promise<void> {
    const { SerialPort } = await import('serialport');
    const port = await connectWithin(
      this.timeoutMs,
      () =>
        new Promise<SerialPort>((resolve, reject) => {
          const p: SerialPort = new SerialPort({ path: this.path, baudRate: this.baudRate, autoOpen: false });
          p.open((e) => (e ? reject(new Error(`cannot open ${this.path}: ${e.message}`)) : resolve(p)));
        }),
    );
    this.port = port;
    port.on('error', () => {});
    this.closed = new Promise((done) =>
      port.on('close', () => {
        this.channel.fail(new DutCrash(`serial port ${this.path} closed`));
        done();
      }),
    );
    // Whatever a previous session left in the buffers would answer the wrong request.
    await new Promise<void>((done) => port.flush(() => done()));
    const rest = await this.resync(port);
    port.on('data', (d: Buffer) => this.channel.data(d));
    if (rest.length) this.channel.data(rest);
  }

  /** Send hello and drop lines until its reply; resolves with the bytes after that reply. */
  private resync(port: SerialPort): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      let buffered = Buffer.alloc(0);
      const finish = (error: Error | null, rest = Buffer.alloc(0)) => {
        clearTimeout(timer);
        port.removeListener('data', onData);
        if (error) reject(error);
        else resolve(rest);
      };
      const onData = (d: Buffer) => {
        buffered = Buffer.concat([buffered, d]);
        for (let nl = buffered.indexOf(0x0a); nl !== -1; nl = buffered.indexOf(0x0a)) {
          const line = buffered.subarray(0, nl).toString('utf8');
          buffered = buffered.subarray(nl + 1);
          if (isHelloReply(line)) return finish(null, buffered);
        }
        if (buffered.length > MAX_REPLY_BYTES) finish(new Error(`${this.path}: a line longer than ${MAX_REPLY_BYTES} bytes`));
      };
      const timer = setTimeout(() => finish(new Error(`${this.path}: no reply to hello within ${this.timeoutMs} ms`)), this.timeoutMs);
      port.on('data', onData);
      port.write(JSON.stringify({ op: 'hello' }) + '\n');
    });
  }

  send(request: object): Promise<unknown> {
    return this.channel.send(request);
  }

  async close(): Promise<void> {
    const port = this.port;
    if (!port) return;
    this.channel.fail(new DutCrash('DUT closed'));
    if (port.isOpen) port.close(() => {});
    await this.closed;
  }
}

function isHelloReply(line: string): boolean {
  try {
    const r = JSON.parse(line) as unknown;
    return typeof r === 'object' && r !== null && 'protocol' in r;
  } catch {
    return false;
  }
}
