// Reading a configuration (conformance.md section 3): each section parses its own keys with these.
// Unknown keys are ignored; wrong types are `badConfig` (clarifications 27), with the path named and
// the offending value shortened, never a key echoed.
import { METER_TIME_RANGE, parseMeterTime } from './clock.js';

export class ConfigError extends Error {}

export type Obj = Record<string, unknown>;

/** The offending value, shortened: an error answers, it does not echo a megabyte back. */
function shown(got: unknown): string {
  const text = JSON.stringify(got) ?? String(got);
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

export function fail(path: string, expected: string, got: unknown): never {
  throw new ConfigError(`${path}: expected ${expected}, got ${shown(got)}`);
}

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) fail(path, 'an object', v);
  return v;
}

export function int(v: unknown, path: string, min = -Number.MAX_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) fail(path, `an integer ${min}..${max}`, v);
  return v;
}

export function bool(v: unknown, path: string): boolean {
  if (typeof v !== 'boolean') fail(path, 'a boolean', v);
  return v;
}

export function oneOf<T extends string>(v: unknown, path: string, options: readonly T[]): T {
  if (typeof v !== 'string' || !options.includes(v as T)) fail(path, `one of ${options.join(', ')}`, v);
  return v as T;
}

export function hex(v: unknown, path: string, bytes: number): string {
  if (typeof v !== 'string' || !new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(v)) fail(path, `${bytes} bytes of hex`, v);
  return v.toUpperCase();
}

export function instant(v: unknown, path: string): number {
  const t = parseMeterTime(v);
  if (t === null) fail(path, `an ISO-8601 UTC time ${METER_TIME_RANGE}`, v);
  return t;
}

export function arr(v: unknown, path: string, maxLength: number): unknown[] {
  if (!Array.isArray(v) || v.length > maxLength) fail(path, `an array of at most ${maxLength}`, v);
  return v;
}

/** Apply `fields` of `src` that are present, each through its parser. */
export function pick<T extends object>(target: T, src: Obj, path: string, parsers: { [K in keyof T]?: (v: unknown, p: string) => T[K] }): void {
  for (const key of Object.keys(parsers) as (keyof T & string)[]) {
    if (src[key] !== undefined) target[key] = parsers[key]!(src[key], `${path}.${key}`);
  }
}

export const mp = (v: unknown, p: string) => int(v, p);
export const mpPos = (v: unknown, p: string) => int(v, p, 0);
export const minute = (v: unknown, p: string) => int(v, p, 0, 1439);
export const mask = (v: unknown, p: string) => int(v, p, 0, 127);
