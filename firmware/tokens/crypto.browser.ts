// The browser build's crypto.ts: the same functions through noble (@noble/curves P-256 ECDH,
// @noble/hashes SHA-256, @noble/ciphers AES-GCM), pure JavaScript with no node: import. The web
// build resolves './crypto.js' here; both implementations pass the same token examples and
// conformance vectors. Key material never leaves this module in logs or errors.
import { gcm } from '@noble/ciphers/aes.js';
import { p256 } from '@noble/curves/nist.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { p256PrivateKey, p256PublicKey } from './p256-pem.js';

export { bytesToHex, hexToBytes } from './bytes.js';

export function sha256(data: Uint8Array): Uint8Array {
  return nobleSha256(data);
}

/** Full 16-byte AES-128-GCM tag over empty plaintext (GMAC): the whole of GCM's output. */
export function gcmTag(key: Uint8Array, iv: Uint8Array, aad: Uint8Array): Uint8Array {
  if (key.length !== 16) throw new RangeError(`AES-128-GCM needs a 16-byte key, got ${key.length} bytes`);
  return gcm(key, iv, aad).encrypt(new Uint8Array(0));
}

/**
 * Z = the 32-byte x-coordinate of ECDH on P-256 (tokens.md section 2). `publicPem` may be a SPKI
 * public key or an X.509 certificate.
 */
export function ecdhP256(privatePem: string, publicPem: string): Uint8Array {
  const shared = p256.getSharedSecret(p256PrivateKey(privatePem), p256PublicKey(publicPem), true);
  return shared.slice(1);
}
