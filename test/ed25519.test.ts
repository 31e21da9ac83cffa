// The signature layer of envelopes against published vectors: RFC 8032 7.1 and RFC 8037 A.4.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ed25519PublicKey, signEd25519, verifyEd25519 } from '../firmware/tokens/ed25519.js';

const load = (name: string) => JSON.parse(readFileSync(new URL(`./vectors/${name}`, import.meta.url), 'utf8'));
const hex = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));
const rfc8032 = load('rfc8032-ed25519.json');
const rfc8037 = load('rfc8037-a4.json');

describe('RFC 8032 section 7.1', () => {
  for (const v of rfc8032.vectors) {
    it(`${v.name}: public key, signature, verification, and a flipped bit refused`, () => {
      expect(Buffer.from(ed25519PublicKey(hex(v.secretKey))).toString('hex')).toBe(v.publicKey);
      expect(Buffer.from(signEd25519(hex(v.message), hex(v.secretKey))).toString('hex')).toBe(v.signature);
      expect(verifyEd25519(hex(v.signature), hex(v.message), hex(v.publicKey))).toBe(true);
      const bad = hex(v.signature);
      bad[0]! ^= 1;
      expect(verifyEd25519(bad, hex(v.message), hex(v.publicKey))).toBe(false);
    });
  }

  it('strict verification refuses a signature with S >= L (malleability)', () => {
    const v = rfc8032.vectors[0];
    const sig = hex(v.signature);
    // S + L: add the group order to S (little-endian); a ZIP-215 or lax verifier might accept it.
    const L = 2n ** 252n + 27742317777372353535851937790883648493n;
    let s = 0n;
    for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(sig[i]!);
    s += L;
    for (let i = 32; i < 64; i++) {
      sig[i] = Number(s & 0xffn);
      s >>= 8n;
    }
    expect(verifyEd25519(sig, hex(v.message), hex(v.publicKey))).toBe(false);
  });
});

describe('RFC 8037 appendix A.4', () => {
  it('reproduces the Ed25519 JWS exactly and verifies it', () => {
    const d = new Uint8Array(Buffer.from(rfc8037.d, 'base64url'));
    expect(Buffer.from(ed25519PublicKey(d)).toString('base64url')).toBe(rfc8037.x);
    const input = `${Buffer.from(rfc8037.header).toString('base64url')}.${Buffer.from(rfc8037.payload).toString('base64url')}`;
    const jws = `${input}.${Buffer.from(signEd25519(new TextEncoder().encode(input), d)).toString('base64url')}`;
    expect(jws).toBe(rfc8037.jws);
    const [h, p, s] = rfc8037.jws.split('.');
    expect(verifyEd25519(new Uint8Array(Buffer.from(s, 'base64url')), new TextEncoder().encode(`${h}.${p}`), new Uint8Array(Buffer.from(rfc8037.x, 'base64url')))).toBe(true);
  });
});

describe('inputs a strict verifier refuses (tokens.md section 8, clarifications: canonical encodings)', () => {
  const v = rfc8032.vectors[0];

  it('a signature or public key of the wrong length is refused, not thrown', () => {
    const sig = hex(v.signature);
    const pub = hex(v.publicKey);
    for (const [s, p] of [
      [sig.subarray(0, 63), pub],
      [Uint8Array.of(...sig, 0), pub],
      [sig, pub.subarray(0, 31)],
      [sig, Uint8Array.of(...pub, 0)],
      [new Uint8Array(0), new Uint8Array(0)],
    ] as const) {
      expect(verifyEd25519(s, hex(v.message), p)).toBe(false);
    }
  });

  it('a public key with a non-canonical encoding (y >= p) is refused even when the group equation holds', () => {
    // A = the neutral element (0, 1) written with y = p + 1 = 2^255 - 18: little-endian ee ff .. ff 7f.
    // RFC 8032 5.1.3 says decoding fails for y >= p; a ZIP-215 verifier decodes it to (0, 1).
    // R = (0, 1) canonically (01 00 .. 00) and S = 0, so [8][S]B = [8]R + [8][k]A holds for any k:
    // a lax verifier accepts this signature on any message.
    const a = new Uint8Array(32).fill(0xff);
    a[0] = 0xee;
    a[31] = 0x7f;
    const sig = new Uint8Array(64);
    sig[0] = 0x01;
    expect(verifyEd25519(sig, hex(v.message), a)).toBe(false);
    // R written the same non-canonical way, with a canonical neutral A (01 00 .. 00).
    const canonicalA = new Uint8Array(32);
    canonicalA[0] = 0x01;
    const sigR = new Uint8Array(64);
    sigR.set(a, 0);
    expect(verifyEd25519(sigR, hex(v.message), canonicalA)).toBe(false);
  });
});
