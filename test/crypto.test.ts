// The two implementations of the crypto module agree byte for byte (node:crypto for Node, noble for
// the browser), and the Uint8Array codecs the firmware uses in place of Buffer agree with Buffer.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createECDH, generateKeyPairSync } from 'node:crypto';
import * as node from '../firmware/tokens/crypto.js';
import * as noble from '../firmware/tokens/crypto.browser.js';
import { macMatches } from '../firmware/tokens/kdf.js';
import { equalBytes as nobleEqualBytes } from '@noble/ciphers/utils.js';
import { bytesToHex, fromBase64, hexToBytes, toBase64url } from '../firmware/tokens/bytes.js';
import { RTDS } from './helpers.js';

const keyFile = (name: string) => readFileSync(new URL(`../keys/gbcs-rtds/${name}`, import.meta.url), 'utf8');
const bytes = (min: number, max: number) => fc.uint8Array({ minLength: min, maxLength: max });

describe('node:crypto and noble agree', () => {
  it('SHA-256', () => {
    fc.assert(
      fc.property(bytes(0, 200), (data) => {
        expect(noble.sha256(data)).toEqual(new Uint8Array(node.sha256(data)));
      }),
    );
  });

  it('the AES-128-GCM tag over empty plaintext', () => {
    fc.assert(
      fc.property(bytes(16, 16), bytes(12, 12), bytes(0, 80), (key, iv, aad) => {
        expect(noble.gcmTag(key, iv, aad)).toEqual(new Uint8Array(node.gcmTag(key, iv, aad)));
      }),
    );
  });

  it("the meter's constant-time MAC check agrees with noble's equalBytes on the tag's last bytes", () => {
    // kdf.ts macMatches compares in place, with no early exit; noble's audited equalBytes is the oracle.
    fc.assert(
      fc.property(bytes(16, 16), bytes(1, 12), (tag, received) => {
        expect(macMatches(tag, received)).toBe(nobleEqualBytes(tag.subarray(16 - received.length), received));
        expect(macMatches(tag, tag.slice(16 - received.length))).toBe(true);
      }),
    );
  });

  it('a 32-byte key is refused, not run as AES-256', () => {
    expect(() => noble.gcmTag(new Uint8Array(32), new Uint8Array(12), new Uint8Array(0))).toThrow(new RangeError('AES-128-GCM needs a 16-byte key, got 32 bytes'));
    expect(() => node.gcmTag(new Uint8Array(32), new Uint8Array(12), new Uint8Array(0))).toThrow();
  });
});

describe('ECDH P-256 from PEM', () => {
  it('the RTDS supplier key and meter certificate give the published Z (tokens.md section 3)', () => {
    const priv = keyFile('90b3d51f30010000-pp-ka.key');
    const cert = keyFile('00db1234567890a0-ka.pem');
    expect(bytesToHex(noble.ecdhP256(priv, cert))).toBe(RTDS.sharedSecret);
    expect(bytesToHex(node.ecdhP256(priv, cert))).toBe(RTDS.sharedSecret);
  });

  it('PKCS#8, SEC1, SPKI and certificates give the same Z as node:crypto', () => {
    const a = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const b = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const z = node.ecdhP256(a.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, b.publicKey.export({ type: 'spki', format: 'pem' }) as string);
    for (const type of ['pkcs8', 'sec1'] as const) {
      const priv = a.privateKey.export({ type, format: 'pem' }) as string;
      expect(noble.ecdhP256(priv, b.publicKey.export({ type: 'spki', format: 'pem' }) as string)).toEqual(new Uint8Array(z));
    }
    // The certificate's key is the RTDS meter's; Z from the supplier key above (checked against node).
    const cert = keyFile('00db1234567890a0-ka.pem');
    const priv = a.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(noble.ecdhP256(priv, cert)).toEqual(new Uint8Array(node.ecdhP256(priv, cert)));
  });

  it('refuses keys on another curve or of another kind', () => {
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pub = p256.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    const priv = p256.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    for (const other of [generateKeyPairSync('ec', { namedCurve: 'P-384' }), generateKeyPairSync('ec', { namedCurve: 'secp256k1' }), generateKeyPairSync('ed25519')]) {
      expect(() => noble.ecdhP256(other.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, pub)).toThrow(RangeError);
      expect(() => noble.ecdhP256(priv, other.publicKey.export({ type: 'spki', format: 'pem' }) as string)).toThrow(RangeError);
      expect(() => node.ecdhP256(other.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, pub)).toThrow('key agreement keys must be on P-256');
      expect(() => node.ecdhP256(priv, other.publicKey.export({ type: 'spki', format: 'pem' }) as string)).toThrow('key agreement keys must be on P-256');
    }
  });

  it('refuses two keys on one other curve, which node:crypto alone would agree on', () => {
    const a = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const b = generateKeyPairSync('ec', { namedCurve: 'P-384' });
    const priv = a.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const pub = b.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    expect(() => node.ecdhP256(priv, pub)).toThrow(new RangeError('key agreement keys must be on P-256'));
    expect(() => noble.ecdhP256(priv, pub)).toThrow(new RangeError('key agreement keys must be on P-256'));
  });

  it('refuses malformed PEM and DER without echoing key material', () => {
    const priv = keyFile('90b3d51f30010000-pp-ka.key');
    const cert = keyFile('00db1234567890a0-ka.pem');
    const body = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s/g, '');
    const rewrap = (label: string, der: Uint8Array) => `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64')}\n-----END ${label}-----\n`;
    const der = fromBase64(body(priv), 'base64');
    const cases = [
      'not a key',
      cert.replace('CERTIFICATE', 'X509 CRL').replace('CERTIFICATE', 'X509 CRL'),
      rewrap('PRIVATE KEY', der.subarray(0, der.length - 1)),
      rewrap('PRIVATE KEY', Uint8Array.of(...der, 0)),
      rewrap('PRIVATE KEY', Uint8Array.of(0x30, 0x81, 0x05, 1, 2, 3, 4, 5)), // non-minimal length
    ];
    for (const bad of cases) {
      let message = '';
      try {
        noble.ecdhP256(bad, cert);
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).not.toBe('');
      expect(message).not.toContain(body(priv).slice(0, 12));
    }
    expect(() => noble.ecdhP256(priv, priv)).toThrow(/must be SPKI or an X.509 certificate/);
  });

  it('refuses a public point off the curve', () => {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const point = ecdh.getPublicKey();
    point[64] = point[64]! ^ 1;
    const spkiHeader = '3059301306072a8648ce3d020106082a8648ce3d030107034200';
    const spki = Buffer.concat([Buffer.from(spkiHeader, 'hex'), point]);
    const pem = `-----BEGIN PUBLIC KEY-----\n${spki.toString('base64')}\n-----END PUBLIC KEY-----\n`;
    expect(() => noble.ecdhP256(keyFile('90b3d51f30010000-pp-ka.key'), pem)).toThrow();
  });
});

describe('Uint8Array codecs agree with Buffer', () => {
  it('hex both ways', () => {
    fc.assert(
      fc.property(bytes(0, 40), (b) => {
        expect(bytesToHex(b)).toBe(Buffer.from(b).toString('hex'));
        expect(hexToBytes(Buffer.from(b).toString('hex').toUpperCase())).toEqual(b);
      }),
    );
    expect(() => hexToBytes('abc')).toThrow(TypeError);
    expect(() => hexToBytes('zz')).toThrow(TypeError);
  });

  it('base64url encoding, and decoding of any base64url text Buffer accepts', () => {
    fc.assert(
      fc.property(bytes(0, 40), fc.string(), (b, s) => {
        expect(toBase64url(b)).toBe(Buffer.from(b).toString('base64url'));
        expect(toBase64url(s)).toBe(Buffer.from(s).toString('base64url'));
        expect(fromBase64(toBase64url(b), 'base64url')).toEqual(b);
        expect(fromBase64(Buffer.from(b).toString('base64'), 'base64')).toEqual(b);
      }),
    );
    const b64url = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), maxLength: 30 }).filter((t) => t.length % 4 !== 1);
    // Non-canonical trailing bits included, as Buffer ignores them.
    fc.assert(
      fc.property(b64url, (t) => {
        expect(fromBase64(t, 'base64url')).toEqual(new Uint8Array(Buffer.from(t, 'base64url')));
      }),
    );
  });

  it('refuses characters outside the alphabet and truncated text', () => {
    expect(() => fromBase64('ab+c', 'base64url')).toThrow(TypeError);
    expect(() => fromBase64('ab-c', 'base64')).toThrow(TypeError);
    expect(() => fromBase64('abcde', 'base64url')).toThrow(TypeError);
    expect(() => fromBase64('ab\u00e9c', 'base64url')).toThrow(TypeError);
  });
});
