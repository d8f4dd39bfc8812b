import type { Decimal } from "../money";
import type { PriceLevel, VenueQuote } from "./venue";

/**
 * normal: bid < ask. locked: bid = ask, crossed: bid > ask — both forbidden to be displayed by Reg NMS
 * Rule 610(d) and in practice a sign of a stale or slow feed, so decisions on them are flagged.
 * one_sided / empty: a side (or both) has no fresh displayed quote.
 */
export type MarketCondition = "normal" | "locked" | "crossed" | "one_sided" | "empty";

export interface NbboSide {
  price: Decimal;
  /** Displayed shares at that price summed over venues. */
  quantity: Decimal;
  venueIds: string[];
}

export interface Nbbo {
  symbol: string;
  bid: NbboSide | undefined;
  ask: NbboSide | undefined;
  condition: MarketCondition;
  /** ask - bid; undefined unless both sides exist (negative when crossed). */
  spread: Decimal | undefined;
  /** Displayed quotes left out because they were older than the TTL. */
  staleVenueIds: string[];
  /** Epoch ms at which it was computed. */
  asOf: number;
}

/** A quote is fresh while it is younger than the TTL (a quote exactly `ttlMs` old is stale). */
export function isFresh(quote: VenueQuote, now: number, ttlMs: number): boolean {
  return now - quote.timestamp < ttlMs;
}

/**
 * National best bid and offer from cached venue quotes: the highest displayed bid and lowest displayed
 * offer among fresh quotes, with every venue at that price. Undisplayed quotes (dark pools, market makers)
 * are not protected quotations and never set the NBBO.
 */
export function computeNbbo(symbol: string, quotes: Iterable<VenueQuote>, now: number, ttlMs: number): Nbbo {
  let bid: NbboSide | undefined;
  let ask: NbboSide | undefined;
  const staleVenueIds: string[] = [];
  for (const quote of quotes) {
    if (!quote.displayed) continue;
    if (!isFresh(quote, now, ttlMs)) {
      staleVenueIds.push(quote.venueId);
      continue;
    }
    bid = better(bid, quote.bids[0], quote.venueId, 1);
    ask = better(ask, quote.asks[0], quote.venueId, -1);
  }
  const spread = bid !== undefined && ask !== undefined ? ask.price.minus(bid.price) : undefined;
  return { symbol, bid, ask, condition: conditionOf(spread, bid, ask), spread, staleVenueIds, asOf: now };
}

/** direction 1: higher is better (bids); -1: lower is better (asks). */
function better(
  current: NbboSide | undefined,
  level: PriceLevel | undefined,
  venueId: string,
  direction: 1 | -1,
): NbboSide | undefined {
  if (level === undefined) return current;
  if (current === undefined) return { price: level.price, quantity: level.quantity, venueIds: [venueId] };
  const comparison = level.price.cmp(current.price) * direction;
  if (comparison < 0) return current;
  if (comparison > 0) return { price: level.price, quantity: level.quantity, venueIds: [venueId] };
  current.venueIds.push(venueId);
  current.quantity = current.quantity.plus(level.quantity);
  return current;
}

function conditionOf(
  spread: Decimal | undefined,
  bid: NbboSide | undefined,
  ask: NbboSide | undefined,
): MarketCondition {
  if (spread === undefined) return bid === undefined && ask === undefined ? "empty" : "one_sided";
  if (spread.isZero()) return "locked";
  return spread.isNegative() ? "crossed" : "normal";
}
