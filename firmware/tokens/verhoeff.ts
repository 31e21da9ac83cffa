// GBCS check digit (GBCS 14.8, tokens.md section 5): Verhoeff's dihedral group, but k starts at 4 and
// the inverse table differs from the textbook algorithm.
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
  [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
  [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
  [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
  [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
] as const;

const P = ['0123456789', '1576283094', '5803796142', '8916043527', '9453126870', '4286573901', '2793806415', '7046913258'].map(
  (row) => [...row].map(Number),
);

const INV = [1, 2, 6, 7, 5, 8, 3, 0, 9, 4] as const;

// The tables flattened into bytes, D[c][j] at 10c + j and P[k][d] at 10k + d: the meter checks every
// block of every token, and a flat look-up spares a row load per digit.
const D_FLAT = Uint8Array.from(D.flat());
const P_FLAT = Uint8Array.from(P.flat());

/**
 * Check digit of a string of decimal digits, most significant first; of `length` of them from `from`
 * when given (a block of a longer token, without cutting it out). -1 when any of them is not a
 * decimal digit or the range is not in the string: a caller compares it only with a digit it has
 * checked is one (digits.ts firstBadBlock), since '/' is 48 - 1.
 */
export function checkDigit(digits: string, from = 0, length = digits.length - from): number {
  if (!(from >= 0 && length >= 0 && from + length <= digits.length)) return -1;
  let c = 0;
  let k = 4;
  for (let i = from; i < from + length; i++) {
    const d = digits.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    c = D_FLAT[c * 10 + P_FLAT[k * 10 + d]!]!;
    k = (k + 1) & 7;
  }
  return INV[c]!;
}
