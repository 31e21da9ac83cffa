// The page's demo meter and its vending side, for the TEST KEYS of keys/demo-keyset.json (published,
// so anyone can forge tokens for this meter). Counters are claimed in localStorage before a token
// or envelope is shown, so this browser never issues a counter twice.
import demoKeyset from '../keys/demo-keyset.json' with { type: 'json' };
import type { MeterState } from '../firmware/state.js';
import { hexToBytes, utf8Bytes } from '../firmware/tokens/bytes.js';
import type { CommandName } from '../firmware/tokens/command-table.js';
import { highestCounter } from '../firmware/tokens/counter-cache.js';
import { groupDigits } from '../firmware/tokens/digits.js';
import { MAX_BYTES, parseCommand } from '../firmware/tokens/envelope.js';
import { issueEnvelope, type EnvelopeCommand } from '../vending/envelope.js';
import { issueUtrn } from '../vending/utrn.js';
import { issueCommandToken } from '../vending/command-token.js';
import { makeParty } from '../firmware/tokens/party.js';
import { demoMeter as demoMeterFor } from '../keypad-sim/demo.js';
import type { KeyValueStore } from './store.js';

export const DEMO_CONFIG = {
  originatorId: demoKeyset.originatorId,
  deviceId: demoKeyset.deviceId,
  sharedSecret: demoKeyset.sharedSecret,
  supplierSigningPublicKey: demoKeyset.supplierSigningPublicKey,
};
const party = makeParty(demoKeyset.originatorId, demoKeyset.deviceId, demoKeyset.sharedSecret);
const signing = { originatorId: demoKeyset.originatorId, deviceId: demoKeyset.deviceId, signingKey: hexToBytes(demoKeyset.supplierSigningPrivateKey) };

/** A fresh demo meter, the one `npm start` makes. */
export function demoMeter(time: number): MeterState {
  return demoMeterFor(DEMO_CONFIG, time);
}

/** Whether the meter trusts the demo keys (only then can this page vend for it). */
export function isDemoMeter(m: MeterState): boolean {
  const k = m.keys;
  return k.originatorId.toUpperCase() === DEMO_CONFIG.originatorId && k.deviceId.toUpperCase() === DEMO_CONFIG.deviceId && k.sharedSecret === DEMO_CONFIG.sharedSecret;
}

export const VENDING_KEY = 'nowan.vending.highestCounter';
const MAX_COUNTER = 0xffff_ffff;

export interface Issued {
  counter: number;
  label: string;
  kind: 'token' | 'envelope';
  /** digits in groups of five, or the compact JWS */
  text: string;
}

export type TopUp = { name: 'TopUp'; pounds: number };
export type Order = TopUp | { name: CommandName; fields: Record<string, number> };

export class Vending {
  constructor(private readonly storage: KeyValueStore) {}

  private highestIssued(): number {
    const n = Number(this.storage.getItem(VENDING_KEY) ?? '0');
    return Number.isSafeInteger(n) && n >= 0 && n <= MAX_COUNTER ? n : MAX_COUNTER;
  }

  /** The next counter above everything issued here and everything the meter has seen. */
  private next(meter: MeterState): number {
    const counter = Math.max(this.highestIssued(), highestCounter(meter.utrnCounters), meter.counterFloor) + 1;
    if (counter > MAX_COUNTER) throw new RangeError('every utrnCounter has been issued');
    return counter;
  }

  /** Built (fields checked, RangeError if not), then recorded, then returned to be shown. */
  private issue(meter: MeterState, kind: Issued['kind'], label: string, build: (counter: number) => string): Issued {
    const counter = this.next(meter);
    const text = build(counter);
    this.storage.setItem(VENDING_KEY, String(counter));
    return { counter, label, kind, text };
  }

  token(meter: MeterState, order: Order, label: string): Issued {
    return this.issue(meter, 'token', label, (counter) =>
      groupDigits(order.name === 'TopUp' ? issueUtrn(party, counter, 'pounds', order.pounds).token : issueCommandToken(party, counter, order.name, order.fields).token),
    );
  }

  /** Checked with the meter's own step 4 first, so nothing is signed that the meter would refuse. */
  envelope(meter: MeterState, commands: EnvelopeCommand[], label: string): Issued {
    for (const c of commands) {
      const parsed = parseCommand(c);
      if (typeof parsed === 'string') throw new RangeError(parsed);
    }
    return this.issue(meter, 'envelope', label, (counter) => {
      const jws = issueEnvelope(signing, counter, commands);
      if (utf8Bytes(jws).length > MAX_BYTES) throw new RangeError(`the envelope would be over ${MAX_BYTES} bytes`);
      return jws;
    });
  }
}
