// The nowan library API. What is exported here is what is supported (semver); everything else is
// internal and may change.
//
//   import { createMeter, issueToken, inspectToken, runConformance } from 'nowan';
import { Device, type DeviceStorage, type ErrorCode, type Reply } from './protocol/device.js';
import type { Outcome } from './firmware/meter.js';
import { readout, type Readout } from './firmware/readout.js';
import { commission } from './firmware/configure.js';
import { hexToBytes } from './firmware/tokens/crypto.js';
import { inspectToken as inspect, type Inspection } from './diagnostics/inspect.js';
import type { CommandName } from './firmware/tokens/command-table.js';
import { issueEnvelope as signEnvelope, type EnvelopeCommand } from './vending/envelope.js';
import type { Report } from './conformance/reports.js';
import type { DutIdentity, VectorResult } from './conformance/runner.js';
import { runSelection, selectVectors } from './conformance/session.js';
import { parseTarget } from './conformance/targets.js';
import { VECTOR_ROOT } from './conformance/suite.js';

export type { Reply, ErrorCode, Outcome, Readout, Inspection, VectorResult, DutIdentity, CommandName, EnvelopeCommand, DeviceStorage };
export { meterMachine } from './firmware/meter.machine.js';
/**
 * Issue a token: `TopUp` is a 20-digit GBCS UTRN (`{ pence }` or `{ pounds }`, 0..8191); every other
 * command of tokens.md table 6 takes its fields by name. The caller must never reuse a counter.
 */
export { issueToken, type IssuedToken } from './vending/issue.js';
export type { VendingKeys as TokenKeys } from './vending/party.js';
export type { MeterEvent, MeterContext } from './firmware/meter.machine.js';

/** A meter: the conformance protocol as methods. Bad input answers `{ok:false,error}`; nothing throws. */
export interface Meter {
  /** Any conformance.md section 1 request object. */
  handle(request: object): Reply;
  advance(by: { seconds: number } | { to: string }): Reply;
  load(watts: number): Reply;
  consume(wh: number): Reply;
  keys(keys: string): Reply;
  token(digits: string, source?: 'keypad' | 'ppmid'): Reply;
  envelope(jws: string): Reply;
  button(button: 'A' | 'B', where?: 'meter' | 'ppmid'): Reply;
  join(deviceClass: 'ihd' | 'ppmid' | 'cad' | 'gasMeter', deviceId: string): Reply;
  power(on: boolean): Reply;
  /** The read-out of conformance.md section 2. */
  read(): Readout;
}

/**
 * A new meter: factory defaults overridden by `config` (conformance.md section 3), at `time`
 * (ISO-8601 UTC). Throws a RangeError naming the bad field for an invalid configuration.
 */
export function createMeter(config: Record<string, unknown> = {}, time = '2026-01-01T00:00:00Z'): Meter {
  const device = new Device();
  const made = device.handle({ op: 'reset', meter: config, time });
  if (!made.ok) throw new RangeError(made.error.message);
  const call = (request: object) => device.handle(request);
  return {
    handle: call,
    advance: (by) => call({ op: 'advance', ...by }),
    load: (watts) => call({ op: 'load', watts }),
    consume: (wh) => call({ op: 'consume', wh }),
    keys: (keys) => call({ op: 'keys', keys }),
    token: (digits, source = 'keypad') => call({ op: 'token', digits, source }),
    envelope: (jws) => call({ op: 'envelope', jws }),
    button: (button, where = 'meter') => call({ op: 'button', button, where }),
    join: (deviceClass, deviceId) => call({ op: 'join', deviceClass, deviceId }),
    power: (on) => call({ op: 'power', on }),
    read: () => readout(device.meter!),
  };
}

/** Sign a PPMID envelope (tokens.md section 8) with the supplier's Ed25519 key (32 bytes hex). */
export function issueEnvelope(ids: { originatorId: string; deviceId: string }, signingKeyHex: string, utrnCounter: number, commands: EnvelopeCommand[]): string {
  return signEnvelope({ ...ids, signingKey: hexToBytes(signingKeyHex) }, utrnCounter, commands);
}

/** Explain a token; with a meter configuration, recover its counter and check its MAC. */
export function inspectToken(digits: string, meterConfig?: Record<string, unknown>): Inspection {
  let meter;
  if (meterConfig) {
    const made = commission(meterConfig, 0);
    if (!made.ok) throw new RangeError(made.message);
    meter = made.value;
  }
  const r = inspect(digits, meter);
  if (typeof r === 'string') throw new RangeError(r);
  return r;
}

export interface ConformanceOptions {
  /** a DUT: a command line speaking JSON Lines, tcp://HOST:PORT or serial:PATH?baud=N; default the in-process model */
  target?: string;
  /** per-step timeout in ms for a DUT; default 10 s */
  timeoutMs?: number;
  /** comma-separated id globs */
  filter?: string;
  shard?: { index: number; count: number };
  /** a vector folder; default the suite shipped with the package */
  vectors?: string;
}

/**
 * What `nowan conformance --json` writes: the suite's integrity (published and unmodified, or every
 * changed file), the DUT's identity from its hello, times, every vector's result and duration, and
 * per-area counts.
 */
export type ConformanceReport = Report;

/**
 * Run the conformance vectors against the model or a DUT. Rejects if the DUT cannot be started or
 * greeted; a suite that is not the published one still runs, with `suite.status` `modified`.
 */
export async function runConformance(options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const selection = selectVectors(options.vectors ?? VECTOR_ROOT, options.filter, options.shard);
  return runSelection(selection, parseTarget(options.target), options.timeoutMs ?? 10_000);
}
