// The party (originator, device, Z) of a supplier's key set. The keys are parsed and ECDH run once
// per key set, never per token (tokens.md section 2): issuing from PEM keys costs what issuing from Z
// costs. Errors name the field and never echo key material.
import { ecdhP256, hexToBytes } from '../firmware/tokens/crypto.js';
import type { Party } from '../firmware/tokens/kdf.js';
import { makeParty } from '../firmware/tokens/party.js';

/** IDs and either Z or the supplier's private key and the device's public key (PEM). */
export interface VendingKeys {
  originatorId: string;
  deviceId: string;
  sharedSecret?: string;
  supplierPrepaymentPrivateKey?: string;
  devicePublicKey?: string;
}

const HEX16 = /^[0-9a-fA-F]{16}$/;
const HEX64 = /^[0-9a-fA-F]{64}$/;
const MAX_CACHED = 64;
const parties = new Map<string, Party>();

function build(keys: VendingKeys): Party {
  if (typeof keys.originatorId !== 'string' || !HEX16.test(keys.originatorId)) throw new RangeError('originatorId must be 16 hex digits');
  if (typeof keys.deviceId !== 'string' || !HEX16.test(keys.deviceId)) throw new RangeError('deviceId must be 16 hex digits');
  if (typeof keys.sharedSecret === 'string') {
    if (!HEX64.test(keys.sharedSecret)) throw new RangeError('sharedSecret must be 64 hex digits');
    return makeParty(keys.originatorId, keys.deviceId, hexToBytes(keys.sharedSecret));
  }
  if (typeof keys.supplierPrepaymentPrivateKey !== 'string' || typeof keys.devicePublicKey !== 'string') {
    throw new RangeError('needs sharedSecret, or supplierPrepaymentPrivateKey with devicePublicKey');
  }
  let z: Uint8Array;
  try {
    z = ecdhP256(keys.supplierPrepaymentPrivateKey, keys.devicePublicKey);
  } catch {
    throw new RangeError('supplierPrepaymentPrivateKey and devicePublicKey are not a usable P-256 pair');
  }
  return makeParty(keys.originatorId, keys.deviceId, z);
}

/** The party of a key set, built on first use and kept for the next token. */
export function partyOfKeys(keys: VendingKeys): Party {
  const id = [keys.originatorId, keys.deviceId, keys.sharedSecret, keys.supplierPrepaymentPrivateKey, keys.devicePublicKey].join('\0');
  let party = parties.get(id);
  if (!party) {
    party = build(keys);
    if (parties.size >= MAX_CACHED) parties.clear();
    parties.set(id, party);
  }
  return party;
}
