// The browser build's strict PEM/DER reader for P-256 keys (firmware/tokens/p256-pem.ts), fed DER
// built here by hand from the grammars: ECPrivateKey (RFC 5915 section 3 / SEC1 C.4), PKCS#8
// PrivateKeyInfo (RFC 5208 section 5), SubjectPublicKeyInfo and TBSCertificate (RFC 5280 section
// 4.1) with the EC AlgorithmIdentifier of RFC 5480 section 2.1.1, encoded by the DER rules of X.690
// (definite lengths in the fewest octets, low tag numbers only). Every malformed input is refused
// with the reader's own message; every well-formed one gives back exactly the key inside it.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { p256PrivateKey, p256PublicKey } from '../firmware/tokens/p256-pem.js';
import { bytesToHex, hexToBytes } from '../firmware/tokens/bytes.js';

// The RTDS supplier key agreement key (keys/gbcs-rtds/90b3d51f30010000-pp-ka.key), as
// `openssl asn1parse` shows it: the scalar d and the uncompressed point Q = 04 || x || y.
const D = hexToBytes('39bc607f0213bbe33035a5148510a494a9bea6e3957e8baf5f4d4ac6df2b2254');
const Q = hexToBytes(
  '0405d9453cd909279a11c4d9bbf57344c41e9c39df138d0b48e05333db1e0a97f2df7eb8a6bd222b9f6bebd0aab86acce0bba8dcabef10f3bf15fa5057c763e421',
);

const keyFile = (name: string) => readFileSync(new URL(`../keys/gbcs-rtds/${name}`, import.meta.url), 'utf8');

// X.690 8.1.3: short form below 128, else 0x80 | n followed by n big-endian octets, no leading zero.
function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const octets: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) octets.unshift(v & 0xff);
  return [0x80 | octets.length, ...octets];
}
const cat = (...parts: (Uint8Array | number[])[]) => Uint8Array.from(parts.flatMap((p) => [...p]));
/** A TLV with the given length octets, right or wrong. */
const rawTlv = (tag: number, lengthOctets: number[], content: Uint8Array) => cat([tag], lengthOctets, content);
const tlv = (tag: number, ...content: Uint8Array[]) => {
  const body = cat(...content);
  return rawTlv(tag, derLength(body.length), body);
};
const seq = (...c: Uint8Array[]) => tlv(0x30, ...c);
const int = (...octets: number[]) => tlv(0x02, Uint8Array.from(octets));
const octets = (...c: Uint8Array[]) => tlv(0x04, ...c);
const bits = (unused: number, content: Uint8Array) => tlv(0x03, Uint8Array.of(unused), content);
const ctx = (n: number, ...c: Uint8Array[]) => tlv(0xa0 | n, ...c);
const oid = (...arcs: number[]) => tlv(0x06, Uint8Array.from(arcs));

// RFC 5480 2.1.1 and SEC2: id-ecPublicKey 1.2.840.10045.2.1, prime256v1 1.2.840.10045.3.1.7.
const EC_PUBLIC_KEY = oid(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01);
const PRIME256V1 = oid(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07);
// Same length as prime256v1, one octet different: prime192v1 1.2.840.10045.3.1.1.
const PRIME192V1 = oid(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x01);
// secp384r1 1.3.132.0.34: shorter.
const SECP384R1 = oid(0x2b, 0x81, 0x04, 0x00, 0x22);
// rsaEncryption 1.2.840.113549.1.1.1.
const RSA_ENCRYPTION = oid(0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01);
const ecAlg = (curve: Uint8Array = PRIME256V1) => seq(EC_PUBLIC_KEY, curve);

/** ECPrivateKey ::= SEQUENCE { version 1, privateKey OCTET STRING, [0] parameters, [1] publicKey } */
const ecPrivateKey = (...fields: Uint8Array[]) => seq(...fields);
const goodEcPrivateKey = (curve: Uint8Array | null = PRIME256V1) =>
  ecPrivateKey(int(1), octets(D), ...(curve ? [ctx(0, curve)] : []), ctx(1, bits(0, Q)));
/** PrivateKeyInfo ::= SEQUENCE { version 0, privateKeyAlgorithm, privateKey OCTET STRING } */
const pkcs8 = (alg: Uint8Array, inner: Uint8Array) => seq(int(0), alg, octets(inner));
const spki = (alg: Uint8Array, key: Uint8Array) => seq(alg, key);

const pem = (label: string, der: Uint8Array) => {
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
};
const sec1Pem = (der: Uint8Array) => pem('EC PRIVATE KEY', der);
const pkcs8Pem = (der: Uint8Array) => pem('PRIVATE KEY', der);
const spkiPem = (der: Uint8Array) => pem('PUBLIC KEY', der);
const certPem = (der: Uint8Array) => pem('CERTIFICATE', der);

// TBSCertificate fields before the key (RFC 5280 4.1): serial, signature, issuer, validity, subject.
const SERIAL = int(0x73, 0x0c);
const ECDSA_SHA256 = seq(oid(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03, 0x02));
const name = (cn: string) => seq(tlv(0x31, seq(oid(0x55, 0x04, 0x03), tlv(0x13, Buffer.from(cn, 'latin1')))));
const VALIDITY = seq(tlv(0x17, Buffer.from('160406000000Z')), tlv(0x18, Buffer.from('99991231235959Z')));
const SIGNATURE = bits(0, new Uint8Array(8));
/** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue } */
const certificate = (tbs: Uint8Array[], trailer: Uint8Array[] = [ECDSA_SHA256, SIGNATURE]) => seq(seq(...tbs), ...trailer);
const v3Tbs = (key: Uint8Array, issuer = name('E357')) => [ctx(0, int(2)), SERIAL, ECDSA_SHA256, issuer, VALIDITY, seq(), key];

const GOOD_SPKI = spki(ecAlg(), bits(0, Q));
const PRIVATE_MALFORMED = 'the private key is not well-formed DER';
const PUBLIC_MALFORMED = 'the public key is not well-formed DER';
const NOT_P256 = 'key agreement keys must be on P-256';

/** The error a call throws: its class and exact message. */
function refusal(read: () => unknown): { type: string; message: string } {
  try {
    read();
  } catch (e) {
    return { type: (e as Error).constructor.name, message: (e as Error).message };
  }
  return { type: 'none', message: '' };
}
const malformedPrivate = { type: 'TypeError', message: PRIVATE_MALFORMED };
const malformedPublic = { type: 'TypeError', message: PUBLIC_MALFORMED };
const notP256 = { type: 'RangeError', message: NOT_P256 };

describe('well-formed keys give back exactly the key inside', () => {
  it('the RTDS files: the PKCS#8 scalar, and the point of each certificate', () => {
    expect(p256PrivateKey(keyFile('90b3d51f30010000-pp-ka.key'))).toEqual(D);
    // The supplier's own certificate carries Q; the meter's certificate (GBCS RTDS) its own point.
    expect(p256PublicKey(keyFile('90b3d51f30010000-pp-ka.pem'))).toEqual(Q);
    expect(bytesToHex(p256PublicKey(keyFile('00db1234567890a0-ka.pem')))).toMatch(/^04[0-9a-f]{128}$/);
  });

  it('the builder here encodes the RTDS PKCS#8 file octet for octet', () => {
    const file = keyFile('90b3d51f30010000-pp-ka.key').replace(/-----[A-Z ]+-----|\s/g, '');
    expect(Buffer.from(pkcs8(ecAlg(), goodEcPrivateKey(null))).toString('base64')).toBe(file);
  });

  it('SEC1 with the curve in [0], PKCS#8 with the curve in the algorithm or only in [0]', () => {
    expect(p256PrivateKey(sec1Pem(goodEcPrivateKey()))).toEqual(D);
    expect(p256PrivateKey(pkcs8Pem(pkcs8(ecAlg(), goodEcPrivateKey(null))))).toEqual(D);
    expect(p256PrivateKey(pkcs8Pem(pkcs8(seq(EC_PUBLIC_KEY), goodEcPrivateKey())))).toEqual(D);
  });

  it('SPKI, a v3 certificate and a v1 certificate (no [0] version, so the key is the sixth field)', () => {
    expect(p256PublicKey(spkiPem(GOOD_SPKI))).toEqual(Q);
    expect(p256PublicKey(certPem(certificate(v3Tbs(GOOD_SPKI))))).toEqual(Q);
    expect(p256PublicKey(certPem(certificate([SERIAL, ECDSA_SHA256, name('E357'), VALIDITY, seq(), GOOD_SPKI])))).toEqual(Q);
  });

  it('lengths in the long form: exactly 128 (81 80) and three octets (over 64 KiB)', () => {
    // An issuer Name whose content is exactly 128 octets: PrintableString of 117 (2 + 117 = 119),
    // in a SEQUENCE with OID 2.5.4.3 (2 + 5 + 119 = 126), in a SET (2 + 126 = 128).
    const issuer = name('x'.repeat(117));
    expect([...issuer.subarray(0, 3)]).toEqual([0x30, 0x81, 0x80]);
    expect(p256PublicKey(certPem(certificate(v3Tbs(GOOD_SPKI, issuer))))).toEqual(Q);
    // An issuer of 70,000 characters puts the certificate's length in three octets (83 01 ..).
    const big = certificate(v3Tbs(GOOD_SPKI, name('x'.repeat(70_000))));
    expect([...big.subarray(0, 2)]).toEqual([0x30, 0x83]);
    expect(p256PublicKey(certPem(big))).toEqual(Q);
  });
});

describe('PEM framing', () => {
  it('text without a PEM block is refused as such', () => {
    expect(refusal(() => p256PrivateKey('not a key'))).toEqual({ type: 'TypeError', message: 'the private key is not a PEM block' });
    expect(refusal(() => p256PublicKey('-----BEGIN PUBLIC KEY-----\nAAAA\n'))).toEqual({ type: 'TypeError', message: 'the public key is not a PEM block' });
  });

  it('a block of the other kind is refused, naming the kinds wanted', () => {
    expect(refusal(() => p256PrivateKey(spkiPem(GOOD_SPKI)))).toEqual({
      type: 'TypeError',
      message: 'the private key must be PKCS#8 or SEC1, not "PUBLIC KEY"',
    });
    expect(refusal(() => p256PublicKey(sec1Pem(goodEcPrivateKey())))).toEqual({
      type: 'TypeError',
      message: 'the public key must be SPKI or an X.509 certificate, not "EC PRIVATE KEY"',
    });
  });
});

describe('DER lengths and tags (X.690 8.1.2, 8.1.3, 10.1)', () => {
  const pkcs8Content = cat(int(0), ecAlg(), octets(goodEcPrivateKey(null)));
  /** The PKCS#8 key with its outer length written `lengthOctets`. */
  const outerLength = (lengthOctets: number[]) => rawTlv(0x30, lengthOctets, pkcs8Content);

  it('the hand-built PKCS#8 key is read when its length is in the fewest octets', () => {
    // Content 3 (version) + 21 (algorithm) + 2 + 109 (ECPrivateKey with [1], no [0]) = 135 = 0x87,
    // as in the RTDS key file: long form, one octet.
    expect(pkcs8Content.length).toBe(0x87);
    expect(p256PrivateKey(pkcs8Pem(outerLength([0x81, 0x87])))).toEqual(D);
  });

  it('a length with a leading zero octet is refused (82 00 87)', () => {
    expect(refusal(() => p256PrivateKey(pkcs8Pem(outerLength([0x82, 0x00, 0x87]))))).toEqual(malformedPrivate);
  });

  it('a length of more than three octets is refused, even one whose high octets overflow 32 bits', () => {
    // 85 01 00 00 00 87 is 2^32 + 135: read into 32 bits it would wrap to 135 and fit.
    expect(refusal(() => p256PrivateKey(pkcs8Pem(outerLength([0x85, 0x01, 0x00, 0x00, 0x00, 0x87]))))).toEqual(malformedPrivate);
  });

  it('the indefinite form (80) is refused', () => {
    expect(refusal(() => p256PrivateKey(pkcs8Pem(outerLength([0x80]))))).toEqual(malformedPrivate);
  });

  it('a short length in the long form is refused (81 20 for the 32-octet scalar)', () => {
    const sec1 = ecPrivateKey(int(1), rawTlv(0x04, [0x81, 0x20], D), ctx(0, PRIME256V1));
    expect(refusal(() => p256PrivateKey(sec1Pem(sec1)))).toEqual(malformedPrivate);
  });

  it('a value running past the end of its parent is refused', () => {
    // The BIT STRING claims 66 octets (unused-bits octet + 65-octet point) but the SPKI holds 65.
    const short = spki(ecAlg(), rawTlv(0x03, [0x42], cat([0], Q.subarray(0, 64))));
    expect(refusal(() => p256PublicKey(spkiPem(short)))).toEqual(malformedPublic);
    // The scalar claims 32 octets, 31 follow before the SEC1 key ends.
    const sec1 = ecPrivateKey(int(1), rawTlv(0x04, [0x20], D.subarray(0, 31)));
    expect(refusal(() => p256PrivateKey(sec1Pem(sec1)))).toEqual(malformedPrivate);
  });

  it('a value whose tag and length octets are cut off by the end of its parent is refused', () => {
    // A lone 0x05 after [1] publicKey, closing the SEC1 key: one octet where a TLV needs two.
    const content = cat(int(1), octets(D), ctx(0, PRIME256V1), ctx(1, bits(0, Q)), [0x05]);
    const sec1 = rawTlv(0x30, derLength(content.length), content);
    expect(refusal(() => p256PrivateKey(sec1Pem(sec1)))).toEqual(malformedPrivate);
  });

  it('a high tag number (tag bits 11111) is refused', () => {
    // df 02 00 00: read as a one-octet tag it would look like a 2-octet value; DER has no such field here.
    const cert = certificate(v3Tbs(GOOD_SPKI), [Uint8Array.of(0xdf, 0x02, 0x00, 0x00), SIGNATURE]);
    expect(refusal(() => p256PublicKey(certPem(cert)))).toEqual(malformedPublic);
  });

  it('trailing octets after the outer SEQUENCE are refused', () => {
    expect(refusal(() => p256PublicKey(spkiPem(cat(GOOD_SPKI, [0x05, 0x00]))))).toEqual(malformedPublic);
  });
});

describe('the structure of each kind', () => {
  it('a SPKI that is a SET, not a SEQUENCE, is refused', () => {
    expect(refusal(() => p256PublicKey(spkiPem(tlv(0x31, ecAlg(), bits(0, Q)))))).toEqual(malformedPublic);
  });

  it('a SPKI with a third field is refused', () => {
    expect(refusal(() => p256PublicKey(spkiPem(seq(ecAlg(), bits(0, Q), tlv(0x05)))))).toEqual(malformedPublic);
  });

  it('the BIT STRING must start with 0 unused bits and hold a point', () => {
    expect(refusal(() => p256PublicKey(spkiPem(spki(ecAlg(), bits(1, Q)))))).toEqual(malformedPublic);
    // 03 01 00: the unused-bits octet and nothing else.
    expect(refusal(() => p256PublicKey(spkiPem(spki(ecAlg(), bits(0, new Uint8Array(0))))))).toEqual(malformedPublic);
    expect(refusal(() => p256PublicKey(spkiPem(spki(ecAlg(), tlv(0x03)))))).toEqual(malformedPublic);
    expect(refusal(() => p256PublicKey(spkiPem(spki(ecAlg(), octets(cat([0], Q))))))).toEqual(malformedPublic);
  });

  it('a certificate whose TBSCertificate is empty or too short to hold a key is refused', () => {
    expect(refusal(() => p256PublicKey(certPem(certificate([]))))).toEqual(malformedPublic);
    expect(refusal(() => p256PublicKey(certPem(certificate([SERIAL, ECDSA_SHA256, name('E357'), VALIDITY, seq()]))))).toEqual(malformedPublic);
    // A v1 certificate (no [0]) read as if it were v3 would take the sixth field, past the key.
    expect(refusal(() => p256PublicKey(certPem(certificate([ctx(0, int(2)), SERIAL, ECDSA_SHA256, name('E357'), VALIDITY, GOOD_SPKI]))))).toEqual(
      malformedPublic,
    );
  });

  it('ECPrivateKey version must be the INTEGER 1 in one octet', () => {
    for (const version of [int(0), int(2), int(1, 0), int(0, 1), octets(Uint8Array.of(1))]) {
      const sec1 = ecPrivateKey(version, octets(D), ctx(0, PRIME256V1));
      expect(refusal(() => p256PrivateKey(sec1Pem(sec1)))).toEqual(malformedPrivate);
    }
  });

  it('the scalar must be an OCTET STRING of exactly 32 octets', () => {
    for (const key of [octets(D.subarray(1)), octets(cat([0], D)), int(...D)]) {
      const sec1 = ecPrivateKey(int(1), key, ctx(0, PRIME256V1));
      expect(refusal(() => p256PrivateKey(sec1Pem(sec1)))).toEqual(malformedPrivate);
    }
  });

  it('the PKCS#8 OCTET STRING must hold the ECPrivateKey and nothing after it', () => {
    const inner = cat(goodEcPrivateKey(null), [0x05, 0x00]);
    expect(refusal(() => p256PrivateKey(pkcs8Pem(pkcs8(ecAlg(), inner))))).toEqual(malformedPrivate);
  });

  it('a PKCS#8 key whose algorithm is not a SEQUENCE is refused', () => {
    expect(refusal(() => p256PrivateKey(pkcs8Pem(seq(int(0), tlv(0x31, EC_PUBLIC_KEY, PRIME256V1), octets(goodEcPrivateKey())))))).toEqual(
      malformedPrivate,
    );
  });
});

describe('the curve: id-ecPublicKey on prime256v1 and nothing else (RFC 5480 2.1.1)', () => {
  const publicWith = (alg: Uint8Array) => refusal(() => p256PublicKey(spkiPem(spki(alg, bits(0, Q)))));

  it('another named curve, of the same length or not, is refused as not P-256', () => {
    expect(publicWith(ecAlg(PRIME192V1))).toEqual(notP256);
    expect(publicWith(ecAlg(SECP384R1))).toEqual(notP256);
    // The empty OID (06 00) closing the AlgorithmIdentifier names no curve at all.
    expect(publicWith(ecAlg(tlv(0x06)))).toEqual(notP256);
  });

  it('an OID that merely starts with the right arcs is another OID', () => {
    // 1.2.840.10045.3.1.7.1 and 1.2.840.10045.2.1.1: one arc more than prime256v1 / id-ecPublicKey.
    expect(publicWith(ecAlg(oid(...PRIME256V1.subarray(2), 0x01)))).toEqual(notP256);
    expect(publicWith(seq(oid(...EC_PUBLIC_KEY.subarray(2), 0x01), PRIME256V1))).toEqual(notP256);
  });

  it('the curve OID octets under another tag are not the curve', () => {
    expect(publicWith(seq(EC_PUBLIC_KEY, octets(PRIME256V1.subarray(2))))).toEqual(notP256);
  });

  it('an absent curve is refused', () => {
    expect(publicWith(seq(EC_PUBLIC_KEY))).toEqual(notP256);
  });

  it('an algorithm other than id-ecPublicKey is refused, even with the P-256 curve after it', () => {
    expect(publicWith(seq(RSA_ENCRYPTION, PRIME256V1))).toEqual(notP256);
    expect(publicWith(seq(octets(EC_PUBLIC_KEY.subarray(2)), PRIME256V1))).toEqual(notP256);
    expect(publicWith(seq())).toEqual(notP256);
  });

  it('a SEC1 key needs its curve in [0]: absent, or under [1], it is refused', () => {
    expect(refusal(() => p256PrivateKey(sec1Pem(goodEcPrivateKey(null))))).toEqual(notP256);
    expect(refusal(() => p256PrivateKey(sec1Pem(ecPrivateKey(int(1), octets(D), ctx(1, PRIME256V1)))))).toEqual(notP256);
  });

  it('a PKCS#8 key on another curve is refused, whichever place names it', () => {
    expect(refusal(() => p256PrivateKey(pkcs8Pem(pkcs8(ecAlg(SECP384R1), goodEcPrivateKey(null)))))).toEqual(notP256);
    expect(refusal(() => p256PrivateKey(pkcs8Pem(pkcs8(seq(EC_PUBLIC_KEY), goodEcPrivateKey(PRIME192V1)))))).toEqual(notP256);
  });
});
