import { Decimal } from "../money";
import type { Side } from "../events/index";
import { sideOf } from "./candidates";
import { isBetterPrice } from "./fees";
import type { PriceLevel, VenueQuote } from "./venue";

/**
 * A venue's quote as the router's own IOC child order left it, until the venue quotes again. A full fill
 * took `filled` shares off the best levels of the side it traded; a short one took everything it could
 * reach, so nothing is left at or better than its limit (a market order reaches every level). The router
 * ranks the rest of the order on this, so a protected quote it has just used up no longer keeps a
 * worse-priced venue out: Rule 611 protects displayed liquidity, not liquidity that is gone.
 */
export function quoteAfterFill(
  quote: VenueQuote,
  side: Side,
  sent: Decimal,
  filled: Decimal,
  limitPrice: Decimal | null,
): VenueQuote {
  const levels = sideOf(quote, side);
  const left = filled.lt(sent)
    ? levels.filter((level) => limitPrice !== null && isBetterPrice(side, limitPrice, level.price))
    : withoutBestShares(levels, filled);
  return side === "buy" ? { ...quote, asks: left } : { ...quote, bids: left };
}

function withoutBestShares(levels: readonly PriceLevel[], shares: Decimal): PriceLevel[] {
  const left: PriceLevel[] = [];
  let toTake = shares;
  for (const level of levels) {
    const taken = Decimal.min(toTake, level.quantity);
    toTake = toTake.minus(taken);
    if (taken.lt(level.quantity)) left.push({ price: level.price, quantity: level.quantity.minus(taken) });
  }
  return left;
}
