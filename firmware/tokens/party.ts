// The (originator, device, Z) triple a meter authenticates with, built once per key set: the ECDH
// shared secret is never recomputed per token (tokens.md section 2).
import type { Keys } from '../identity.js';
import { hexToBytes } from './crypto.js';
import type { Party } from './kdf.js';

const cache = new Map<string, Party>();

/** A party from hex IDs and Z (bytes, hex, or from ECDH). */
export function makeParty(originatorIdHex: string, deviceIdHex: string, sharedSecret: Uint8Array | string): Party {
  return {
    originatorId: hexToBytes(originatorIdHex),
    deviceId: hexToBytes(deviceIdHex),
    sharedSecret: typeof sharedSecret === 'string' ? hexToBytes(sharedSecret) : sharedSecret,
  };
}

/**
 * Inputs share their state's `keys` (sections.ts cloneState), so most look-ups are by identity; the hex
 * strings are compared too, since commissioning fills a `keys` object in place.
 */
const byKeys = new WeakMap<Keys, { party: Party; from: Keys }>();

export function partyOf(keys: Keys): Party | null {
  if (keys.sharedSecret === null) return null;
  const known = byKeys.get(keys);
  const from = known?.from;
  if (from !== undefined && from.sharedSecret === keys.sharedSecret && from.originatorId === keys.originatorId && from.deviceId === keys.deviceId) return known!.party;
  const id = `${keys.originatorId}|${keys.deviceId}|${keys.sharedSecret}`;
  let party = cache.get(id);
  if (!party) {
    party = makeParty(keys.originatorId, keys.deviceId, keys.sharedSecret);
    if (cache.size > 64) cache.clear();
    cache.set(id, party);
  }
  byKeys.set(keys, { party, from: { ...keys } });
  return party;
}
