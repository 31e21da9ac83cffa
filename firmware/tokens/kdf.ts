// Per-token key and MAC shared by both digit families (tokens.md section 2).
import { bigintToBytes } from './digits.js';
import { equalBytes, gcmTag, sha256 } from './crypto.js';

const COUNTER_PREFIX = new Uint8Array([0, 0, 0, 1]);
const OTHER_INFO_ALG = new Uint8Array([0x60, 0x85, 0x74, 0x06, 0x08, 0x03, 0x00]);
const OTHER_INFO_SEP = new Uint8Array([0x09, 0x01]);
const IV_PAD = new Uint8Array(4);

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
  return bigintToBytes(BigInt(utrnCounter) << 32n, 8);
}

/** K = first 16 bytes of SHA-256(00000001 || Z || OtherInfo). */
export function tokenKey(party: Party, utrnCounter: number): Uint8Array {
  const digest = sha256(COUNTER_PREFIX, party.sharedSecret, OTHER_INFO_ALG, party.originatorId, OTHER_INFO_SEP, counter64(utrnCounter), party.deviceId);
  return digest.subarray(0, 16);
}

/** The full 16-byte GCM tag with IV originatorId || 00000000. */
export function fullTag(party: Party, key: Uint8Array, aad: Uint8Array): Uint8Array {
  const iv = new Uint8Array(12);
  iv.set(party.originatorId, 0);
  iv.set(IV_PAD, 8);
  return gcmTag(key, iv, aad);
}

/** The authenticator: the last `length` bytes of the full tag (not the first, as authTagLength keeps). */
export function truncatedTag(tag: Uint8Array, length: number): Uint8Array {
  return tag.subarray(16 - length);
}

export function macMatches(expected: Uint8Array, received: Uint8Array): boolean {
  return equalBytes(expected, received);
}
