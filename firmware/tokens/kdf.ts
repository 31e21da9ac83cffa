// Per-token key and MAC shared by both digit families (tokens.md section 2).
import { gcmTag, sha256 } from './crypto.js';

export interface Party {
  /** 8 bytes */
  originatorId: Uint8Array;
  /** 8 bytes */
  deviceId: Uint8Array;
  /** Z, 32 bytes */
  sharedSecret: Uint8Array;
}

/** counter64 = utrnCounter * 2^32, 8 bytes big-endian. */
export function counter64(utrnCounter: number): Uint8Array {
  const out = new Uint8Array(8);
  putUint32(out, 0, utrnCounter >>> 0);
  return out;
}

// KDF input: 00000001 || Z (32) || 60 85 74 06 08 03 00 || originatorId (8) || 09 01 || counter64 (8) || deviceId (8)
const KDF_LENGTH = 4 + 32 + 7 + 8 + 2 + 8 + 8;

const COUNTER_AT = 53;

/** Per party, the KDF input with everything but the counter filled in, and the GCM IV. */
const templates = new WeakMap<Party, { kdf: Uint8Array; iv: Uint8Array }>();

function templateOf(party: Party): { kdf: Uint8Array; iv: Uint8Array } {
  let t = templates.get(party);
  if (!t) {
    const kdf = new Uint8Array(KDF_LENGTH);
    kdf.set([0, 0, 0, 1], 0);
    kdf.set(party.sharedSecret, 4);
    kdf.set([0x60, 0x85, 0x74, 0x06, 0x08, 0x03, 0x00], 36);
    kdf.set(party.originatorId, 43);
    kdf.set([0x09, 0x01], 51);
    kdf.set(party.deviceId, 61);
    const iv = new Uint8Array(12);
    iv.set(party.originatorId, 0);
    t = { kdf, iv };
    templates.set(party, t);
  }
  return t;
}

/** Big-endian uint32 into `out` at `at`. */
export function putUint32(out: Uint8Array, at: number, value: number): void {
  out[at] = value >>> 24;
  out[at + 1] = (value >>> 16) & 0xff;
  out[at + 2] = (value >>> 8) & 0xff;
  out[at + 3] = value & 0xff;
}

/** K = first 16 bytes of SHA-256(00000001 || Z || OtherInfo). */
export function tokenKey(party: Party, utrnCounter: number): Uint8Array {
  // The party's template is filled in place: hashing is synchronous and the template holds nothing
  // but this counter's bytes afterwards, so no copy is made per token.
  const input = templateOf(party).kdf;
  putUint32(input, COUNTER_AT, utrnCounter >>> 0); // counter64's high half; the low half stays 0
  return sha256(input).subarray(0, 16);
}

/** The full 16-byte GCM tag with IV originatorId || 00000000. */
export function fullTag(party: Party, key: Uint8Array, aad: Uint8Array): Uint8Array {
  return gcmTag(key, templateOf(party).iv, aad);
}

/** The authenticator: the last `length` bytes of the full tag (not the first, as authTagLength keeps). */
export function truncatedTag(tag: Uint8Array, length: number): Uint8Array {
  return tag.subarray(16 - length);
}

/**
 * Step 6 in constant time: the received MAC equals the last `received.length` bytes of the full tag.
 * Every byte is compared, with no early exit (the length is public); comparing in place spares a
 * view and a call into timingSafeEqual per token.
 */
export function macMatches(tag: Uint8Array, received: Uint8Array): boolean {
  const from = tag.length - received.length;
  if (from < 0 || received.length === 0) return false;
  let diff = 0;
  for (let i = 0; i < received.length; i++) diff |= tag[from + i]! ^ received[i]!;
  return diff === 0;
}
