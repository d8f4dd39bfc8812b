/**
 * How one fill changes a position under the average-cost method (the IRS "average basis" and most
 * brokers' P&L screens): adding to a position blends the cost; reducing it realizes (price - average cost)
 * on the quantity closed and leaves the average unchanged; a fill that crosses zero closes the old
 * position and opens the rest at the fill price. Quantity is signed (negative = short).
 */
import { Decimal } from "@nexus/core/money";

export interface Holding {
  quantity: Decimal;
  averageCost: Decimal;
  realizedPnl: Decimal;
}

export interface Fill {
  side: "buy" | "sell";
  quantity: Decimal;
  price: Decimal;
}

/**
 * Fraction digits the positions table holds (numeric(30, 12), the event contract's range). A blended
 * average is a division and is rounded half-even to this; everything else (sums, products of the
 * contract's decimals for equities) is exact.
 */
export const POSITION_SCALE = 12;

export const FLAT: Holding = {
  quantity: new Decimal(0),
  averageCost: new Decimal(0),
  realizedPnl: new Decimal(0),
};

const round = (value: Decimal): Decimal => value.toDecimalPlaces(POSITION_SCALE, Decimal.ROUND_HALF_EVEN);

export function applyFill(holding: Holding, fill: Fill): Holding {
  const signed = fill.side === "buy" ? fill.quantity : fill.quantity.negated();
  const before = holding.quantity;
  const after = before.plus(signed);
  if (before.isZero() || before.isNegative() === signed.isNegative()) {
    // Opening or adding: the average is the quantity-weighted mean of the old cost and the fill price.
    const averageCost = round(before.times(holding.averageCost).plus(signed.times(fill.price)).div(after));
    return { quantity: after, averageCost, realizedPnl: holding.realizedPnl };
  }
  const closed = Decimal.min(fill.quantity, before.abs());
  const perShare = fill.price.minus(holding.averageCost);
  const realized = round(closed.times(before.isNegative() ? perShare.negated() : perShare));
  const realizedPnl = holding.realizedPnl.plus(realized);
  if (after.isZero()) return { quantity: after, averageCost: new Decimal(0), realizedPnl };
  // Reduced but not through zero: the average is unchanged. Crossed zero: the rest opens at the fill price.
  const crossed = after.isNegative() !== before.isNegative();
  return { quantity: after, averageCost: crossed ? fill.price : holding.averageCost, realizedPnl };
}

/** Unrealized P&L of a holding at `mark`: quantity x (mark - average cost), signed for shorts. */
export function unrealizedPnl(holding: Pick<Holding, "quantity" | "averageCost">, mark: Decimal): Decimal {
  return holding.quantity.times(mark.minus(holding.averageCost));
}
