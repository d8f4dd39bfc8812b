import { Decimal } from "../money";
import type { Side } from "../events/index";
import type { Nbbo } from "./nbbo";

/**
 * Rating of one execution against the NBBO at decision time (the specification's ExecutionQuality):
 * excellent when more than half the quoted spread was saved, good for any improvement, neutral at the
 * quote, poor when worse than the quote.
 */
export type ExecutionQuality = "excellent" | "good" | "neutral" | "poor";

export interface PriceImprovement {
  /** Per share, positive = better than the quote (below the offer for a buy, above the bid for a sell). */
  perShare: Decimal;
  /** perShare x executed shares. */
  total: Decimal;
  quality: ExecutionQuality;
}

const HALF = new Decimal("0.5");

/**
 * Improvement against the NBBO side the order would take: the offer for a buy, the bid for a sell (the
 * Rule 605 convention). Without a quote on that side there is nothing to measure: undefined.
 * A locked or crossed market has no positive spread, so any improvement there rates excellent.
 */
export function priceImprovement(
  side: Side,
  executedPrice: Decimal,
  executedQuantity: Decimal,
  nbbo: Nbbo,
): PriceImprovement | undefined {
  const reference = side === "buy" ? nbbo.ask : nbbo.bid;
  if (reference === undefined) return undefined;
  const perShare =
    side === "buy" ? reference.price.minus(executedPrice) : executedPrice.minus(reference.price);
  const spread = Decimal.max(nbbo.spread ?? 0, 0);
  return { perShare, total: perShare.times(executedQuantity), quality: rate(perShare, spread) };
}

function rate(perShare: Decimal, spread: Decimal): ExecutionQuality {
  if (perShare.isNegative()) return "poor";
  if (perShare.isZero()) return "neutral";
  return perShare.gt(spread.times(HALF)) ? "excellent" : "good";
}
