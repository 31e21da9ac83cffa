// Key-set files (keys/README.md): the vending side's identities and key material.
import { dirname, resolve } from 'node:path';
import { bytesToHex, hexToBytes } from '../firmware/tokens/crypto.js';
import type { Party } from '../firmware/tokens/kdf.js';
import { partyOfKeys, type VendingKeys } from '../vending/party.js';
import { readJsonFile } from './files.js';

export interface KeySet {
  path: string;
  party: Party;
  originatorId: string;
  deviceId: string;
  signingPrivateKey: Uint8Array | null;
  signingPublicKey: string | null;
  /** where the key set says its counter history is, or null for the per-user data folder */
  counterFile: string | null;
}

export function loadKeySet(path: string): KeySet {
  return loadKeySetFromObject(readJsonFile(path), path);
}

/** Validate a parsed key set; `path` names it in errors and anchors a relative counterFile. */
export function loadKeySetFromObject(parsed: unknown, path: string): KeySet {
  const raw = parsed as Record<string, unknown>;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${path}: a key set is a JSON object`);
  let party: Party;
  try {
    party = partyOfKeys(raw as unknown as VendingKeys);
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`);
  }
  const sk = raw.supplierSigningPrivateKey;
  if (sk !== undefined && (typeof sk !== 'string' || !/^[0-9a-fA-F]{64}$/.test(sk))) throw new Error(`${path}: supplierSigningPrivateKey must be 64 hex digits`);
  if (raw.counterFile !== undefined && (typeof raw.counterFile !== 'string' || raw.counterFile === '')) throw new Error(`${path}: counterFile must be a file name`);
  const counterFile = typeof raw.counterFile === 'string' ? resolve(dirname(path), raw.counterFile) : null;
  return {
    path,
    party,
    originatorId: (raw.originatorId as string).toUpperCase(),
    deviceId: (raw.deviceId as string).toUpperCase(),
    signingPrivateKey: typeof sk === 'string' ? hexToBytes(sk) : null,
    signingPublicKey: typeof raw.supplierSigningPublicKey === 'string' ? raw.supplierSigningPublicKey : null,
    counterFile,
  };
}

/** Meter configuration (conformance.md section 3) that trusts this key set, via the shared secret. */
export function meterConfigFor(keys: KeySet): Record<string, unknown> {
  return {
    originatorId: keys.originatorId,
    deviceId: keys.deviceId,
    sharedSecret: bytesToHex(keys.party.sharedSecret),
    ...(keys.signingPublicKey ? { supplierSigningPublicKey: keys.signingPublicKey } : {}),
  };
}
