import type { Decimal } from "../money";
import type { Side } from "../events/index";

/**
 * The order types of Rule 606(a)(1)(i) (17 CFR 242.606(a)(1)(i)): "market orders, marketable limit
 * orders, non-marketable limit orders, and other orders". Rule 600(b) defines a marketable limit order as
 * "any buy order with a limit price equal to or greater than the national best offer at the time of
 * receipt, or any sell order with a limit price equal to or less than the national best bid at the time of
 * receipt" — so a limit order is classified against the NBBO snapshot the router took on receipt.
 */
export const ORDER_TYPES = ["market", "marketable_limit", "non_marketable_limit", "other"] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/**
 * Where a limit order's price stood against the far side of the NBBO at receipt (the offer for a buy, the
 * bid for a sell): reached it, did not, or there was no quote on that side to compare with.
 */
export type FarQuote = "reached" | "not_reached" | "absent";

/** An order as received: a null limit price is a market order. */
export interface OrderAtReceipt {
  side: Side;
  limitPrice: Decimal | null;
  nbboBid: Decimal | null;
  nbboAsk: Decimal | null;
}

/** The far-quote comparison of Rule 600(b)'s marketable limit order definition. */
export function farQuoteOf(order: OrderAtReceipt): FarQuote {
  if (order.limitPrice === null) return "absent";
  if (order.side === "buy") {
    if (order.nbboAsk === null) return "absent";
    return order.limitPrice.gte(order.nbboAsk) ? "reached" : "not_reached";
  }
  if (order.nbboBid === null) return "absent";
  return order.limitPrice.lte(order.nbboBid) ? "reached" : "not_reached";
}

/**
 * Rule 606(a)(1)(i) order type from the two facts the report keeps per order (the database aggregates on
 * them). A limit order with no quote on the far side cannot be called marketable or not: the SEC's
 * Rule 606 FAQ puts orders that fit none of the three defined types under "other orders".
 */
export function orderTypeOf(hasLimit: boolean, farQuote: FarQuote): OrderType {
  if (!hasLimit) return "market";
  if (farQuote === "reached") return "marketable_limit";
  if (farQuote === "not_reached") return "non_marketable_limit";
  return "other";
}

/** The order type of one order as received. */
export function classifyOrder(order: OrderAtReceipt): OrderType {
  return orderTypeOf(order.limitPrice !== null, farQuoteOf(order));
}

/**
 * The report sections of Rule 606(a)(1): "separated by section for securities that are included in the
 * S&P 500 Index as of the first day of that quarter; other NMS stocks; and options contracts".
 */
export const REPORT_SECTIONS = ["sp500", "other_stocks", "options"] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** A stock's section: S&P 500 members by the constituents list the caller holds, the rest other NMS stocks. */
export function stockSectionOf(symbol: string, sp500: ReadonlySet<string>): ReportSection {
  return sp500.has(symbol) ? "sp500" : "other_stocks";
}
