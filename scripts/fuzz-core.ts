// Fuzzing the token and envelope parsers (shared by npm run fuzz and the fast fuzz test): random digit
// strings of every length, every single-digit change and every single-bit flip of valid tokens, and
// random bytes as envelopes. No exception may escape, every input gets a result code, and no altered
// or random input is ever Accepted.
import { commission } from '../firmware/configure.js';
import type { MeterState } from '../firmware/state.js';
import { enterEnvelope } from '../firmware/tokens/envelope.js';
import { enterToken } from '../firmware/tokens/enter.js';
import { withCheckDigits } from '../firmware/tokens/digits.js';
import { PPTD_OFFSET } from '../firmware/tokens/gbcs.js';
import { issueUtrn } from '../vending/utrn.js';
import { hexToBytes } from '../firmware/tokens/crypto.js';
import { issueCommandToken } from '../vending/command-token.js';
import { issueEnvelope } from '../vending/envelope.js';
import { checkDigit } from '../firmware/tokens/verhoeff.js';
import { RTDS, rtdsParty } from './rtds.js';
import { rng } from '../sim/rng.js';

const SIGNING = 'f2dd1a2454a7fcd10694771b072003607687b3793f68578efdc9ac35b7cd86e1';
const party = rtdsParty;
const RESULTS = new Set(['KeypadLocked', 'Incomplete', 'CheckDigitError', 'FormatError', 'Duplicate', 'Expired', 'Invalid', 'Rejected', 'Accepted']);

export interface FuzzReport {
  inputs: number;
  byResult: Record<string, number>;
}

function meter(): MeterState {
  const r = commission({ ...RTDS, supplierSigningPublicKey: 'c7abd9cda226f96ce99df02d3d01660b5a22e3fec8cd51ea801402b9dcfef148', utrnCounters: [99], config: { lockoutThreshold: 1000 } }, Date.parse('2026-02-02T08:00:00Z') / 1000);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

/** Valid tokens for counters just above the cache: each family. */
function genuineTokens(): string[] {
  return [
    issueUtrn(party, 100, 'pennies', 1234).token,
    issueUtrn(party, 101, 'pounds', 20).token,
    issueCommandToken(party, 102, 'DeductCredit', { amount: 250 }).token,
    issueCommandToken(party, 103, 'OpenHan', { minutes: 30, deviceClass: 2 }).token,
    issueCommandToken(party, 104, 'SetDebt', { register: 1, amount: 12_000, rate: 150, period: 1 }).token,
    issueCommandToken(party, 105, 'SetNonDisconnect', { slot: 0, enabled: 1, startDay: 9557, startMinute: 0, endDay: 9560, endMinute: 0 }).token,
  ];
}

/** Every single-bit flip of a token's value, re-encoded with valid check digits. */
function* bitFlips(token: string): Generator<string> {
  if (token.length === 20) {
    const ptut = BigInt(token.slice(0, 19)) - PPTD_OFFSET;
    for (let bit = 0; bit < 64; bit++) {
      const pptd = (PPTD_OFFSET + (ptut ^ (1n << BigInt(bit)))).toString();
      if (pptd.length === 19) yield pptd + String(checkDigit(pptd));
    }
    return;
  }
  let data = '';
  for (let b = 0; b * 20 < token.length; b++) data += token.slice(b * 20, b * 20 + 19);
  const x = BigInt(data);
  const width = token.length === 40 ? 125 : 188;
  for (let bit = 0; bit < width; bit++) yield withCheckDigits((x ^ (1n << BigInt(bit))).toString().padStart(data.length, '0'));
}

function* singleDigitChanges(token: string): Generator<string> {
  for (let i = 0; i < token.length; i++) {
    for (let d = 0; d < 10; d++) {
      if (String(d) !== token[i]) yield token.slice(0, i) + d + token.slice(i + 1);
    }
  }
}

/** Run `count` fuzz inputs (at least the systematic ones). Throws on the first violation. */
export function fuzz(count: number, seed = 1): FuzzReport {
  const s = meter();
  const byResult: Record<string, number> = {};
  let inputs = 0;
  const check = (result: string, what: string, input: string) => {
    inputs++;
    byResult[result] = (byResult[result] ?? 0) + 1;
    if (!RESULTS.has(result)) throw new Error(`${what}: unknown result ${result} for ${input}`);
    if (result === 'Accepted') throw new Error(`${what}: an altered or random input was Accepted: ${input}`);
  };
  const digits = (input: string, what: string) => {
    let result: string;
    try {
      result = enterToken(s, input, inputs % 2 ? 'keypad' : 'ppmid').outcome.result;
    } catch (e) {
      throw new Error(`${what}: exception for ${input}: ${(e as Error).message}`);
    }
    check(result, what, input);
  };
  // The genuine tokens are accepted (the fuzzer would prove nothing otherwise).
  for (const t of genuineTokens()) {
    if (enterToken(s, t, 'keypad').outcome.result !== 'Accepted') throw new Error(`genuine token not accepted: ${t}`);
  }
  for (const t of genuineTokens()) {
    for (const v of singleDigitChanges(t)) digits(v, 'single-digit change');
    for (const v of bitFlips(t)) digits(v, 'single-bit flip');
  }
  const jws = issueEnvelope({ originatorId: RTDS.originatorId, deviceId: RTDS.deviceId, signingKey: hexToBytes(SIGNING) }, 200, [{ name: 'TopUp', amountPence: 100 }]);
  if (enterEnvelope(s, jws).outcome.result !== 'Accepted') throw new Error('genuine envelope not accepted');
  for (let i = 0; i < jws.length; i++) {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    const c = alphabet[(i * 7) % alphabet.length]!;
    if (c === jws[i]) continue;
    const altered = jws.slice(0, i) + c + jws.slice(i + 1);
    const r = enterEnvelope(s, altered).outcome.result;
    // A change in the signature's last character can leave its decoded bytes unchanged (base64url
    // padding bits): that is the same envelope, not an altered one.
    if (r === 'Accepted' && Buffer.from(altered.split('.')[2] ?? '', 'base64url').equals(Buffer.from(jws.split('.')[2]!, 'base64url'))) continue;
    check(r, 'envelope character change', altered);
  }
  const random = rng(seed);
  while (inputs < count) {
    const pick = random();
    if (pick < 0.4) {
      const length = Math.floor(random() * 81);
      let input = '';
      for (let i = 0; i < length; i++) input += String(Math.floor(random() * 10));
      digits(input, 'random digits');
    } else if (pick < 0.8) {
      // 20/40/60 digits with valid check digits, so they reach the format, counter and MAC checks;
      // 20-digit ones mostly inside the PPTD range.
      const blocks = 1 + Math.floor(random() * 3);
      let data = blocks === 1 && random() < 0.8 ? '73' + String(94 + Math.floor(random() * 2)) : '';
      while (data.length < blocks * 19) data += String(Math.floor(random() * 10));
      digits(withCheckDigits(data.slice(0, blocks * 19)), 'random checked digits');
    } else {
      const length = Math.floor(random() * 400);
      const bytes = Buffer.alloc(length);
      for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
      let text = bytes.toString('latin1');
      if (random() < 0.5) text = `${bytes.subarray(0, length / 3).toString('base64url')}.${bytes.subarray(length / 3, (2 * length) / 3).toString('base64url')}.${bytes.subarray((2 * length) / 3).toString('base64url')}`;
      let result: string;
      try {
        result = enterEnvelope(s, text).outcome.result;
      } catch (e) {
        throw new Error(`random envelope: exception ${(e as Error).message}`);
      }
      check(result, 'random envelope', JSON.stringify(text.slice(0, 80)));
    }
  }
  return { inputs, byResult };
}
