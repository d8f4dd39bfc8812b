import { Decimal } from "../money";

const ONE_DOLLAR = new Decimal(1);
const ONE_CENT = new Decimal("0.01");
const ONE_HUNDREDTH_CENT = new Decimal("0.0001");

/**
 * The smallest increment an order may be priced in: Reg NMS Rule 612 (17 CFR 242.612, the sub-penny rule)
 * forbids orders in NMS stocks priced in increments below $0.01 at $1.00 or more, and below $0.0001 under
 * $1.00. (The 2024 amendments add a $0.005 increment for stocks whose spread is tick-constrained, a list
 * that changes every month; a router would need it per symbol, which it does not have yet.) Quotes and
 * executions may be finer (a wholesaler's sub-penny price improvement); only orders are bound.
 */
export function minimumPriceIncrement(price: Decimal): Decimal {
  return price.gte(ONE_DOLLAR) ? ONE_CENT : ONE_HUNDREDTH_CENT;
}

/** Whether an order may carry this (positive, finite) limit price under Rule 612. */
export function isOnPriceGrid(price: Decimal): boolean {
  return price.mod(minimumPriceIncrement(price)).isZero();
}
