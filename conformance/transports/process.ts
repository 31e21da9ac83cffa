// A DUT started from a shell command line (`--target "nowan adapter"`), in a process group of its
// own so that a timeout or the end of the run kills it with everything it started: a hung adapter's
// children must not outlive the runner or hold its pipes open.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Target } from '../targets.js';
import { DutCrash, JsonLinesChannel } from './json-lines.js';

/** How long a DUT gets to exit by itself after its stdin closes, before its group is killed. */
const CLOSE_GRACE_MS = 2000;
/** How long to wait for the last stderr after an exit, so the error can quote it. */
const STDERR_GRACE_MS = 250;

/** Groups still alive, killed if the runner itself exits first (an error, Ctrl-C). */
const live = new Set<number>();
let exitHookInstalled = false;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

export class ProcessTarget implements Target {
  private child: ChildProcessWithoutNullStreams | null = null;
  private channel: JsonLinesChannel;
  private stderr = '';
  private exited: Promise<void> = Promise.resolve();

  constructor(
    private readonly command: string,
    private readonly timeoutMs = 10_000,
  ) {
    this.channel = new JsonLinesChannel((line) => this.child?.stdin.write(line), timeoutMs, () => this.kill());
  }

  async open(): Promise<void> {
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.on('exit', () => live.forEach((pid) => killGroup(pid, 'SIGKILL')));
    }
    const child = spawn(this.command, { shell: true, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    if (child.pid !== undefined) live.add(child.pid);
    let stderrEnded = false;
    child.stderr.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-2000)));
    child.stderr.on('end', () => (stderrEnded = true));
    child.stdout.on('data', (d: Buffer) => this.channel.data(d));
    child.stdin.on('error', () => {});
    this.exited = new Promise((done) => {
      child.on('error', (e) => {
        this.channel.fail(new DutCrash(`DUT could not start: ${e.message}`));
        done();
      });
      child.on('exit', (code, signal) => {
        const report = () => {
          const last = this.stderr.trim().split('\n').pop();
          this.channel.fail(new DutCrash(`DUT exited (${signal ?? `code ${code}`})${last ? `: ${last}` : ''}`));
          done();
        };
        if (stderrEnded) report();
        else setTimeout(report, STDERR_GRACE_MS);
      });
    });
  }

  send(request: object): Promise<unknown> {
    return this.channel.send(request);
  }

  private kill(): void {
    if (this.child?.pid !== undefined) killGroup(this.child.pid, 'SIGKILL');
  }

  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.channel.fail(new DutCrash('DUT closed'));
    child.stdin.end();
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([this.exited, new Promise<void>((done) => (grace = setTimeout(done, CLOSE_GRACE_MS)))]);
    clearTimeout(grace);
    // Even after the leader exits, whatever it left behind in its group goes too.
    this.kill();
    await this.exited;
    if (child.pid !== undefined) live.delete(child.pid);
    child.stdout.destroy();
    child.stderr.destroy();
  }
}
