// Digit handling (tokens.md section 1): spaces and dashes between digits are ignored; tokens are
// printed in groups of 5.
import { checkDigit } from './verhoeff.js';

/** Digits only, or null if anything but digits, spaces and dashes is present. */
export function normaliseDigits(text: string): string | null {
  if (!/^[0-9 \-]*$/.test(text)) return null;
  return text.replace(/[ -]/g, '');
}

export function groupDigits(digits: string): string {
  return digits.replace(/(\d{5})(?=\d)/g, '$1 ');
}

/** 1-based number of the first 20-digit block whose check digit is wrong, or 0. */
export function firstBadBlock(digits: string): number {
  for (let b = 0; b * 20 < digits.length; b++) {
    const given = digits.charCodeAt(b * 20 + 19) - 48;
    // A check character that is not a digit is wrong, whatever checkDigit answers.
    if (!(given >= 0 && given <= 9) || checkDigit(digits, b * 20, 19) !== given) return b + 1;
  }
  return 0;
}

/** The 19 data digits of each block, concatenated. */
export function dataDigits(digits: string): string {
  let out = '';
  for (let b = 0; b * 20 < digits.length; b++) out += digits.slice(b * 20, b * 20 + 19);
  return out;
}

/** Append check digits to runs of 19 data digits. */
export function withCheckDigits(data: string): string {
  let out = '';
  for (let b = 0; b * 19 < data.length; b++) {
    const block = data.slice(b * 19, b * 19 + 19);
    out += block + String(checkDigit(block));
  }
  return out;
}

export function bigintToBytes(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let v = value;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
