// Byte strings as plain Uint8Array (hex, base64, base64url), so the firmware runs unchanged where
// there is no Buffer: the browser build. Decoding keeps Buffer's rules (unused trailing bits ignored).
const HEX = /^(?:[0-9a-fA-F]{2})*$/;
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64URL = BASE64.slice(0, 62) + '-_';
const HEX_OF_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hexToBytes(hex: string): Uint8Array {
  if (!HEX.test(hex)) throw new TypeError(`expected an even-length hex string, got ${hex.length} characters`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX_OF_BYTE[b];
  return out;
}

export function utf8Bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Unpadded base64url of bytes, or of a string's UTF-8 (RFC 7515 section 2). */
export function toBase64url(data: Uint8Array | string): string {
  const bytes = typeof data === 'string' ? utf8Bytes(data) : data;
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(bytes.length - i, 3) + 1;
    for (let k = 0; k < chars; k++) out += BASE64URL[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

function decodingTable(alphabet: string): Int8Array {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
  return table;
}

const TABLES = { base64: decodingTable(BASE64), base64url: decodingTable(BASE64URL) };

/** Decode base64 (up to two '=' of padding) or unpadded base64url; any other character is refused. */
export function fromBase64(text: string, alphabet: 'base64' | 'base64url'): Uint8Array {
  const body = alphabet === 'base64' ? text.replace(/={1,2}$/, '') : text;
  if (body.length % 4 === 1) throw new TypeError(`${alphabet} text of ${body.length} characters is truncated`);
  const table = TABLES[alphabet];
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let j = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    const v = c < 128 ? table[c]! : -1;
    if (v < 0) throw new TypeError(`${alphabet} text has an invalid character at offset ${i}`);
    acc = ((acc << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}
