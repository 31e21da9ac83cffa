// P-256 key agreement keys out of PEM for the browser's ECDH (node:crypto reads PEM itself): a
// PKCS#8 or SEC1 private key, and an SPKI public key or an X.509 certificate's subject key. A strict
// DER walk (definite, minimal lengths; every read bounded by its parent), no ASN.1 library.
// Errors never carry key material.
import { fromBase64 } from './bytes.js';

const OID_EC_PUBLIC_KEY = Uint8Array.of(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01);
const OID_PRIME256V1 = Uint8Array.of(0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07);
const SEQUENCE = 0x30;
const INTEGER = 0x02;
const OCTET_STRING = 0x04;
const BIT_STRING = 0x03;
const OID = 0x06;
const CONTEXT_0 = 0xa0;

interface Tlv {
  tag: number;
  /** content is der[start, end) */
  start: number;
  end: number;
}

const malformed = (what: string) => new TypeError(`${what} is not well-formed DER`);
const notP256 = () => new RangeError('key agreement keys must be on P-256');

function readTlv(der: Uint8Array, at: number, limit: number, what: string): Tlv {
  if (at + 2 > limit) throw malformed(what);
  const tag = der[at]!;
  if ((tag & 0x1f) === 0x1f) throw malformed(what);
  let length = der[at + 1]!;
  let p = at + 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    if (n === 0 || n > 3 || p + n > limit || der[p] === 0) throw malformed(what);
    length = 0;
    for (let i = 0; i < n; i++) length = (length << 8) | der[p++]!;
    if (length < 0x80) throw malformed(what);
  }
  if (p + length > limit) throw malformed(what);
  return { tag, start: p, end: p + length };
}

function childrenOf(der: Uint8Array, parent: Tlv, what: string): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end; ) {
    const child = readTlv(der, at, parent.end, what);
    out.push(child);
    at = child.end;
  }
  return out;
}

function expectTag(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || t.tag !== tag) throw malformed(what);
  return t;
}

const sameBytes = (der: Uint8Array, t: Tlv, oid: Uint8Array) =>
  t.end - t.start === oid.length && oid.every((b, i) => der[t.start + i] === b);

/** The DER inside the first PEM block whose label is one of `labels`. */
function pemBody(pem: string, labels: Record<string, string>, what: string): { label: string; der: Uint8Array } {
  const m = /-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\s]*)-----END \1-----/.exec(pem);
  if (!m) throw new TypeError(`${what} is not a PEM block`);
  const label = m[1]!;
  if (!(label in labels)) throw new TypeError(`${what} must be ${Object.values(labels).join(' or ')}, not "${label}"`);
  return { label, der: fromBase64(m[2]!.replace(/\s+/g, ''), 'base64') };
}

function whole(der: Uint8Array, what: string): Tlv {
  const top = readTlv(der, 0, der.length, what);
  if (top.end !== der.length) throw malformed(what);
  return expectTag(top, SEQUENCE, what);
}

/** AlgorithmIdentifier: id-ecPublicKey with the named curve, if one is given (RFC 5480 2.1.1). */
function ecAlgorithm(der: Uint8Array, alg: Tlv, what: string): Tlv | undefined {
  const [algorithm, curve] = childrenOf(der, expectTag(alg, SEQUENCE, what), what);
  if (!algorithm || algorithm.tag !== OID || !sameBytes(der, algorithm, OID_EC_PUBLIC_KEY)) throw notP256();
  return curve;
}

function requireP256(der: Uint8Array, curve: Tlv | undefined): void {
  if (!curve || curve.tag !== OID || !sameBytes(der, curve, OID_PRIME256V1)) throw notP256();
}

/** ECPrivateKey (RFC 5915): version 1, the 32-byte scalar, optionally the curve in [0]. */
function ecPrivateKey(der: Uint8Array, seq: Tlv, outerCurve: Tlv | undefined, what: string): Uint8Array {
  const [version, key, ...rest] = childrenOf(der, expectTag(seq, SEQUENCE, what), what);
  expectTag(version, INTEGER, what);
  if (version!.end - version!.start !== 1 || der[version!.start] !== 1) throw malformed(what);
  const k = expectTag(key, OCTET_STRING, what);
  const tagged = rest.find((t) => t.tag === CONTEXT_0);
  requireP256(der, outerCurve ?? (tagged ? childrenOf(der, tagged, what)[0] : undefined));
  if (k.end - k.start !== 32) throw malformed(what);
  return der.slice(k.start, k.end);
}

/** The private scalar of a P-256 key in PKCS#8 ("PRIVATE KEY") or SEC1 ("EC PRIVATE KEY") PEM. */
export function p256PrivateKey(pem: string): Uint8Array {
  const what = 'the private key';
  const { label, der } = pemBody(pem, { 'PRIVATE KEY': 'PKCS#8', 'EC PRIVATE KEY': 'SEC1' }, what);
  const top = whole(der, what);
  if (label === 'EC PRIVATE KEY') return ecPrivateKey(der, top, undefined, what);
  const [version, alg, key] = childrenOf(der, top, what);
  expectTag(version, INTEGER, what);
  const curve = ecAlgorithm(der, expectTag(alg, SEQUENCE, what), what);
  const inner = expectTag(key, OCTET_STRING, what);
  const ec = readTlv(der, inner.start, inner.end, what);
  if (ec.end !== inner.end) throw malformed(what);
  return ecPrivateKey(der, ec, curve, what);
}

function spkiPoint(der: Uint8Array, spki: Tlv, what: string): Uint8Array {
  const [alg, key, extra] = childrenOf(der, expectTag(spki, SEQUENCE, what), what);
  if (extra) throw malformed(what);
  requireP256(der, ecAlgorithm(der, expectTag(alg, SEQUENCE, what), what));
  const bits = expectTag(key, BIT_STRING, what);
  if (bits.end - bits.start < 2 || der[bits.start] !== 0) throw malformed(what);
  return der.slice(bits.start + 1, bits.end);
}

/** The SEC1-encoded point of a P-256 SPKI ("PUBLIC KEY") or X.509 certificate ("CERTIFICATE"). */
export function p256PublicKey(pem: string): Uint8Array {
  const what = 'the public key';
  const { label, der } = pemBody(pem, { 'PUBLIC KEY': 'SPKI', CERTIFICATE: 'an X.509 certificate' }, what);
  const top = whole(der, what);
  if (label === 'PUBLIC KEY') return spkiPoint(der, top, what);
  // Certificate: tbsCertificate = [0] version?, serial, signature, issuer, validity, subject, SPKI, ...
  const tbs = childrenOf(der, expectTag(childrenOf(der, top, what)[0], SEQUENCE, what), what);
  const at = tbs[0]?.tag === CONTEXT_0 ? 6 : 5;
  return spkiPoint(der, expectTag(tbs[at], SEQUENCE, what), what);
}
