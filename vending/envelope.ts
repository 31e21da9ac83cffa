// Issuing PPMID envelopes (tokens.md section 8): a compact JWS, alg EdDSA (RFC 8037).
import { toBase64url as b64url } from '../firmware/tokens/bytes.js';
import { signEd25519 } from '../firmware/tokens/ed25519.js';
import { ENVELOPE_TYP } from '../firmware/tokens/envelope.js';

export interface EnvelopeCommand {
  name: string;
  [field: string]: unknown;
}

export interface EnvelopeIssue {
  originatorId: string;
  deviceId: string;
  /** Ed25519 private key, 32 bytes */
  signingKey: Uint8Array;
}

/** Sign a batch of commands under one counter. Fields are passed through as given. */
export function issueEnvelope(issuer: EnvelopeIssue, utrnCounter: number, commands: EnvelopeCommand[]): string {
  const header = { alg: 'EdDSA', typ: ENVELOPE_TYP, kid: issuer.originatorId };
  const payload = { v: 1, originatorId: issuer.originatorId, deviceId: issuer.deviceId, utrnCounter, commands };
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  const signature = signEd25519(new TextEncoder().encode(signingInput), issuer.signingKey);
  return `${signingInput}.${b64url(signature)}`;
}

/** Sign arbitrary header and payload JSON (for building malformed test envelopes). */
export function signCompact(header: unknown, payload: unknown, signingKey: Uint8Array): string {
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${signingInput}.${b64url(signEd25519(new TextEncoder().encode(signingInput), signingKey))}`;
}
