import DecimalJs from "decimal.js";

/**
 * The one Decimal class for money, prices and quantities.
 *
 * precision 34 significant digits: the IEEE 754-2008 decimal128 width, enough for any price x quantity
 * product the event contract can carry (it caps amounts at 18 integer + 12 fraction digits) without
 * rounding. ROUND_HALF_EVEN (banker's rounding) when an operation does have to round (division, VaR
 * conversions): it is unbiased over many roundings, the convention of IEEE 754 and of most ledgers.
 * Exponent limits are widened so toString() never switches to exponent notation for those amounts,
 * which keeps wire strings plain ("0.00000001", not "1e-8").
 */
export const Decimal = DecimalJs.clone({
  precision: 34,
  rounding: DecimalJs.ROUND_HALF_EVEN,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = DecimalJs;

/** Addition never rounds here: sums of ledgers must be exact whatever their length (decimal.js max precision). */
const ExactDecimal = DecimalJs.clone({ precision: 1e9, toExpNeg: -40, toExpPos: 40 });

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/** Parses a plain decimal string ("189.25", "-3", "100"); anything else (exponents, NaN, blanks) throws. */
export function toDecimal(value: string): Decimal {
  if (!PLAIN_DECIMAL.test(value)) throw new Error(`not a decimal string: ${JSON.stringify(value)}`);
  return new Decimal(value);
}

/** The wire form: plain notation, no exponent, no trailing-zero padding beyond what the value holds. */
export function decimalToString(value: Decimal): string {
  return value.toFixed();
}

/** Exact sum (never rounded to the working precision); 0 for no values. */
export function sumDecimals(values: Iterable<Decimal>): Decimal {
  let total = new ExactDecimal(0);
  for (const value of values) total = total.plus(value);
  return new Decimal(total);
}
