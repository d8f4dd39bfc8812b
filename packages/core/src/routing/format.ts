import type { Decimal } from "../money";

/**
 * A price for human-readable reasons: at most 6 decimals (half-even), enough for sub-penny fees and
 * all-in prices; averages can carry 34 digits, which the decision's Decimal fields keep exactly.
 */
export function formatPrice(price: Decimal): string {
  return price.toDecimalPlaces(6).toFixed();
}
