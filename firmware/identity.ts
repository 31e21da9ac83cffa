// What the meter is and whose keys it holds (conformance.md section 3): its fuel, its originator and
// device IDs, Z (the ECDH shared secret, computed once at commissioning, tokens.md section 2) and the
// supplier's Ed25519 key for envelopes. Key material is never echoed in an error.
import { ConfigError, fail, hex, oneOf, type Obj } from './parse.js';
import type { Section } from './section.js';
import { bytesToHex, ecdhP256 } from './tokens/crypto.js';

export type Fuel = 'electricity' | 'gas';

export interface Keys {
  originatorId: string;
  deviceId: string;
  /** Z, hex: the ECDH shared secret, computed once at commissioning (tokens.md section 2). */
  sharedSecret: string | null;
  /** Ed25519 public key for envelopes, hex. */
  supplierSigningPublicKey: string | null;
}

export interface IdentitySlice {
  fuel: Fuel;
  /** never changed in place: shared by every draft */
  keys: Keys;
}

function configureKeys(keys: Keys, m: Obj): void {
  if (m.originatorId !== undefined) keys.originatorId = hex(m.originatorId, 'meter.originatorId', 8);
  if (m.deviceId !== undefined) keys.deviceId = hex(m.deviceId, 'meter.deviceId', 8);
  if (m.sharedSecret !== undefined) {
    // A mistyped secret is still mostly the secret: never echoed.
    if (typeof m.sharedSecret !== 'string' || !/^[0-9a-fA-F]{64}$/.test(m.sharedSecret)) throw new ConfigError('meter.sharedSecret: expected 32 bytes of hex');
    keys.sharedSecret = m.sharedSecret.toLowerCase();
  } else if (m.deviceKeyAgreementPrivateKey !== undefined || m.supplierPrepaymentPublicKey !== undefined) {
    const priv = m.deviceKeyAgreementPrivateKey;
    const pub = m.supplierPrepaymentPublicKey;
    if (typeof priv !== 'string') fail('meter.deviceKeyAgreementPrivateKey', 'a PEM private key', priv);
    if (typeof pub !== 'string') fail('meter.supplierPrepaymentPublicKey', 'a PEM public key or certificate', pub);
    try {
      keys.sharedSecret = bytesToHex(ecdhP256(priv, pub));
    } catch {
      // Never echo key material.
      throw new ConfigError('meter key agreement: the keys are not a usable P-256 pair');
    }
  }
  if (m.supplierSigningPublicKey !== undefined) {
    keys.supplierSigningPublicKey = hex(m.supplierSigningPublicKey, 'meter.supplierSigningPublicKey', 32).toLowerCase();
  }
}

export const IDENTITY: Section<keyof IdentitySlice, { fuel: Fuel; deviceId: string; originatorId: string }> = {
  owns: ['fuel', 'keys'],
  factory: () => ({
    fuel: 'electricity',
    keys: { originatorId: '0000000000000000', deviceId: '0000000000000000', sharedSecret: null, supplierSigningPublicKey: null },
  }),
  configure: (s, m) => {
    // The keys are a fresh object here, not yet shared with any draft.
    configureKeys(s.keys, m);
    if (m.fuel !== undefined) s.fuel = oneOf(m.fuel, 'meter.fuel', ['electricity', 'gas'] as const);
  },
  readout: (s) => ({ fuel: s.fuel, deviceId: s.keys.deviceId, originatorId: s.keys.originatorId }),
};
