import type { Decimal } from "../money";
import type { Side } from "../events/index";

/** Limits an order's owner puts on where it may go. Any venue failing one is not used. */
export interface RoutingConstraints {
  /** max_fee: highest acceptable taker fee per share (a rebate always passes). */
  maxFeePerShare?: Decimal;
  /** min_fill_rate: lowest acceptable expected fill probability, 0-1. */
  minFillRate?: number;
  /** max_latency_ms: highest acceptable expected (median) venue latency. */
  maxLatencyMs?: number;
  excludedVenues?: readonly string[];
}

/** An order to route; the router refuses one that routeRequestSchema (routing-inputs.ts) refuses. */
export interface RouteRequest {
  orderId: string;
  userId: string;
  symbol: string;
  side: Side;
  /** Whole shares, 1 to the matching engine's MAX_ORDER_SHARES. */
  quantity: Decimal;
  /** Worst acceptable price, on the Rule 612 grid; null or absent for a market order. */
  limitPrice?: Decimal | null;
  /** Name of a registered strategy ("best_price", "smart", ...). */
  strategy: string;
  constraints?: RoutingConstraints;
  /**
   * "not_held" when the customer gave the broker price and time discretion (Rule 606(b)(3) reports those
   * orders apart from the held ones of 606(a)(1)); absent means held.
   */
  handling?: OrderHandling;
}

/** Held, or not held (Regulation NMS Rule 606(b)(3): the customer granted price and time discretion). */
export type OrderHandling = "held" | "not_held";

/**
 * Why a venue was left out. The first five are the owner's constraints (a refusal names them); the rest
 * are market facts: breaker open, quote stale or missing, nothing on the side, a protected quote would be
 * traded through (Reg NMS Rule 611), no midpoint for a dark pool, or the strategy does not use it.
 */
export type ExclusionReason =
  | "max_fee"
  | "min_fill_rate"
  | "max_latency_ms"
  | "excluded_venue"
  | "limit_price"
  | "circuit_open"
  | "stale_quote"
  | "no_quote"
  | "no_liquidity"
  | "trade_through"
  | "no_reference_price"
  | "strategy";

export const OWNER_CONSTRAINTS: ReadonlySet<ExclusionReason> = new Set([
  "max_fee",
  "min_fill_rate",
  "max_latency_ms",
  "excluded_venue",
  "limit_price",
]);

/** One reason a venue was left out; a venue failing several checks has one of these for each. */
export interface VenueExclusion {
  venueId: string;
  reason: ExclusionReason;
  detail: string;
}

/** What the router answers when no venue qualifies: never a silent best effort. */
export interface RoutingRefusal {
  kind: "refused";
  orderId: string;
  symbol: string;
  /** The owner's constraints that excluded venues (empty if the market alone left nothing). */
  violatedConstraints: ExclusionReason[];
  reason: string;
  excluded: VenueExclusion[];
}

/** Refusal text naming the violated constraints first, then every venue's reason. */
export function refusalOf(request: RouteRequest, excluded: VenueExclusion[], what: string): RoutingRefusal {
  const violatedConstraints = [...new Set(excluded.map((e) => e.reason))].filter((r) =>
    OWNER_CONSTRAINTS.has(r),
  );
  const because = violatedConstraints.length > 0 ? `violates ${violatedConstraints.join(", ")}` : "no venue";
  const details = excluded.map((e) => `${e.venueId}: ${e.detail}`).join("; ");
  return {
    kind: "refused",
    orderId: request.orderId,
    symbol: request.symbol,
    violatedConstraints,
    reason: `cannot ${what} ${request.quantity.toFixed()} ${request.symbol}: ${because}${details === "" ? "" : ` (${details})`}`,
    excluded,
  };
}
