// The meter as a device under test (conformance.md section 1): one JSON request in, one JSON reply out.
// Every request is validated; a bad one answers ok:false and changes nothing. Used in process by the
// conformance runner and over stdin/stdout by `nowan adapter`. The only place a reply is built: the
// meter answers with a typed outcome, turned into the wire's shape by replyOf.
import { createActor, type Actor } from 'xstate';
import { inMeterTimeRange, METER_TIME_MAX, METER_TIME_RANGE, parseIso } from '../firmware/clock.js';
import { commission } from '../firmware/configure.js';
import type { Outcome } from '../firmware/meter.js';
import { currentSnapshot, meterMachine, type MeterEvent } from '../firmware/meter.machine.js';
import { readout } from '../firmware/readout.js';
import type { MeterState } from '../firmware/state.js';
import type { TokenOutcome } from '../firmware/tokens/results.js';

export const PROTOCOL = 1;
export const NAME = 'nowan model';
export const VERSION = '0.1.0';

/** The codes of an `ok:false` reply. */
export type ErrorCode = Extract<Outcome, { kind: 'refused' }>['code'] | 'badJson' | 'badConfig' | 'tooLarge' | 'noMeter' | 'unknownOp' | 'internal';

/** One response line (conformance.md section 1): every response has `ok`. */
export type Reply = { ok: true; [key: string]: unknown } | { ok: false; error: { code: ErrorCode; message: string } };

export function failure(code: ErrorCode, message: string): Reply {
  return { ok: false, error: { code, message } };
}

/** The flat token-like reply: result, then reason, block and index when present, message, display. */
function tokenReply(o: TokenOutcome): { ok: true; [key: string]: unknown } {
  const reply: { ok: true; [key: string]: unknown } = { ok: true, result: o.result };
  if (o.reason !== undefined) reply.reason = o.reason;
  if (o.block !== undefined) reply.block = o.block;
  if (o.index !== undefined) reply.index = o.index;
  reply.message = o.message;
  reply.display = [o.display];
  return reply;
}

/** What the meter did, as the wire says it (conformance.md section 1). */
export function replyOf(outcome: Outcome): Reply {
  switch (outcome.kind) {
    case 'done':
      return { ok: true };
    case 'keys':
      return outcome.token ? { ...tokenReply(outcome.token), buffer: outcome.buffer } : { ok: true, buffer: outcome.buffer };
    case 'token':
      return tokenReply(outcome.token);
    case 'button':
    case 'join':
      return outcome.accepted ? { ok: true, accepted: true } : { ok: true, accepted: false, reason: outcome.reason };
    case 'refused':
      return failure(outcome.code, outcome.message);
  }
}

type Req = Record<string, unknown>;

const JOIN_CLASSES = ['ihd', 'ppmid', 'cad', 'gasMeter'] as const;

/**
 * Bounds on request fields (docs/decisions.md, "Edges"). Watts over the whole time range and a lump
 * of Wh both stay exact in joules (below 2^53); the strings are far above anything a keypad, a token
 * or an envelope (4 KiB, tokens.md section 8) needs, so the meter's own rules still answer those,
 * and a journal record stays small.
 */
export const LIMITS = { watts: 1_000_000, wh: 1_000_000_000, keys: 1024, digits: 256, jwsBytes: 8192, configDepth: 32 } as const;

function isNonNegativeInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

const tooLarge = (message: string) => failure('tooLarge', message);

/** Whether a JSON value nests deeper than `limit` (iteratively: deep input must not overflow the stack). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** A requested instant: parsed strictly and inside the meter's time range, or why not. */
function meterInstant(v: unknown, field: string): number | string {
  const t = parseIso(v);
  if (t === null) return `${field} must be an ISO-8601 UTC time such as 2026-01-05T09:00:00Z`;
  if (!inMeterTimeRange(t)) return `${field} must lie in the meter's time range, ${METER_TIME_RANGE}`;
  return t;
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
        if (now + req.seconds > METER_TIME_MAX) return bad(`advance.seconds would take the meter past the end of its time range, ${METER_TIME_RANGE}`);
        return { type: 'ADVANCE', to: now + req.seconds };
      }
      const to = meterInstant(req.to, 'advance.to');
      if (typeof to === 'string') return bad(to);
      if (to < now) return bad('advance.to is before the meter time');
      return { type: 'ADVANCE', to };
    }
    case 'load':
      return isNonNegativeInt(req.watts) && req.watts <= LIMITS.watts ? { type: 'LOAD', watts: req.watts } : bad(`load.watts must be an integer 0..${LIMITS.watts}`);
    case 'consume':
      return isNonNegativeInt(req.wh) && req.wh <= LIMITS.wh ? { type: 'CONSUME', wh: req.wh } : bad(`consume.wh must be an integer 0..${LIMITS.wh}`);
    case 'keys':
      if (typeof req.keys === 'string' && req.keys.length > LIMITS.keys) return tooLarge(`keys.keys is longer than ${LIMITS.keys} presses`);
      return typeof req.keys === 'string' && /^[0-9#*<]*$/.test(req.keys)
        ? { type: 'KEYS', keys: req.keys }
        : bad('keys.keys must be a string of 0-9, #, *, <');
    case 'token': {
      const source = req.source ?? 'keypad';
      if (source !== 'keypad' && source !== 'ppmid') return bad('token.source must be keypad or ppmid');
      if (typeof req.digits === 'string' && req.digits.length > LIMITS.digits) return tooLarge(`token.digits is longer than ${LIMITS.digits} characters`);
      if (typeof req.digits !== 'string' || !/^[0-9 \-]*$/.test(req.digits)) return bad('token.digits must be digits, spaces and dashes');
      return { type: 'TOKEN_ENTERED', digits: req.digits.replace(/[ -]/g, ''), source };
    }
    case 'envelope':
      if (typeof req.jws !== 'string') return bad('envelope.jws must be a string');
      if (req.jws.length > LIMITS.jwsBytes || new TextEncoder().encode(req.jws).length > LIMITS.jwsBytes) return tooLarge(`envelope.jws is larger than ${LIMITS.jwsBytes} bytes`);
      return { type: 'ENVELOPE_RECEIVED', jws: req.jws };
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

/**
 * Restore a meter from a persisted snapshot (JSON). A snapshot of the machine before version 4 of
 * the state file held the power as its state ('powered', 'powerCut'); the power is the meter's own,
 * so such a snapshot restores into the one state there is now.
 */
export function restoreMeter(snapshot: unknown): MeterActor {
  return createActor(meterMachine, { snapshot: currentSnapshot(snapshot) as never, input: undefined as never }).start();
}

/** Anything that forwards events to a meter actor and shows its snapshot (an actor, a durable meter). */
export interface MeterLike {
  send(event: MeterEvent): void;
  getSnapshot(): { context: { meter: MeterState; outcome: Outcome } };
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
      const time = meterInstant(r.time, 'reset.time');
      if (typeof time === 'string') return failure('badRequest', time);
      if (nestsDeeperThan(r.meter, LIMITS.configDepth)) return failure('badConfig', `reset.meter nests deeper than ${LIMITS.configDepth} levels`);
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
    if (r.op === 'read') return { ok: true, readout: readout(meter) };
    const event = toEvent(r, meter.time);
    if ('ok' in event) return event;
    this.actor.send(event);
    return replyOf(this.actor.getSnapshot().context.outcome);
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
