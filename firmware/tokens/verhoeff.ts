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

/** Check digit of a string of decimal digits, most significant first. */
export function checkDigit(digits: string): number {
  let c = 0;
  let k = 4;
  for (let i = 0; i < digits.length; i++) {
    c = D[c]![P[k]![digits.charCodeAt(i) - 48]!]!;
    k = (k + 1) % 8;
  }
  return INV[c]!;
}
