// The meter as a device under test (conformance.md section 1): one JSON request in, one JSON reply out.
// Every request is validated; a bad one answers ok:false and changes nothing. Used in process by the
// conformance runner and over stdin/stdout by `nowan adapter`.
import { createActor, type Actor } from 'xstate';
import { parseIso } from './clock.js';
import { commission } from './configure.js';
import { failure, read, type Reply } from './meter.js';
import { meterMachine, type MeterEvent } from './meter.machine.js';
import type { MeterState } from './state.js';

export const PROTOCOL = 1;
export const NAME = 'nowan model';
export const VERSION = '0.1.0';

type Req = Record<string, unknown>;

const JOIN_CLASSES = ['ihd', 'ppmid', 'cad', 'gasMeter'] as const;

function isNonNegativeInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** Turn a request into a machine event, or a reply explaining why it cannot be carried out. */
export function toEvent(req: Req, now: number): MeterEvent | Reply {
  const bad = (message: string) => failure('badRequest', message);
  switch (req.op) {
    case 'advance': {
      const hasSeconds = req.seconds !== undefined;
      const hasTo = req.to !== undefined;
      if (hasSeconds === hasTo) return bad('advance takes exactly one of seconds or to');
      if (hasSeconds) {
        if (!isNonNegativeInt(req.seconds)) return bad('advance.seconds must be an integer >= 0');
        return { type: 'ADVANCE', to: now + req.seconds };
      }
      const to = parseIso(req.to);
      if (to === null) return bad('advance.to must be an ISO-8601 UTC time');
      if (to < now) return bad('advance.to is before the meter time');
      return { type: 'ADVANCE', to };
    }
    case 'load':
      return isNonNegativeInt(req.watts) ? { type: 'LOAD', watts: req.watts } : bad('load.watts must be an integer >= 0');
    case 'consume':
      return isNonNegativeInt(req.wh) ? { type: 'CONSUME', wh: req.wh } : bad('consume.wh must be an integer >= 0');
    case 'keys':
      return typeof req.keys === 'string' && /^[0-9#*<]*$/.test(req.keys)
        ? { type: 'KEYS', keys: req.keys }
        : bad('keys.keys must be a string of 0-9, #, *, <');
    case 'token': {
      const source = req.source ?? 'keypad';
      if (source !== 'keypad' && source !== 'ppmid') return bad('token.source must be keypad or ppmid');
      if (typeof req.digits !== 'string' || !/^[0-9 \-]*$/.test(req.digits)) return bad('token.digits must be digits, spaces and dashes');
      return { type: 'TOKEN_ENTERED', digits: req.digits.replace(/[ -]/g, ''), source };
    }
    case 'envelope':
      return typeof req.jws === 'string' ? { type: 'ENVELOPE_RECEIVED', jws: req.jws } : bad('envelope.jws must be a string');
    case 'button': {
      const where = req.where ?? 'meter';
      if (where !== 'meter' && where !== 'ppmid') return bad('button.where must be meter or ppmid');
      if (req.button === 'A') return { type: 'BUTTON_A', where };
      if (req.button === 'B') return { type: 'BUTTON_B', where };
      return bad('button.button must be A or B');
    }
    case 'join':
      if (!JOIN_CLASSES.includes(req.deviceClass as (typeof JOIN_CLASSES)[number])) return bad(`join.deviceClass must be one of ${JOIN_CLASSES.join(', ')}`);
      if (typeof req.deviceId !== 'string' || !/^[0-9a-fA-F]{16}$/.test(req.deviceId)) return bad('join.deviceId must be 16 hex digits');
      return { type: 'JOIN', deviceClass: req.deviceClass as (typeof JOIN_CLASSES)[number], deviceId: req.deviceId };
    case 'power':
      return typeof req.on === 'boolean' ? { type: req.on ? 'POWER_RESTORED' : 'POWER_CUT' } : bad('power.on must be a boolean');
    default:
      return failure('unknownOp', `unknown op ${JSON.stringify(req.op)}`);
  }
}

export type MeterActor = Actor<typeof meterMachine>;

export function startMeter(meter: MeterState): MeterActor {
  return createActor(meterMachine, { input: { meter } }).start();
}

/** Restore a meter from a persisted snapshot (JSON). */
export function restoreMeter(snapshot: unknown): MeterActor {
  return createActor(meterMachine, { snapshot: snapshot as never, input: undefined as never }).start();
}

/** Anything that forwards events to a meter actor and shows its snapshot (an actor, a durable meter). */
export interface MeterLike {
  send(event: MeterEvent): void;
  getSnapshot(): { context: { meter: MeterState; reply: Reply } };
}

/** Where a device keeps its meter across restarts (the CLI's state file); the firmware does no I/O. */
export interface DeviceStorage {
  /** The meter kept from an earlier run, or null. */
  load(): MeterLike | null;
  /** A new meter replacing whatever was kept. */
  create(meter: MeterState): MeterLike;
}

export class Device {
  private actor: MeterLike | null;

  constructor(private readonly storage?: DeviceStorage) {
    this.actor = storage?.load() ?? null;
  }

  get meter(): MeterState | null {
    return this.actor ? this.actor.getSnapshot().context.meter : null;
  }

  /** Handle one request object (already parsed from JSON). Never throws for bad input. */
  handle(req: unknown): Reply {
    if (typeof req !== 'object' || req === null || Array.isArray(req)) return failure('badRequest', 'a request must be a JSON object');
    const r = req as Req;
    if (r.op === 'hello') return { ok: true, protocol: PROTOCOL, name: NAME, version: VERSION };
    if (r.op === 'reset') {
      const time = parseIso(r.time);
      if (time === null) return failure('badRequest', 'reset.time must be an ISO-8601 UTC time');
      const made = commission(r.meter, time);
      if (!made.ok) return failure(made.code, made.message);
      this.actor = this.storage ? this.storage.create(made.value) : startMeter(made.value);
      return { ok: true };
    }
    if (typeof r.op !== 'string') return failure('badRequest', 'a request needs an op');
    if (!this.actor) {
      const known = ['advance', 'load', 'consume', 'keys', 'token', 'envelope', 'button', 'join', 'power', 'read'];
      return known.includes(r.op) ? failure('noMeter', 'no meter yet: send reset first') : failure('unknownOp', `unknown op ${JSON.stringify(r.op)}`);
    }
    const meter = this.actor.getSnapshot().context.meter;
    if (r.op === 'read') return read(meter);
    const event = toEvent(r, meter.time);
    if ('ok' in event) return event;
    this.actor.send(event);
    return this.actor.getSnapshot().context.reply;
  }

  /** Handle one line of JSON text. */
  handleLine(line: string): Reply {
    if (line.trim() === '') return failure('badJson', 'an empty line is not a request');
    let req: unknown;
    try {
      req = JSON.parse(line);
    } catch {
      return failure('badJson', 'the line is not valid JSON');
    }
    return this.handle(req);
  }
}
