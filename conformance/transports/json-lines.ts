// One request line out, one reply line back, in order (conformance.md section 1), over any byte
// stream: a child's stdin/stdout, a TCP socket, a serial line. Replies are bounded and timed; the
// first problem (timeout, garbage, a line nobody asked for, the stream gone) makes the channel dead,
// because the next reply could no longer be matched to its request.

/** A reply line longer than this is a broken DUT, not a read-out (the largest is a few hundred kB). */
export const MAX_REPLY_BYTES = 8 * 1024 * 1024;

/** The DUT failed mid-vector (crash, timeout, connection loss): the vector fails, the next gets a fresh DUT. */
export class DutCrash extends Error {}

export class JsonLinesChannel {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private waiting: { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null = null;
  private dead: Error | null = null;

  /**
   * `write` sends one line; `abandon` is called once when the channel dies of its own accord
   * (timeout, oversized or unrequested line), so the transport can kill or drop the DUT.
   */
  constructor(
    private readonly write: (line: string) => void,
    private readonly timeoutMs: number,
    private readonly abandon: () => void,
  ) {}

  get failure(): Error | null {
    return this.dead;
  }

  /** Bytes read from the DUT. */
  data(chunk: Buffer): void {
    if (this.dead) return;
    let start = 0;
    for (let nl = chunk.indexOf(0x0a); nl !== -1; nl = chunk.indexOf(0x0a, start)) {
      this.pending.push(chunk.subarray(start, nl));
      const line = Buffer.concat(this.pending).toString('utf8').replace(/\r$/, '');
      this.pending = [];
      this.pendingBytes = 0;
      start = nl + 1;
      this.line(line);
      if (this.dead) return;
    }
    const rest = chunk.subarray(start);
    this.pendingBytes += rest.length;
    if (this.pendingBytes > MAX_REPLY_BYTES) return this.die(new DutCrash(`DUT wrote a line longer than ${MAX_REPLY_BYTES} bytes`));
    if (rest.length) this.pending.push(rest);
  }

  /** The DUT is gone: fail the request in flight and every later one. */
  fail(e: Error): void {
    this.dead ??= e;
    if (this.waiting) this.settle(this.dead, null);
  }

  send(request: object): Promise<unknown> {
    if (this.dead) return Promise.reject(this.dead);
    if (this.waiting) return Promise.reject(new Error('one request at a time'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.die(new DutCrash(`DUT timed out after ${this.timeoutMs} ms`)), this.timeoutMs);
      this.waiting = { resolve, reject, timer };
      this.write(JSON.stringify(request) + '\n');
    });
  }

  private line(line: string): void {
    if (!this.waiting) return this.die(new DutCrash(`DUT wrote an unrequested line: ${line.slice(0, 200)}`));
    let reply: unknown;
    try {
      reply = JSON.parse(line);
    } catch {
      return this.die(new DutCrash(`DUT answered a line that is not JSON: ${line.slice(0, 200)}`));
    }
    this.settle(null, reply);
  }

  private die(e: Error): void {
    if (this.dead) return;
    this.fail(e);
    this.abandon();
  }

  private settle(error: Error | null, reply: unknown): void {
    const w = this.waiting!;
    this.waiting = null;
    clearTimeout(w.timer);
    if (error) w.reject(error);
    else w.resolve(reply);
  }
}
