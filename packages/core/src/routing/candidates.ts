import { Decimal } from "../money";
import type { Side } from "../events/index";
import type { CensoredLiquidityEstimator } from "./censored-liquidity";
import type { CircuitBreaker } from "./circuit-breaker";
import { allInPrice, isBetterPrice, takerFeeAt, type FeeSchedule } from "./fees";
import { isFresh, type Nbbo } from "./nbbo";
import type { ExclusionReason, RouteRequest, VenueExclusion } from "./request";
import type { ExecutionVenue, PriceLevel, VenueQuote, VenueType } from "./venue";
import type { VenueStatisticsTracker } from "./venue-statistics";

/** A registered venue with the router's state about it. */
export interface VenueEntry {
  venue: ExecutionVenue;
  breaker: CircuitBreaker;
  statistics: VenueStatisticsTracker;
  /** Dark pools only: their hidden liquidity as learned from the router's own fills (censored-liquidity.ts). */
  liquidity?: CensoredLiquidityEstimator;
}

/** A venue that may take the order, with what the router expects from it. */
export interface VenueCandidate {
  venueId: string;
  venueType: VenueType;
  /** The cached quote it was priced on (displayed = a protected quotation). */
  quote: VenueQuote;
  feeSchedule: FeeSchedule;
  /** Quoted levels within the limit price, best first (empty for a dark pool, which shows none). */
  levels: PriceLevel[];
  /**
   * Shares this venue alone can fill without trading through another venue's protected quote, at most the
   * order (all of it for a dark pool): what the decision expects to fill there.
   */
  fillableQuantity: Decimal;
  /**
   * Volume-weighted price of those shares (the NBBO midpoint for a dark pool; the best level's price when
   * evaluated for a split, whose ladder prices the depth level by level).
   */
  expectedPrice: Decimal;
  /**
   * Limit for the child order sent here: the deepest level the expectation counted on, so an execution
   * cannot walk past a better protected quote elsewhere; for a dark pool the order's own limit (null =
   * pegged, the pool crosses at the midpoint).
   */
  childLimitPrice: Decimal | null;
  /** Taker fee per share at that price, Rule 610(c)-capped, signed (negative = rebate). */
  feePerShare: Decimal;
  allInPrice: Decimal;
  fillProbability: number;
  latencyMs: number;
  /** Float copies of the Decimal prices, for scoring only (strategies rank on them, never settle). */
  expectedPriceValue: number;
  allInPriceValue: number;
}

export interface CandidateContext {
  request: RouteRequest;
  nbbo: Nbbo;
  quotes: ReadonlyMap<string, VenueQuote>;
  /**
   * Fresh displayed quotes of venues whose breaker is not open: the protected quotations an order must
   * not trade through. A venue in failure may be traded through (Rule 611(b)(1), the self-help exception).
   */
  protectedQuotes: readonly VenueQuote[];
  /**
   * "route": the order goes to one venue, which must stop before any better protected quote elsewhere.
   * "split": the sweep across venues enforces that itself, so each venue offers all its levels.
   */
  mode: "route" | "split";
  now: number;
  quoteTtlMs: number;
}

export type Evaluation = { candidate: VenueCandidate } | { exclusions: VenueExclusion[] };

const TWO = new Decimal(2);

/**
 * Checks one venue against the market and the owner's constraints. Every owner constraint the venue
 * fails is reported, so a refusal names them all and routeOrder and splitOrder name the same ones. A
 * market fact that leaves nothing to price (breaker open, no or stale quote, nothing within the limit, a
 * trade-through, no midpoint) is reported instead of the fee and fill-rate checks, which need a price.
 */
export function evaluateVenue(entry: VenueEntry, context: CandidateContext): Evaluation {
  const { request, now } = context;
  const { venueId } = entry.venue;
  const constraints = request.constraints ?? {};
  const exclusions: VenueExclusion[] = [];
  const exclude = (reason: ExclusionReason, detail: string): void => {
    exclusions.push({ venueId, reason, detail });
  };
  if (constraints.excludedVenues?.includes(venueId)) exclude("excluded_venue", "excluded by the order");
  const quote = context.quotes.get(venueId);
  const latencyMs = entry.statistics.expectedLatencyMs();
  let candidate: VenueCandidate | undefined;
  if (!entry.breaker.isAvailable(now)) exclude("circuit_open", "circuit breaker open");
  else if (quote === undefined) exclude("no_quote", "no quote");
  else if (!isFresh(quote, now, context.quoteTtlMs)) {
    exclude("stale_quote", `quote ${now - quote.timestamp} ms old (TTL ${context.quoteTtlMs} ms)`);
  } else {
    const priced = (entry.venue.venueType === "dark_pool" ? darkPrice : litPrice)(quote, context);
    if ("exclusion" in priced) exclusions.push(priced.exclusion);
    else {
      candidate = candidateOf(entry, quote, priced, latencyMs, request);
      const { feePerShare, fillProbability } = candidate;
      if (constraints.maxFeePerShare !== undefined && feePerShare.gt(constraints.maxFeePerShare)) {
        exclude("max_fee", `fee ${feePerShare.toFixed()} > max ${constraints.maxFeePerShare.toFixed()}`);
      }
      if (constraints.minFillRate !== undefined && fillProbability < constraints.minFillRate) {
        exclude(
          "min_fill_rate",
          `fill probability ${fillProbability.toFixed(3)} < ${constraints.minFillRate}`,
        );
      }
    }
  }
  if (constraints.maxLatencyMs !== undefined && latencyMs > constraints.maxLatencyMs) {
    exclude("max_latency_ms", `latency ${latencyMs} ms > ${constraints.maxLatencyMs} ms`);
  }
  return candidate !== undefined && exclusions.length === 0 ? { candidate } : { exclusions };
}

/** What the router expects from a venue whose quote offers the order something. */
function candidateOf(
  entry: VenueEntry,
  quote: VenueQuote,
  priced: PricedQuote,
  latencyMs: number,
  request: RouteRequest,
): VenueCandidate {
  const { venue } = entry;
  const { expectedPrice, childLimitPrice, fillableQuantity, levels } = priced;
  const feePerShare = takerFeeAt(venue.feeSchedule, expectedPrice);
  const coverage = Math.min(1, fillableQuantity.div(request.quantity).toNumber());
  const allIn = allInPrice(request.side, expectedPrice, feePerShare);
  return {
    venueId: venue.venueId,
    venueType: venue.venueType,
    quote,
    feeSchedule: venue.feeSchedule,
    levels,
    fillableQuantity,
    expectedPrice,
    childLimitPrice,
    feePerShare,
    allInPrice: allIn,
    fillProbability: fillProbabilityOf(entry, request, coverage),
    latencyMs,
    expectedPriceValue: expectedPrice.toNumber(),
    allInPriceValue: allIn.toNumber(),
  };
}

/**
 * How likely the venue fills the order: for a dark pool that has been traded with enough, the expected
 * share of the order its hidden liquidity covers (Kaplan-Meier over its fills); otherwise the venue's
 * running fill rate times the share its quote covers.
 */
function fillProbabilityOf(entry: VenueEntry, request: RouteRequest, coverage: number): number {
  const { liquidity, statistics } = entry;
  if (liquidity?.isInformed() === true) return liquidity.expectedFillRate(request.quantity.toNumber());
  return statistics.expectedFillRate() * coverage;
}

interface PricedQuote {
  expectedPrice: Decimal;
  childLimitPrice: Decimal | null;
  fillableQuantity: Decimal;
  levels: PriceLevel[];
}

type Priced = PricedQuote | { exclusion: VenueExclusion };

/**
 * A venue with quoted levels: the order sweeps them up to the limit price, and no further than the best
 * protected quote elsewhere (Rule 611: never execute at a price inferior to another trading center's
 * protected quotation).
 */
function litPrice(quote: VenueQuote, context: CandidateContext): Priced {
  const { side, quantity, limitPrice } = context.request;
  const quoted = sideOf(quote, side);
  if (quoted.length === 0) {
    return { exclusion: { venueId: quote.venueId, reason: "no_liquidity", detail: `no ${side} liquidity` } };
  }
  const levels =
    limitPrice == null ? quoted : quoted.filter((l) => !isBetterPrice(side, limitPrice, l.price));
  const [best] = levels;
  if (best === undefined) {
    return {
      exclusion: {
        venueId: quote.venueId,
        reason: "limit_price",
        detail: `no ${side} liquidity within limit ${String(limitPrice)}`,
      },
    };
  }
  if (context.mode === "split") return splitPrice(levels, best, quantity);
  const bound = bestProtectedElsewhere(quote.venueId, context);
  const allowed = bound === undefined ? levels : levels.filter((l) => !isBetterPrice(side, bound, l.price));
  if (allowed.length === 0) {
    return {
      exclusion: {
        venueId: quote.venueId,
        reason: "trade_through",
        detail: `would trade through the protected quote ${String(bound)}`,
      },
    };
  }
  let remaining = quantity;
  let filled = new Decimal(0);
  let notional = new Decimal(0);
  let childLimitPrice: Decimal | null = null;
  for (const level of allowed) {
    childLimitPrice = level.price;
    // The common case, the best level covers the order: its price is the expected price, no averaging.
    if (filled.isZero() && level.quantity.gte(quantity)) {
      return { expectedPrice: level.price, childLimitPrice, fillableQuantity: quantity, levels };
    }
    const take = Decimal.min(remaining, level.quantity);
    filled = filled.plus(take);
    notional = notional.plus(take.times(level.price));
    remaining = remaining.minus(take);
    if (remaining.isZero()) break;
  }
  return { expectedPrice: notional.div(filled), childLimitPrice, fillableQuantity: filled, levels };
}

/**
 * Split mode: the depth ladder prices every level itself (and enforces Rule 611 across venues), so the
 * candidate only needs its best price and how much of the order its depth covers, for ranking.
 */
function splitPrice(levels: readonly PriceLevel[], best: PriceLevel, quantity: Decimal): Priced {
  let depth = new Decimal(0);
  for (const level of levels) {
    depth = depth.plus(level.quantity);
    if (depth.gte(quantity)) break;
  }
  return {
    expectedPrice: best.price,
    childLimitPrice: null,
    fillableQuantity: Decimal.min(depth, quantity),
    levels: [...levels],
  };
}

/** A dark pool shows nothing and crosses at the NBBO midpoint, so it needs a two-sided, uncrossed NBBO. */
function darkPrice(quote: VenueQuote, context: CandidateContext): Priced {
  const { nbbo, request } = context;
  if (nbbo.bid === undefined || nbbo.ask === undefined || nbbo.condition === "crossed") {
    return {
      exclusion: {
        venueId: quote.venueId,
        reason: "no_reference_price",
        detail: `NBBO is ${nbbo.condition}`,
      },
    };
  }
  const midpoint = nbbo.bid.price.plus(nbbo.ask.price).div(TWO);
  const limit = request.limitPrice;
  if (limit != null && isBetterPrice(request.side, limit, midpoint)) {
    return {
      exclusion: {
        venueId: quote.venueId,
        reason: "limit_price",
        detail: `midpoint ${midpoint.toFixed()} is beyond limit ${limit.toFixed()}`,
      },
    };
  }
  return {
    expectedPrice: midpoint,
    childLimitPrice: limit ?? null,
    fillableQuantity: request.quantity,
    levels: [],
  };
}

/** The best fresh displayed price on the order's side at any other venue: the Rule 611 bound. */
function bestProtectedElsewhere(venueId: string, context: CandidateContext): Decimal | undefined {
  const { side } = context.request;
  let best: Decimal | undefined;
  for (const quote of context.protectedQuotes) {
    if (quote.venueId === venueId) continue;
    const top = sideOf(quote, side)[0];
    if (top !== undefined && (best === undefined || isBetterPrice(side, top.price, best))) best = top.price;
  }
  return best;
}

/** The levels a `side` order takes: offers for a buy, bids for a sell. */
export function sideOf(quote: VenueQuote, side: Side): PriceLevel[] {
  return side === "buy" ? quote.asks : quote.bids;
}
