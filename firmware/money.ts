// Money is integer milli-pence (mp); energy is integer joules. Energy cost is exact: the meter keeps
// the remainder of price x energy below 1 mp, so the total charge over any run is
// floor(sum(price_i * J_i) / 3,600,000) (prepayment.md section 1).

export const J_PER_KWH = 3_600_000;
const J_PER_KWH_N = 3_600_000n;

export interface EnergyCost {
  /** whole mp to charge now */
  chargeMp: number;
  /** new remainder, 0 <= r < 3,600,000 */
  remainder: number;
}

/**
 * Cost of `energyJ` joules at `priceMpPerKwh`, carrying `remainder` from earlier energy.
 * BigInt because price (up to 2^24) x energy can pass 2^53.
 */
export function energyCost(priceMpPerKwh: number, energyJ: number, remainder: number): EnergyCost {
  const exact = priceMpPerKwh * energyJ + remainder;
  // Stryker disable next-line BlockStatement: without the fast path the BigInt path below gives the same result
  if (Number.isSafeInteger(exact)) {
    // Below 2^53 the double product is exact: the common case, without BigInt.
    const rem = exact % J_PER_KWH;
    return { chargeMp: (exact - rem) / J_PER_KWH, remainder: rem };
  }
  const total = BigInt(priceMpPerKwh) * BigInt(energyJ) + BigInt(remainder);
  return { chargeMp: Number(total / J_PER_KWH_N), remainder: Number(total % J_PER_KWH_N) };
}

/**
 * The fewest whole seconds at constant `watts` and `price` (both positive) after which at least
 * `neededMp` have been charged, given the carried remainder: the smallest k with
 * remainder + price*watts*k >= neededMp*3.6e6.
 */
export function secondsUntilCharged(neededMp: number, priceMpPerKwh: number, watts: number, remainder: number): number {
  const needN = neededMp * J_PER_KWH - remainder;
  const perSecondN = priceMpPerKwh * watts;
  if (Number.isSafeInteger(needN)) {
    if (needN <= 0) return 0;
    // Ceiling division. The float quotient is correctly rounded, so it is at most one below the true
    // ceiling and never above it (the ceiling is a safe integer it could round to); q * perSecondN
    // past 2^53 still rounds to at least needN, so the comparison stays exact in effect.
    let q = Math.floor(needN / perSecondN);
    while (q * perSecondN < needN) q++;
    return q;
  }
  // Here needN is past 2^53, so need is positive.
  const need = BigInt(neededMp) * J_PER_KWH_N - BigInt(remainder);
  const perSecond = BigInt(priceMpPerKwh) * BigInt(watts);
  return Number((need + perSecond - 1n) / perSecond);
}

/** Pounds with 2 decimals, truncated toward zero; under a penny either side is `£0.00`. */
export function formatPounds(mp: number): string {
  const negative = mp < 0;
  const pence = Math.trunc(Math.abs(mp) / 1000);
  const p = pence % 100;
  // Concatenation rather than padStart: every accepted token shows an amount.
  const text = `£${Math.trunc(pence / 100)}${p < 10 ? '.0' : '.'}${p}`;
  // A minus sign on zero pence (`-£0.00`) reads as a fault to a customer (issue 16).
  return negative && pence > 0 ? `-${text}` : text;
}

/** Pence (token amounts) to mp. */
export function penceToMp(pence: number): number {
  return pence * 1000;
}
