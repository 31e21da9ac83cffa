// A DUT that speaks the JSON Lines protocol on a TCP port (`--target tcp://HOST:PORT`): a meter's
// network debug port, or a bridge in front of one. A dropped connection fails the vector in flight;
// the next vector connects again.
import { connect, type Socket } from 'node:net';
import type { Target } from '../targets.js';
import { connectWithin } from './connect.js';
import { DutCrash, JsonLinesChannel } from './json-lines.js';

export class TcpTarget implements Target {
  private socket: Socket | null = null;
  private closed: Promise<void> = Promise.resolve();
  private channel: JsonLinesChannel;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly timeoutMs = 10_000,
  ) {
    this.channel = new JsonLinesChannel((line) => this.socket?.write(line), timeoutMs, () => this.socket?.destroy());
  }

  async open(): Promise<void> {
    const socket = await connectWithin(this.timeoutMs, () => this.connectOnce());
    this.socket = socket;
    socket.setNoDelay(true);
    let lastError = '';
    socket.on('error', (e) => (lastError = `: ${e.message}`));
    socket.on('data', (d: Buffer) => this.channel.data(d));
    this.closed = new Promise((done) =>
      socket.on('close', () => {
        this.channel.fail(new DutCrash(`connection to ${this.host}:${this.port} lost${lastError}`));
        done();
      }),
    );
  }

  private connectOnce(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const s = connect({ host: this.host, port: this.port });
      s.once('connect', () => {
        s.removeListener('error', reject);
        resolve(s);
      });
      s.once('error', (e) => {
        s.destroy();
        reject(new Error(`cannot connect to ${this.host}:${this.port}: ${e.message}`));
      });
    });
  }

  send(request: object): Promise<unknown> {
    return this.channel.send(request);
  }

  async close(): Promise<void> {
    if (!this.socket) return;
    this.channel.fail(new DutCrash('DUT closed'));
    this.socket.destroy();
    await this.closed;
  }
}
