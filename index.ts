// The nowan library API. What is exported here is what is supported (semver); everything else is
// internal and may change.
//
//   import { createMeter, issueToken, inspectToken, runConformance } from 'nowan';
import { Device, type DeviceStorage } from './firmware/device.js';
import type { Reply } from './firmware/meter.js';
import { readout, type Readout } from './firmware/readout.js';
import { commission } from './firmware/configure.js';
import { hexToBytes, ecdhP256 } from './firmware/tokens/crypto.js';
import { groupDigits } from './firmware/tokens/digits.js';
import { issueUtrn, type ValueClass } from './firmware/tokens/gbcs.js';
import { inspectToken as inspect, type Inspection } from './firmware/tokens/inspect.js';
import type { Party } from './firmware/tokens/kdf.js';
import { makeParty } from './firmware/tokens/party.js';
import { issueCommandToken } from './firmware/tokens/nowan.js';
import type { CommandName } from './firmware/tokens/command-table.js';
import { issueEnvelope as signEnvelope, type EnvelopeCommand } from './firmware/tokens/envelope-issue.js';
import { runVectors, type DutIdentity, type VectorResult } from './conformance/runner.js';
import { parseTarget } from './conformance/targets.js';
import { filterVectors, loadVectors, shardVectors } from './conformance/vectors.js';
import { VECTOR_ROOT } from './conformance/suite.js';

export type { Reply, Readout, Inspection, VectorResult, DutIdentity, CommandName, EnvelopeCommand, DeviceStorage };
export { meterMachine } from './firmware/meter.machine.js';
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

/** Keys of the vending side: IDs and either Z or the supplier's private key and the device's public key (PEM). */
export interface TokenKeys {
  originatorId: string;
  deviceId: string;
  sharedSecret?: string;
  supplierPrepaymentPrivateKey?: string;
  devicePublicKey?: string;
}

function partyOf(keys: TokenKeys): Party {
  const z = keys.sharedSecret
    ? hexToBytes(keys.sharedSecret)
    : keys.supplierPrepaymentPrivateKey && keys.devicePublicKey
      ? ecdhP256(keys.supplierPrepaymentPrivateKey, keys.devicePublicKey)
      : null;
  if (!z || z.length !== 32) throw new RangeError('keys need sharedSecret (32 bytes hex) or supplierPrepaymentPrivateKey with devicePublicKey');
  return makeParty(keys.originatorId, keys.deviceId, z);
}

export interface IssuedToken {
  /** digits without spaces */
  token: string;
  /** digits in groups of 5 */
  grouped: string;
  utrnCounter: number;
}

/**
 * Issue a token. `TopUp` is a 20-digit GBCS UTRN (`{ pence }` or `{ pounds }`, 0..8191); every other
 * command of tokens.md table 6 takes its fields by name. The caller must never reuse a counter.
 */
export function issueToken(keys: TokenKeys, command: CommandName | 'TopUp', fields: Record<string, number>, utrnCounter: number): IssuedToken {
  if (!Number.isInteger(utrnCounter) || utrnCounter < 1 || utrnCounter > 0xffff_ffff) throw new RangeError(`"utrnCounter" must be 1..4294967295, got ${utrnCounter}`);
  const party = partyOf(keys);
  let token: string;
  if (command === 'TopUp') {
    const [valueClass, value]: [ValueClass, number | undefined] = fields.pounds !== undefined ? ['pounds', fields.pounds] : ['pennies', fields.pence];
    if (value === undefined) throw new RangeError('TopUp needs "pence" or "pounds"');
    token = issueUtrn(party, utrnCounter, valueClass, value).token;
  } else {
    token = issueCommandToken(party, utrnCounter, command, fields).token;
  }
  return { token, grouped: groupDigits(token), utrnCounter };
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

export interface ConformanceReport {
  /** what the DUT said in its hello */
  dut: DutIdentity;
  total: number;
  passed: number;
  failed: number;
  results: VectorResult[];
}

/** Run the conformance vectors against the model or a DUT. */
export async function runConformance(options: ConformanceOptions = {}): Promise<ConformanceReport> {
  const vectors = shardVectors(filterVectors(loadVectors(options.vectors ?? VECTOR_ROOT), options.filter), options.shard);
  const target = parseTarget(options.target);
  const { dut, results } = await runVectors(vectors, { makeTarget: () => target.make(options.timeoutMs ?? 10_000) });
  const passed = results.filter((r) => r.passed).length;
  return { dut, total: results.length, passed, failed: results.length - passed, results };
}
