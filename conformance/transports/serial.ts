// A DUT on a serial line (`--target serial:/dev/ttyUSB0?baud=115200`), through the serialport
// library, loaded only when a serial target is asked for (it is a native module). A serial line has
// no connection to lose, so after a timeout the port is closed and opened again with its buffers
// flushed, and the next vector starts from a clean line.
import type { SerialPort } from 'serialport';
import type { Target } from '../targets.js';
import { connectWithin } from './connect.js';
import { DutCrash, JsonLinesChannel } from './json-lines.js';

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
    // Whatever a previous DUT session left in the buffers would answer the wrong request.
    await new Promise<void>((done) => port.flush(() => done()));
    port.on('data', (d: Buffer) => this.channel.data(d));
    port.on('error', () => {});
    this.closed = new Promise((done) =>
      port.on('close', () => {
        this.channel.fail(new DutCrash(`serial port ${this.path} closed`));
        done();
      }),
    );
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
