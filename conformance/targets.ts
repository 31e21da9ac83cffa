// Devices under test: the in-process model, or any program speaking JSON Lines on stdin/stdout.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Device } from '../firmware/device.js';

export interface Target {
  /** Send one request; resolves with the reply, or rejects on a crash or timeout. */
  send(request: object): Promise<unknown>;
  close(): void;
}

export class ModelTarget implements Target {
  private device = new Device();
  async send(request: object): Promise<unknown> {
    return this.device.handle(JSON.parse(JSON.stringify(request)));
  }
  close(): void {}
}

export class DutCrash extends Error {}

/** A child process started from a shell command line (`--target "nowan adapter"`). */
export class ProcessTarget implements Target {
  private child: ChildProcessWithoutNullStreams;
  private waiting: { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null = null;
  private dead: Error | null = null;
  private stderr = '';

  constructor(
    command: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.child = spawn(command, { shell: true, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-2000)));
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      // A line nobody asked for is a protocol error; the next request's reply would be out of step.
      if (this.waiting) this.settle(null, line);
      else this.fail(new DutCrash(`DUT wrote an unrequested line: ${line.slice(0, 200)}`));
    });
    this.child.on('exit', (code, signal) => this.fail(new DutCrash(`DUT exited (${signal ?? `code ${code}`})${this.stderr ? `: ${this.stderr.trim().split('\n').pop()}` : ''}`)));
    this.child.on('error', (e) => this.fail(new DutCrash(`DUT could not start: ${e.message}`)));
    this.child.stdin.on('error', () => {});
  }

  private fail(e: Error): void {
    this.dead ??= e;
    if (this.waiting) this.settle(e, null);
  }

  private settle(error: Error | null, line: string | null): void {
    const w = this.waiting!;
    this.waiting = null;
    clearTimeout(w.timer);
    if (error) return w.reject(error);
    try {
      w.resolve(JSON.parse(line!));
    } catch {
      w.reject(new DutCrash(`DUT answered a line that is not JSON: ${line!.slice(0, 200)}`));
    }
  }

  send(request: object): Promise<unknown> {
    if (this.dead) return Promise.reject(this.dead);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        this.dead = new DutCrash(`DUT timed out after ${this.timeoutMs} ms`);
        this.child.kill('SIGKILL');
        reject(this.dead);
      }, this.timeoutMs);
      this.waiting = { resolve, reject, timer };
      this.child.stdin.write(JSON.stringify(request) + '\n');
    });
  }

  close(): void {
    if (!this.dead) this.child.stdin.end();
    this.child.kill();
  }
}
