import type { Side } from "../events/index";
import type { VenueCandidate } from "./candidates";
import { formatPrice } from "./format";

/** What every strategy may look at besides the candidate itself (floats: scoring is statistics). */
export interface ScoringContext {
  side: Side;
  quantity: number;
  /** NBBO midpoint, or the best candidate price when the NBBO is one-sided, empty or crossed. */
  referencePrice: number;
  /** Quoted spread in basis points of the reference (0 when locked, crossed or one-sided). */
  spreadBps: number;
  /** Shares all candidates together can fill from quoted levels. */
  quotedQuantity: number;
}

/**
 * A pluggable routing strategy: which venues it uses and how it ranks them: higher score first, then
 * (equal scores) higher tieBreak first, then the venue id, so a ranking never depends on registration order.
 */
export interface RoutingStrategy {
  readonly name: string;
  accepts(candidate: VenueCandidate): boolean;
  score(candidate: VenueCandidate, context: ScoringContext): number;
  /**
   * Orders venues of equal score. Kept apart from the score: a small weight added to it would outweigh a
   * real price difference on a high-priced stock.
   */
  tieBreak?(candidate: VenueCandidate): number;
  /** Why this venue, in words, for the decision's reason. */
  explain(candidate: VenueCandidate): string;
}

/** Basis points saved against the reference: positive when the price beats it for this side. */
function savedBps(price: number, context: ScoringContext): number {
  const difference = context.side === "buy" ? context.referencePrice - price : price - context.referencePrice;
  return (difference / context.referencePrice) * 10_000;
}

const acceptsAll = (): boolean => true;

/** "price P, fee F" or "price P, rebate R": what an all-in price is made of. */
function allInParts(c: VenueCandidate): string {
  const fee = `${c.feePerShare.isNegative() ? "rebate" : "fee"} ${formatPrice(c.feePerShare.abs())}`;
  return `price ${formatPrice(c.expectedPrice)}, ${fee}`;
}

/**
 * best_price: the best price the order really gets, which is the all-in price: the access fee (or rebate)
 * is paid on every share, so 10.00 + $0.0030 is a worse price than 10.00 + $0.0010. Equal all-in prices go
 * to the venue likelier to fill.
 */
export const bestPrice: RoutingStrategy = {
  name: "best_price",
  accepts: acceptsAll,
  score: (c, context) => savedBps(c.allInPriceValue, context),
  tieBreak: (c) => c.fillProbability,
  explain: (c) => `best all-in price ${formatPrice(c.allInPrice)} per share (${allInParts(c)})`,
};

export const fastest: RoutingStrategy = {
  name: "fastest",
  accepts: acceptsAll,
  score: (c) => -c.latencyMs,
  explain: (c) => `lowest expected latency ${c.latencyMs} ms`,
};

/**
 * lowest_cost: the lowest all-in price per share; of equal ones the venue that can fill more of the order,
 * since what it cannot fill goes elsewhere at a price not known yet.
 */
export const lowestCost: RoutingStrategy = {
  name: "lowest_cost",
  accepts: acceptsAll,
  score: (c, context) => savedBps(c.allInPriceValue, context),
  tieBreak: (c) => c.fillableQuantity.toNumber(),
  explain: (c) => `lowest all-in price ${formatPrice(c.allInPrice)} per share (${allInParts(c)})`,
};

/**
 * Cost of latency: quotes fade while an order travels; 0.01 bp per ms is a deliberately small weight
 * so that latency only separates venues of near-equal cost.
 */
const LATENCY_BPS_PER_MS = 0.01;

/**
 * smart: expected all-in cost minus the expected cost of not filling. A miss means crossing the spread
 * again later, and more so the larger the order is against the displayed liquidity: market impact grows
 * with the square root of size over available volume (Almgren, Thum, Hauptmann & Li, "Direct Estimation
 * of Equity Market Impact", Risk 2005). Big orders thus favour venues that can fill them (dark pools,
 * deep books, learned high fill rates), small ones the cheapest quote.
 */
function smartScore(c: VenueCandidate, context: ScoringContext): number {
  const sizeRatio = context.quantity / Math.max(context.quotedQuantity, 1);
  const missPenaltyBps = Math.max(context.spreadBps, 1) * (1 + Math.sqrt(sizeRatio));
  return (
    savedBps(c.allInPriceValue, context) -
    (1 - c.fillProbability) * missPenaltyBps -
    c.latencyMs * LATENCY_BPS_PER_MS
  );
}

function explainSmart(c: VenueCandidate): string {
  return (
    `best expected cost after fill risk: all-in ${formatPrice(c.allInPrice)}, ` +
    `fill probability ${c.fillProbability.toFixed(2)}, latency ${c.latencyMs} ms`
  );
}

export const smart: RoutingStrategy = {
  name: "smart",
  accepts: acceptsAll,
  score: smartScore,
  explain: explainSmart,
};

/** Far above any cost difference in basis points, so an eligible internal venue always ranks first. */
const INTERNAL_PRIORITY = 1e6;

export const internalize: RoutingStrategy = {
  name: "internalize",
  accepts: acceptsAll,
  score: (c, context) => smartScore(c, context) + (c.venueType === "internal" ? INTERNAL_PRIORITY : 0),
  explain: (c) =>
    c.venueType === "internal"
      ? `internal cross at ${formatPrice(c.expectedPrice)} for up to ${c.fillableQuantity.toFixed()} shares`
      : `no internal liquidity; ${explainSmart(c)}`,
};

export const external: RoutingStrategy = {
  name: "external",
  accepts: (c) => c.venueType !== "internal",
  score: smartScore,
  explain: explainSmart,
};

export const DEFAULT_STRATEGIES: readonly RoutingStrategy[] = [
  bestPrice,
  fastest,
  lowestCost,
  smart,
  internalize,
  external,
];
