// An in-memory disk with crash semantics, for power-cut tests: file contents are durable only after
// fsync, directory entries (creations, renames) only after fsyncDir. `cutAt` makes the n-th mutating
// operation throw PowerCut, before or after it takes effect; `afterCrash()` is what a restart finds.
import { dirname } from 'node:path';
import type { Disk } from '../../cli/store/disk.js';

export class PowerCut extends Error {}

interface Inode {
  data: string;
  durable: string;
}

export class FaultDisk implements Disk {
  private inodes = new Map<number, Inode>();
  private dir = new Map<string, number>();
  private durableDir = new Map<string, number>();
  private nextInode = 1;
  /** mutating operations done so far */
  ops = 0;
  /** the operation kinds, in order, for reporting */
  readonly log: string[] = [];

  constructor(private readonly cut: { at: number; when: 'before' | 'after' } | null = null) {}

  private step(kind: string, apply: () => void): void {
    this.ops += 1;
    this.log.push(kind);
    if (this.cut && this.cut.at === this.ops && this.cut.when === 'before') throw new PowerCut(`cut before ${kind} #${this.ops}`);
    apply();
    if (this.cut && this.cut.at === this.ops && this.cut.when === 'after') throw new PowerCut(`cut after ${kind} #${this.ops}`);
  }

  read(path: string): string | null {
    const id = this.dir.get(path);
    return id === undefined ? null : this.inodes.get(id)!.data;
  }

  write(path: string, text: string): void {
    this.step('write', () => {
      const id = this.nextInode++;
      this.inodes.set(id, { data: text, durable: '' });
      this.dir.set(path, id);
    });
  }

  append(path: string, text: string): void {
    this.step('append', () => {
      let id = this.dir.get(path);
      if (id === undefined) {
        id = this.nextInode++;
        this.inodes.set(id, { data: '', durable: '' });
        this.dir.set(path, id);
      }
      this.inodes.get(id)!.data += text;
    });
  }

  fsync(path: string): void {
    this.step('fsync', () => {
      const inode = this.inodes.get(this.dir.get(path)!)!;
      inode.durable = inode.data;
    });
  }

  rename(from: string, to: string): void {
    this.step('rename', () => {
      this.dir.set(to, this.dir.get(from)!);
      this.dir.delete(from);
    });
  }

  fsyncDir(pathInDir: string): void {
    this.step('fsyncDir', () => {
      const d = dirname(pathInDir);
      for (const [name, id] of [...this.durableDir]) if (dirname(name) === d && !this.dir.has(name)) this.durableDir.delete(name);
      for (const [name, id] of this.dir) if (dirname(name) === d) this.durableDir.set(name, id);
    });
  }

  /** The disk as a restart finds it: durable directory entries with their durable contents. */
  afterCrash(): FaultDisk {
    const next = new FaultDisk();
    for (const [name, id] of this.durableDir) {
      const nid = next.nextInode++;
      const text = this.inodes.get(id)!.durable;
      next.inodes.set(nid, { data: text, durable: text });
      next.dir.set(name, nid);
      next.durableDir.set(name, nid);
    }
    return next;
  }
}
