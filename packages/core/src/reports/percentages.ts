import { Decimal } from "../money";

const HUNDRED = new Decimal(100);

/**
 * part / whole as a percentage to two decimals (the schema's PctType: "at least two digits to the right of
 * the decimal point"), half up like the SEC's renderer; null (blank, "not meaningful") when whole is 0.
 */
export function percentOf(part: Decimal | number, whole: Decimal | number): Decimal | null {
  const denominator = new Decimal(whole);
  if (denominator.isZero()) return null;
  return new Decimal(part).times(HUNDRED).div(denominator).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/**
 * Percentages of a partition that add up to exactly 100.00 after rounding to two decimals (the largest
 * remainder method, Hamilton's): rounding each share on its own can give 99.99 or 100.01, and the
 * order-type shares of Rule 606(a)(1)(i) are a partition of the non-directed orders. Ties go to the
 * earlier part, so the result is deterministic. All nulls when the parts sum to 0.
 */
export function partitionPercentages(parts: readonly number[]): (Decimal | null)[] {
  const whole = parts.reduce((sum, part) => sum + part, 0);
  if (whole === 0) return parts.map(() => null);
  // Work in hundredths of a percent: 10,000 units to hand out, the floors first, then one each to the
  // largest remainders.
  const shares = parts.map((part, index) => {
    const exact = new Decimal(part).times(10_000).div(whole);
    const units = exact.floor();
    return { index, units: units.toNumber(), remainder: exact.minus(units) };
  });
  const left = 10_000 - shares.reduce((sum, share) => sum + share.units, 0);
  const byRemainder = [...shares].sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  for (const share of byRemainder.slice(0, left)) share.units += 1;
  return shares.map((share) => new Decimal(share.units).div(HUNDRED));
}
