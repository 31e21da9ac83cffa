// PPMID envelopes in process (firmware/tokens/envelope.ts, tokens.md 8, clarifications 26): the 4 KiB
// bound at its edge, JSON that is not an object or not UTF-8, the counter's range at 2^32 - 1, the
// shape of a refusal, and the accepted batch's display line (section 9).
import { describe, expect, it } from 'vitest';
import type { DomainCommand } from '../firmware/commands.js';
import { toBase64url } from '../firmware/tokens/bytes.js';
import { hexToBytes } from '../firmware/tokens/crypto.js';
import { signEd25519 } from '../firmware/tokens/ed25519.js';
import { batchDisplay, enterEnvelope, MAX_BYTES } from '../firmware/tokens/envelope.js';
import { signCompact } from '../vending/envelope.js';
import { meterState, RTDS } from './helpers.js';

const SK = hexToBytes('f2dd1a2454a7fcd10694771b072003607687b3793f68578efdc9ac35b7cd86e1');
const PK = 'c7abd9cda226f96ce99df02d3d01660b5a22e3fec8cd51ea801402b9dcfef148';
const HEADER = { alg: 'EdDSA', typ: 'nowan-cmd+jws', kid: RTDS.originatorId };
const payload = (extra: Record<string, unknown> = {}) => ({ v: 1, originatorId: RTDS.originatorId, deviceId: RTDS.deviceId, utrnCounter: 7, commands: [{ name: 'TopUp', amountPence: 100 }], ...extra });
const NOT_AN_OBJECT = 'header or payload is not a JSON object';
const TOO_BIG = 'envelope is larger than 4 KiB';

/** Sign header and payload given as raw bytes (not necessarily JSON, not necessarily UTF-8). */
function signRaw(header: Uint8Array | string, body: Uint8Array | string): string {
  const input = `${toBase64url(header)}.${toBase64url(body)}`;
  return `${input}.${toBase64url(signEd25519(new TextEncoder().encode(input), SK))}`;
}

const meter = () => meterState({ supplierSigningPublicKey: PK });

/** Enter `jws`; a refusal must leave balance and counter cache alone. */
function enter(jws: string) {
  const s0 = meter();
  const r = enterEnvelope(s0, jws);
  if (r.outcome.result !== 'Accepted') {
    expect(r.state.meterBalance).toBe(s0.meterBalance);
    expect(r.state.utrnCounters).toEqual(s0.utrnCounters);
  }
  return r;
}

describe('step 1: at most 4 KiB in all', () => {
  /** A valid envelope of exactly `n` characters: JSON whitespace in the header and a padding field in the payload. */
  function envelopeOfLength(n: number): string {
    // Unpadded base64url of m bytes (RFC 4648 section 5): 4 characters per 3 bytes, plus 2 or 3 for a
    // last group of 1 or 2 bytes. Worked out here, not by the encoder under test, so the search stays
    // linear even when the encoder is instrumented.
    const b64 = (m: number) => 4 * Math.floor(m / 3) + [0, 2, 3][m % 3]!;
    for (let spaces = 0; spaces < 4; spaces++) {
      const header = `{${' '.repeat(spaces)}"alg":"EdDSA","typ":"nowan-cmd+jws","kid":"${RTDS.originatorId}"}`;
      const bare = JSON.stringify(payload({ pad: '' })).length; // ASCII: characters are bytes
      for (let pad = 0; pad < n; pad++) {
        // a 64-byte Ed25519 signature is 86 base64url characters, after the second '.'
        const length = b64(header.length) + 1 + b64(bare + pad) + 1 + 86;
        if (length === n) return signRaw(header, JSON.stringify(payload({ pad: 'x'.repeat(pad) })));
        if (length > n) break;
      }
    }
    throw new Error(`no envelope of ${n} characters`);
  }

  it('exactly 4096 bytes is accepted; 4097 is refused for its size', () => {
    const edge = envelopeOfLength(MAX_BYTES);
    expect(edge.length).toBe(4096);
    expect(enter(edge).outcome).toMatchObject({ result: 'Accepted' });
    expect(enter(edge + 'A').outcome).toMatchObject({ result: 'FormatError', message: TOO_BIG });
  });

  it('the bound is in UTF-8 bytes: 2049 two-byte characters are 4098 bytes', () => {
    const jws = 'é'.repeat(2049);
    expect(jws.length).toBeLessThan(4096);
    expect(enter(jws).outcome).toMatchObject({ result: 'FormatError', message: TOO_BIG });
  });
});

describe('step 1: parts, JSON objects', () => {
  it('a part that starts with a character outside base64url is refused, not thrown', () => {
    const good = signCompact(HEADER, payload(), SK);
    const [h, p, sig] = good.split('.');
    for (const jws of [`$${h}.${p}.${sig}`, `${h}.${p}.$${sig}`, `${h}.${p}.+${sig!.slice(1)}`]) {
      expect(enter(jws).outcome, jws.slice(0, 8)).toMatchObject({ result: 'FormatError', message: 'envelope part is not base64url' });
    }
  });

  it('header or payload that is JSON but not an object, or not JSON, or not UTF-8', () => {
    const header = JSON.stringify(HEADER);
    const body = JSON.stringify(payload());
    const cases: [string, string][] = [
      ['header null', signRaw('null', body)],
      ['header a number', signRaw('5', body)],
      ['header an array', signRaw('[]', body)],
      ['payload null', signRaw(header, 'null')],
      ['payload a number', signRaw(header, '5')],
      ['payload a string', signRaw(header, '"v"')],
      ['payload true', signRaw(header, 'true')],
      ['payload not JSON', signRaw(header, '{v:1}')],
    ];
    // Byte 0xFF never occurs in UTF-8 (RFC 3629), so JSON text holding it is not JSON (RFC 8259 8.1),
    // even inside a string of an otherwise valid payload.
    const text = new TextEncoder().encode(JSON.stringify(payload({ note: 'Z' })));
    const at = text.indexOf('Z'.charCodeAt(0));
    text[at] = 0xff;
    cases.push(['payload not UTF-8', signRaw(header, text)]);
    for (const [what, jws] of cases) {
      const r = enter(jws).outcome;
      expect(r, what).toMatchObject({ result: 'FormatError', message: NOT_AN_OBJECT });
      expect('index' in r, what).toBe(false);
    }
    // the same payload with a valid character there is accepted
    expect(enter(signRaw(header, JSON.stringify(payload({ note: 'Z' })))).outcome.result).toBe('Accepted');
  });
});

describe('step 1: utrnCounter 0..2^32 - 1 (clarifications 26)', () => {
  it('2^32 - 1 = 4294967295 is a counter like any other; 2^32 is a FormatError at step 1', () => {
    const top = enter(signCompact(HEADER, payload({ utrnCounter: 4_294_967_295 }), SK));
    expect(top.outcome).toMatchObject({ result: 'Accepted', message: 'envelope accepted, counter 4294967295' });
    expect(top.state.utrnCounters).toEqual([4_294_967_295]);
    expect(enter(signCompact(HEADER, payload({ utrnCounter: 2 ** 32 }), SK)).outcome).toMatchObject({ result: 'FormatError', message: 'utrnCounter is not an integer 0..2^32-1' });
  });
});

describe('the outcome', () => {
  it('an accepted envelope names its counter and caches it once; a step-1 refusal has no index', () => {
    const r = enter(signCompact(HEADER, payload({ commands: [{ name: 'TopUp', amountPence: 100 }, { name: 'TopUp', amountPence: 250 }] }), SK));
    // 100 p + 250 p = 350 p = 350,000 mp
    expect(r.outcome).toEqual({ result: 'Accepted', message: 'envelope accepted, counter 7', display: 'ADDED £1.00, ADDED £2.50' });
    expect(r.state.meterBalance).toBe(350_000);
    expect(r.state.utrnCounters).toEqual([7]);
    const v2 = enter(signCompact(HEADER, payload({ v: 2 }), SK)).outcome;
    expect(v2).toMatchObject({ result: 'FormatError', message: 'payload v is not 1' });
    expect('index' in v2).toBe(false);
  });
});

describe('batchDisplay: one 40-character display line (tokens.md 9)', () => {
  const s = meterState();
  const deductDebt = (pence: number): DomainCommand => ({ name: 'DeductDebt', fields: { register: 0, amount: pence } });

  it('words that fill exactly 40 characters are all shown', () => {
    // 'DEBT DEDUCTED £1.00' is 19 characters: 19 + ', ' + 19 = 40
    const line = batchDisplay([deductDebt(100), deductDebt(100)], s);
    expect(line).toBe('DEBT DEDUCTED £1.00, DEBT DEDUCTED £1.00');
    expect(line.length).toBe(40);
  });

  it('cut back to a single word when two do not fit', () => {
    // 'DEBT DEDUCTED £100.00' is 21: three are 67; two and ' +1 MORE' are 52 > 40; one and ' +2 MORE' 29
    expect(batchDisplay([deductDebt(10_000), deductDebt(10_000), deductDebt(10_000)], s)).toBe('DEBT DEDUCTED £100.00 +2 MORE');
  });
});
