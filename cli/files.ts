// File helpers for the CLI: JSON reading with clear errors, output paths checked up front, atomic
// replacement.
import { accessSync, closeSync, constants, existsSync, fchmodSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Where JSON.parse gave up, as line and column. Its own message quotes the text around the error,
 * which for a key file would echo key material, so only the position is kept.
 */
function parsePosition(text: string, message: string): string {
  const at = /at position (\d+)/.exec(message);
  if (!at) return /Unexpected end/.test(message) ? 'it ends too early' : 'a syntax error';
  const before = text.slice(0, Number(at[1])).split('\n');
  return `a syntax error at line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

export function readJsonFile(path: string): unknown {
  if (!existsSync(path)) throw new Error(`${path}: no such file`);
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${path}: not valid JSON (${parsePosition(text, (e as Error).message)})`);
  }
}

/**
 * Write to a temporary file, fsync, rename over the target, fsync the directory. The file gets `mode`
 * whether it is new or replaced (the temporary file is created with it and renamed into place).
 */
export function writeFileAtomic(path: string, text: string, mode = 0o644): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', mode);
  try {
    // A leftover temporary file keeps its old mode on open; a private file must be private regardless.
    if ((mode & 0o077) === 0) fchmodSync(fd, mode);
    writeSync(fd, text);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    unlinkSync(tmp);
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
  try {
    const dir = openSync(dirname(path), 'r');
    fsyncSync(dir);
    closeSync(dir);
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  }
}

/** An output path of `-` means standard output, as in most command-line tools. */
export const STDOUT = '-';

/** Write an output: to standard output for `-`, else to the file, replaced atomically. */
export function writeOutput(path: string, text: string): void {
  if (path === STDOUT) process.stdout.write(text);
  else writeFileAtomic(path, text);
}

/** Where a command's own summary goes: standard error when an output already took standard output. */
export function summaryStream(...outputs: (string | undefined)[]): NodeJS.WriteStream {
  return outputs.includes(STDOUT) ? process.stderr : process.stdout;
}

/** Throw a clear error now, before any work, if `path` could not be written later. */
export function assertWritable(path: string, option: string): void {
  if (path === STDOUT) return;
  const full = resolve(path);
  const dir = dirname(full);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${option} ${path}: folder ${dir} does not exist`);
  if (existsSync(full) && statSync(full).isDirectory()) throw new Error(`${option} ${path}: is a folder`);
  try {
    // The file is written beside itself and renamed into place (writeFileAtomic): the folder must be writable.
    accessSync(dir, constants.W_OK);
  } catch {
    throw new Error(`${option} ${path}: folder ${dir} is not writable`);
  }
}
