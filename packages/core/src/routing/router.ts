import { Decimal, sumDecimals } from "../money";
import type { Side } from "../events/index";
import { evaluateVenue, type VenueCandidate, type VenueEntry } from "./candidates";
import {
  CensoredLiquidityEstimator,
  DEFAULT_LIQUIDITY_OPTIONS,
  type CensoredLiquidityOptions,
  type LiquidityCurve,
  type LiquidityObservation,
} from "./censored-liquidity";
import {
  CircuitBreaker,
  DEFAULT_BREAKER_OPTIONS,
  type BreakerState,
  type CircuitBreakerOptions,
} from "./circuit-breaker";
import type {
  ExecutionAttempt,
  ExecutionResult,
  RankedVenue,
  RoutedExecution,
  RoutingDecision,
  RoutingStats,
  SplitPlan,
  VenueRanking,
} from "./decision";
import { priceImprovement } from "./execution-quality";
import { formatPrice } from "./format";
import { isBetterPrice } from "./fees";
import { computeNbbo, isFresh, type Nbbo } from "./nbbo";
import { refusalOf, type RouteRequest, type RoutingRefusal, type VenueExclusion } from "./request";
import { quoteAfterFill } from "./quote-after-fill";
import {
  RoutingInputError,
  parseRoutingInput,
  routeRequestSchema,
  routerSettingsSchema,
  splitVenuesSchema,
} from "./routing-inputs";
import { allocationsOf, buildLadder, sweepLadder, type SweepResult } from "./split";
import { DEFAULT_STRATEGIES, type RoutingStrategy, type ScoringContext } from "./strategies";
import type { ExecutionVenue, Timer, VenueExecutionReport, VenueQuote, VenueType } from "./venue";
import {
  DEFAULT_STATISTICS_OPTIONS,
  VenueStatisticsTracker,
  type VenuePriors,
  type VenueStatistics,
  type VenueStatisticsOptions,
} from "./venue-statistics";
import { withTimeout } from "./with-timeout";

export interface SmartOrderRouterOptions {
  now: () => number;
  newId: () => string;
  timer: Timer;
  /** Cached quotes older than this are stale; must be under 1 s. Default 500 ms. */
  quoteTtlMs?: number;
  /** How long a venue may take to answer an order before the router fails over. Default 250 ms. */
  venueTimeoutMs?: number;
  breaker?: CircuitBreakerOptions;
  statistics?: VenueStatisticsOptions;
  /** How dark pools' hidden liquidity is learned (censored-liquidity.ts). */
  liquidity?: CensoredLiquidityOptions;
  /** Added to (or replacing, by name) the six built-in strategies. */
  strategies?: readonly RoutingStrategy[];
}

/**
 * What the router assumes of a new venue of each type until its reports say otherwise (pass measured
 * priors to registerVenue when known): lit books and wholesalers fill what they quote, an ATS less often,
 * and a dark pool finds a midpoint match only now and then; our own engine answers in-process.
 */
export const DEFAULT_PRIORS: Readonly<Record<VenueType, VenuePriors>> = {
  internal: { fillRate: 0.95, latencyMs: 0.05 },
  exchange: { fillRate: 0.95, latencyMs: 1 },
  ats: { fillRate: 0.8, latencyMs: 2 },
  dark_pool: { fillRate: 0.3, latencyMs: 3 },
  market_maker: { fillRate: 0.95, latencyMs: 3 },
};

interface Ranked {
  candidate: VenueCandidate;
  entry: VenueEntry;
  score: number;
  /** The strategy's tie-break key (0 without one). */
  tie: number;
}

/** A request the input schema accepted, with the registered strategy it names. */
interface RoutableOrder {
  request: RouteRequest;
  strategy: RoutingStrategy;
}

interface Evaluation {
  strategy: RoutingStrategy;
  nbbo: Nbbo;
  ranked: Ranked[];
  /** One entry per failed check: a venue failing several constraints appears once for each. */
  excluded: VenueExclusion[];
  /** Venues looked at (ranked or excluded). */
  considered: number;
  protectedQuotes: VenueQuote[];
  now: number;
}

const ZERO = new Decimal(0);

/**
 * The smart order router: pure and deterministic (clock, ids and timer injected). Quotes arrive through
 * `onQuote` (or `refreshQuotes`) and are cached per symbol; every decision reads only that cache, so it
 * costs microseconds and replays identically.
 */
export class SmartOrderRouter {
  private readonly venues = new Map<string, VenueEntry>();
  private readonly quotes = new Map<string, Map<string, VenueQuote>>();
  private readonly strategies = new Map<string, RoutingStrategy>();
  private readonly quoteTtlMs: number;
  private readonly venueTimeoutMs: number;
  private readonly counters = {
    decisions: 0,
    refusals: 0,
    splits: 0,
    executions: 0,
    failovers: 0,
    refusalsByConstraint: {} as Record<string, number>,
    decisionsByStrategy: {} as Record<string, number>,
    decisionsByVenue: {} as Record<string, number>,
    sharesRequested: ZERO,
    sharesFilled: ZERO,
  };

  constructor(private readonly options: SmartOrderRouterOptions) {
    parseRoutingInput(routerSettingsSchema, options, "router options");
    this.quoteTtlMs = options.quoteTtlMs ?? 500;
    this.venueTimeoutMs = options.venueTimeoutMs ?? 250;
    for (const strategy of [...DEFAULT_STRATEGIES, ...(options.strategies ?? [])])
      this.registerStrategy(strategy);
  }

  registerStrategy(strategy: RoutingStrategy): void {
    this.strategies.set(strategy.name, strategy);
  }

  registerVenue(venue: ExecutionVenue, priors: VenuePriors = DEFAULT_PRIORS[venue.venueType]): void {
    if (this.venues.has(venue.venueId)) throw new Error(`venue ${venue.venueId} is already registered`);
    this.venues.set(venue.venueId, {
      venue,
      breaker: new CircuitBreaker(this.options.breaker ?? DEFAULT_BREAKER_OPTIONS),
      statistics: new VenueStatisticsTracker(
        venue.venueId,
        priors,
        this.options.statistics ?? DEFAULT_STATISTICS_OPTIONS,
      ),
      ...(venue.venueType === "dark_pool"
        ? { liquidity: new CensoredLiquidityEstimator(this.options.liquidity ?? DEFAULT_LIQUIDITY_OPTIONS) }
        : {}),
    });
  }

  /**
   * Replays fills logged before this router existed (oldest first) into a dark pool's hidden-liquidity
   * estimate, as if it had routed them itself: a restarted router keeps what it had learned. Ignored for a
   * venue that is not a registered dark pool.
   */
  learnFills(venueId: string, fills: readonly LiquidityObservation[]): void {
    const liquidity = this.venues.get(venueId)?.liquidity;
    for (const fill of fills) liquidity?.record(fill.requested, fill.filled);
  }

  /** Removes the venue and its cached quotes; false if it was not registered. */
  unregisterVenue(venueId: string): boolean {
    for (const bySymbol of this.quotes.values()) bySymbol.delete(venueId);
    return this.venues.delete(venueId);
  }

  /** Caches a venue's quote (the newest by timestamp wins); quotes of unregistered venues are ignored. */
  onQuote(quote: VenueQuote): boolean {
    if (!this.venues.has(quote.venueId)) return false;
    let bySymbol = this.quotes.get(quote.symbol);
    if (bySymbol === undefined) {
      bySymbol = new Map();
      this.quotes.set(quote.symbol, bySymbol);
    }
    const cached = bySymbol.get(quote.venueId);
    if (cached !== undefined && cached.timestamp > quote.timestamp) return false;
    bySymbol.set(quote.venueId, quote);
    return true;
  }

  /** Asks every registered venue for its quote; a venue that fails or has none keeps its cached quote. */
  async refreshQuotes(symbol: string): Promise<void> {
    const answers = await Promise.allSettled([...this.venues.values()].map((e) => e.venue.getQuote(symbol)));
    for (const answer of answers) {
      if (answer.status === "fulfilled" && answer.value !== undefined) this.onQuote(answer.value);
    }
  }

  nbbo(symbol: string): Nbbo {
    return computeNbbo(symbol, this.quotesOf(symbol).values(), this.options.now(), this.quoteTtlMs);
  }

  routeOrder(request: RouteRequest): RoutingDecision | RoutingRefusal {
    const order = this.routable(request);
    return this.decide(order.request, this.evaluate(order));
  }

  /**
   * Splits the order over up to `maxVenues` venues by sweeping quoted depth cheapest all-in first
   * (see sweepLadder), and keeps the best single-venue sweep instead if that fills more or, filling the
   * same, costs less — so a split is never worse than routing to one venue. A venue whose whole quoted
   * depth is below what the split routes cannot fill as much, so it is not swept on its own.
   */
  splitOrder(routeRequest: RouteRequest, maxVenues: number): SplitPlan | RoutingRefusal {
    const order = this.routable(routeRequest);
    parseRoutingInput(splitVenuesSchema, { maxVenues }, "split");
    const { request } = order;
    const evaluation = this.evaluate(order, "split");
    const top = evaluation.ranked[0];
    if (top === undefined) return this.refuse(request, evaluation.excluded, "split");
    const candidates = evaluation.ranked.map((r) => r.candidate);
    const { side, quantity } = request;
    const ladder = buildLadder(side, candidates, evaluation.protectedQuotes);
    const sweep = (max: number, only?: string) => sweepLadder(ladder, quantity, max, only);
    const split = sweep(maxVenues);
    let bestSingle: { venueId: string; result: SweepResult } | undefined;
    const routed = split.routedQuantity.toNumber();
    for (const candidate of candidates) {
      if (ladder.sharesOf(candidate.venueId) < routed) continue;
      const result = sweep(1, candidate.venueId);
      if (result.routedQuantity.isZero()) continue;
      if (bestSingle === undefined || isBetterSweep(side, result, bestSingle.result)) {
        bestSingle = { venueId: candidate.venueId, result };
      }
    }
    const useSingle = bestSingle !== undefined && isBetterSweep(side, bestSingle.result, split);
    const chosen = useSingle && bestSingle !== undefined ? bestSingle.result : split;
    const remainder = quantity.minus(chosen.routedQuantity);
    const average = chosen.routedQuantity.isZero() ? null : chosen.allInCost.div(chosen.routedQuantity);
    const allocations = allocationsOf(chosen);
    const venuesUsed = allocations.map((a) => `${a.quantity.toFixed()} @ ${a.venueId}`).join(", ");
    this.counters.splits += 1;
    return {
      kind: "split",
      decisionId: this.options.newId(),
      orderId: request.orderId,
      symbol: request.symbol,
      side,
      quantity,
      strategy: request.strategy,
      allocations,
      routedQuantity: chosen.routedQuantity,
      remainder: { quantity: remainder, venueId: top.candidate.venueId },
      averageAllInPrice: average,
      allInCost: chosen.allInCost,
      bestSingleVenue:
        bestSingle === undefined
          ? undefined
          : {
              venueId: bestSingle.venueId,
              routedQuantity: bestSingle.result.routedQuantity,
              averageAllInPrice: averageAllIn(bestSingle.result),
            },
      reason:
        `${useSingle ? "single venue beats the split" : `split over up to ${maxVenues} venues`}: ` +
        `${venuesUsed === "" ? "no quoted depth" : venuesUsed}, all-in ${average === null ? "n/a" : formatPrice(average)}` +
        `${remainder.isZero() ? "" : `; ${remainder.toFixed()} shares beyond quoted depth -> ${top.candidate.venueId}`}`,
      nbbo: evaluation.nbbo,
      excluded: evaluation.excluded,
      decidedAt: evaluation.now,
    };
  }

  /** The venues for this order, best first under the strategy, with the router's statistics of each. */
  getVenueRankings(request: RouteRequest): VenueRanking[] {
    const evaluation = this.evaluate(this.routable(request));
    return evaluation.ranked.map((r, index) => ({
      ...rankedVenue(evaluation.strategy, r, index + 1),
      statistics: r.entry.statistics.snapshot(),
    }));
  }

  getVenueStatistics(): VenueStatistics[] {
    return [...this.venues.values()].map((e) => e.statistics.snapshot());
  }

  /** Each venue's circuit breaker state now. */
  getBreakerStates(): { venueId: string; state: BreakerState }[] {
    const now = this.options.now();
    return [...this.venues.values()].map((e) => ({ venueId: e.venue.venueId, state: e.breaker.state(now) }));
  }

  /** What the router has learned of each dark pool's hidden liquidity from its own fills. */
  getLiquidityCurves(): { venueId: string; curve: LiquidityCurve }[] {
    return [...this.venues.values()].flatMap((e) =>
      e.liquidity === undefined ? [] : [{ venueId: e.venue.venueId, curve: e.liquidity.estimate() }],
    );
  }

  getRoutingStats(): RoutingStats {
    const c = this.counters;
    return {
      decisions: c.decisions,
      refusals: c.refusals,
      splits: c.splits,
      refusalsByConstraint: { ...c.refusalsByConstraint },
      decisionsByStrategy: { ...c.decisionsByStrategy },
      decisionsByVenue: { ...c.decisionsByVenue },
      executions: c.executions,
      failovers: c.failovers,
      sharesRequested: c.sharesRequested,
      sharesFilled: c.sharesFilled,
      fillRate: c.sharesRequested.isZero() ? 0 : c.sharesFilled.div(c.sharesRequested).toNumber(),
      venues: this.getVenueStatistics(),
    };
  }

  /**
   * Routes, then sends IOC child orders one at a time: the selected venue first; after a timeout, reject or
   * error (failover), or a partial or missed fill, what is left is ranked again and goes to the best venue
   * not yet tried, until the order is filled or no venue is left. Ranking again after every leg sees what
   * the leg changed: a protected quote used up (which may let a worse-priced venue in without a
   * trade-through), a breaker opened, a concurrent order's probe, fresher quotes, the smaller remainder.
   * Each venue gets at most one child order per call, which bounds the legs by the number of venues.
   */
  async routeAndExecute(routeRequest: RouteRequest): Promise<ExecutionResult> {
    const order = this.routable(routeRequest);
    const { request } = order;
    const evaluation = this.evaluate(order);
    const decision = this.decide(request, evaluation);
    const attempts: ExecutionAttempt[] = [];
    const executions: RoutedExecution[] = [];
    let remaining = request.quantity;
    if (decision.kind === "routed") {
      const tried = new Set<string>();
      let next: Ranked | undefined = evaluation.ranked[0];
      while (next !== undefined) {
        tried.add(next.candidate.venueId);
        const { attempt, execution } = await this.send(next, request, remaining, decision);
        attempts.push(attempt);
        if (execution !== undefined) {
          executions.push(execution);
          remaining = remaining.minus(execution.executedQuantity);
        }
        const rest = { ...order, request: { ...request, quantity: remaining } };
        next = remaining.isZero() ? undefined : this.evaluate(rest, "route", tried).ranked[0];
      }
    }
    const filled = request.quantity.minus(remaining);
    const notional = sumDecimals(executions.map((e) => e.executedQuantity.times(e.executedPrice ?? ZERO)));
    const failovers = attempts.filter((a) => FAILURES.has(a.outcome)).length;
    this.counters.executions += executions.length;
    this.counters.failovers += failovers;
    this.counters.sharesRequested = this.counters.sharesRequested.plus(request.quantity);
    this.counters.sharesFilled = this.counters.sharesFilled.plus(filled);
    return {
      decision,
      attempts,
      executions,
      filledQuantity: filled,
      unfilledQuantity: remaining,
      averagePrice: filled.isZero() ? null : notional.div(filled),
      failovers,
    };
  }

  /** The request as the input schema reads it, with its strategy; a RoutingInputError names what is wrong. */
  private routable(request: RouteRequest): RoutableOrder {
    const parsed: RouteRequest = parseRoutingInput(routeRequestSchema, request, "route request");
    const strategy = this.strategies.get(parsed.strategy);
    if (strategy === undefined) {
      const known = [...this.strategies.keys()].join(", ");
      throw new RoutingInputError("route request", [
        { field: "strategy", message: `unknown routing strategy "${parsed.strategy}" (known: ${known})` },
      ]);
    }
    return { request: parsed, strategy };
  }

  /** Every registered venue but `skip`, checked and ranked for the order under its strategy. */
  private evaluate(
    order: RoutableOrder,
    mode: "route" | "split" = "route",
    skip: ReadonlySet<string> = NONE,
  ): Evaluation {
    const { request, strategy } = order;
    const now = this.options.now();
    const quotes = this.quotesOf(request.symbol);
    const nbbo = computeNbbo(request.symbol, quotes.values(), now, this.quoteTtlMs);
    const protectedQuotes: VenueQuote[] = [];
    for (const entry of this.venues.values()) {
      const quote = quotes.get(entry.venue.venueId);
      if (quote?.displayed && isFresh(quote, now, this.quoteTtlMs) && entry.breaker.isAvailable(now)) {
        protectedQuotes.push(quote);
      }
    }
    const context = { request, nbbo, quotes, protectedQuotes, mode, now, quoteTtlMs: this.quoteTtlMs };
    const ranked: Ranked[] = [];
    const excluded: VenueExclusion[] = [];
    let considered = 0;
    for (const entry of this.venues.values()) {
      if (skip.has(entry.venue.venueId)) continue;
      considered += 1;
      const evaluation = evaluateVenue(entry, context);
      if ("exclusions" in evaluation) excluded.push(...evaluation.exclusions);
      else if (!strategy.accepts(evaluation.candidate)) {
        excluded.push({
          venueId: entry.venue.venueId,
          reason: "strategy",
          detail: `not used by ${strategy.name}`,
        });
      } else ranked.push({ candidate: evaluation.candidate, entry, score: 0, tie: 0 });
    }
    const first = ranked[0];
    if (first !== undefined) {
      const scoring = scoringContext(request.side, request.quantity, nbbo, first.candidate, ranked);
      for (const r of ranked) {
        r.score = strategy.score(r.candidate, scoring);
        r.tie = strategy.tieBreak?.(r.candidate) ?? 0;
      }
      ranked.sort(
        (a, b) =>
          b.score - a.score || b.tie - a.tie || a.candidate.venueId.localeCompare(b.candidate.venueId),
      );
    }
    return { strategy, nbbo, ranked, excluded, considered, protectedQuotes, now };
  }

  private decide(request: RouteRequest, evaluation: Evaluation): RoutingDecision | RoutingRefusal {
    const [best, ...others] = evaluation.ranked;
    if (best === undefined) return this.refuse(request, evaluation.excluded, "route");
    this.counters.decisions += 1;
    increment(this.counters.decisionsByStrategy, request.strategy);
    increment(this.counters.decisionsByVenue, best.candidate.venueId);
    const { candidate } = best;
    const { strategy, nbbo, excluded } = evaluation;
    const warnings = warningsOf(nbbo, excluded);
    const expectedQuantity = candidate.fillableQuantity;
    const partial = expectedQuantity.lt(request.quantity)
      ? `; expects to fill ${expectedQuantity.toFixed()} of ${request.quantity.toFixed()} shares here`
      : "";
    return {
      kind: "routed",
      decisionId: this.options.newId(),
      orderId: request.orderId,
      userId: request.userId,
      symbol: request.symbol,
      side: request.side,
      quantity: request.quantity,
      limitPrice: request.limitPrice ?? null,
      strategy: strategy.name,
      venueId: candidate.venueId,
      venueType: candidate.venueType,
      expectedPrice: candidate.expectedPrice,
      feePerShare: candidate.feePerShare,
      allInPrice: candidate.allInPrice,
      expectedQuantity,
      allInCost: candidate.allInPrice.times(expectedQuantity),
      fillProbability: candidate.fillProbability,
      expectedLatencyMs: candidate.latencyMs,
      score: best.score,
      reason:
        `${strategy.name}: ${candidate.venueId}, ${strategy.explain(candidate)}${partial}; ` +
        `${evaluation.ranked.length} of ${evaluation.considered} venues eligible` +
        warnings.map((w) => `; ${w}`).join(""),
      alternatives: others.map((r, index) => rankedVenue(strategy, r, index + 2)),
      excluded,
      nbbo,
      marketCondition: nbbo.condition,
      warnings,
      decidedAt: evaluation.now,
    };
  }

  private refuse(request: RouteRequest, excluded: VenueExclusion[], what: string): RoutingRefusal {
    const refusal = refusalOf(request, excluded, what);
    this.counters.refusals += 1;
    for (const constraint of refusal.violatedConstraints)
      increment(this.counters.refusalsByConstraint, constraint);
    return refusal;
  }

  /** One child order to one venue, with breaker, timeout and statistics bookkeeping. */
  private async send(
    ranked: Ranked,
    request: RouteRequest,
    quantity: Decimal,
    decision: RoutingDecision,
  ): Promise<{ attempt: ExecutionAttempt; execution?: RoutedExecution }> {
    const { venue, breaker, statistics } = ranked.entry;
    const childOrderId = this.options.newId();
    const started = this.options.now();
    const attempt = (
      outcome: ExecutionAttempt["outcome"],
      latencyMs: number,
      detail: string,
    ): ExecutionAttempt => ({
      venueId: venue.venueId,
      childOrderId,
      outcome,
      latencyMs,
      detail,
    });
    // Ranked on isAvailable in this same tick (routeAndExecute never awaits between the two).
    breaker.acquire(started);
    const limitPrice = ranked.candidate.childLimitPrice;
    const answer = await withTimeout(
      venue.submitOrder({
        orderId: childOrderId,
        userId: request.userId,
        symbol: request.symbol,
        side: request.side,
        quantity,
        orderType: limitPrice === null ? "market" : "limit",
        limitPrice,
        timeInForce: "ioc",
      }),
      this.venueTimeoutMs,
      this.options.timer,
    );
    const finished = this.options.now();
    const latencyMs = finished - started;
    if (answer.kind === "timeout") {
      // The venue may still execute it: cancel, so a late fill cannot double the failed-over order.
      venue.cancelOrder(childOrderId).catch(() => undefined);
      return {
        attempt: this.fail(
          ranked.entry,
          "timeout",
          latencyMs,
          `no answer within ${this.venueTimeoutMs} ms`,
          attempt,
        ),
      };
    }
    if (answer.kind === "failed") {
      return { attempt: this.fail(ranked.entry, "error", latencyMs, String(answer.error), attempt) };
    }
    const report = answer.value;
    if (report.status === "rejected") {
      return {
        attempt: this.fail(ranked.entry, "rejected", latencyMs, report.rejectReason ?? "rejected", attempt),
      };
    }
    breaker.recordSuccess();
    this.takeFromQuote(ranked.candidate.quote, request.side, quantity, report.filledQuantity, limitPrice);
    const execution = this.executionOf(report, request, decision, childOrderId, latencyMs, finished);
    statistics.recordResponse(quantity, report.filledQuantity, latencyMs, execution.priceImprovement);
    ranked.entry.liquidity?.record(quantity.toNumber(), report.filledQuantity.toNumber());
    const executed = !report.filledQuantity.isZero();
    return {
      attempt: attempt(
        executed ? "executed" : "unfilled",
        latencyMs,
        `${report.filledQuantity.toFixed()} of ${quantity.toFixed()} filled`,
      ),
      execution,
    };
  }

  private fail(
    entry: VenueEntry,
    kind: "timeout" | "error" | "rejected",
    latencyMs: number,
    detail: string,
    attempt: (outcome: ExecutionAttempt["outcome"], latencyMs: number, detail: string) => ExecutionAttempt,
  ): ExecutionAttempt {
    entry.breaker.recordFailure(this.options.now());
    entry.statistics.recordFailure(kind, latencyMs);
    return attempt(kind, latencyMs, detail);
  }

  private executionOf(
    report: VenueExecutionReport,
    request: RouteRequest,
    decision: RoutingDecision,
    childOrderId: string,
    latencyMs: number,
    executedAt: number,
  ): RoutedExecution {
    const improvement =
      report.averagePrice === null
        ? undefined
        : priceImprovement(request.side, report.averagePrice, report.filledQuantity, decision.nbbo);
    return {
      executionId: this.options.newId(),
      decisionId: decision.decisionId,
      orderId: request.orderId,
      childOrderId,
      symbol: request.symbol,
      side: request.side,
      venueId: report.venueId,
      executedQuantity: report.filledQuantity,
      executedPrice: report.averagePrice,
      latencyMs,
      fee: report.fee,
      priceImprovementPerShare: improvement?.perShare ?? ZERO,
      priceImprovement: improvement?.total ?? ZERO,
      quality: improvement?.quality ?? "neutral",
      executedAt,
    };
  }

  /**
   * What our IOC took (or found gone) comes off the venue's cached quote while that is still the version
   * the leg was priced on (same timestamp: concurrent orders' fills add up); a quote that arrived while
   * the order was out is the venue's newer word and stays as it is.
   */
  private takeFromQuote(
    priced: VenueQuote,
    side: Side,
    sent: Decimal,
    filled: Decimal,
    limit: Decimal | null,
  ): void {
    const quotes = this.quotesOf(priced.symbol);
    const cached = quotes.get(priced.venueId);
    if (cached?.timestamp === priced.timestamp) {
      quotes.set(priced.venueId, quoteAfterFill(cached, side, sent, filled, limit));
    }
  }

  private quotesOf(symbol: string): Map<string, VenueQuote> {
    return this.quotes.get(symbol) ?? new Map<string, VenueQuote>();
  }
}

const NONE: ReadonlySet<string> = new Set();

const FAILURES: ReadonlySet<ExecutionAttempt["outcome"]> = new Set(["timeout", "error", "rejected"]);

function increment(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function rankedVenue(strategy: RoutingStrategy, ranked: Ranked, rank: number): RankedVenue {
  const c = ranked.candidate;
  return {
    rank,
    venueId: c.venueId,
    venueType: c.venueType,
    score: ranked.score,
    expectedPrice: c.expectedPrice,
    feePerShare: c.feePerShare,
    allInPrice: c.allInPrice,
    expectedQuantity: c.fillableQuantity,
    allInCost: c.allInPrice.times(c.fillableQuantity),
    fillProbability: c.fillProbability,
    latencyMs: c.latencyMs,
    reason: strategy.explain(c),
  };
}

/**
 * Prices are scored against the NBBO midpoint; without a usable NBBO (one-sided, empty, crossed) against
 * the first candidate's price, which keeps scores comparable within the decision.
 */
function scoringContext(
  side: Side,
  quantity: Decimal,
  nbbo: Nbbo,
  first: VenueCandidate,
  ranked: readonly Ranked[],
): ScoringContext {
  let referencePrice = first.expectedPriceValue;
  let spreadBps = 0;
  if (nbbo.bid !== undefined && nbbo.ask !== undefined && nbbo.condition !== "crossed") {
    const bid = nbbo.bid.price.toNumber();
    const ask = nbbo.ask.price.toNumber();
    referencePrice = (bid + ask) / 2;
    spreadBps = ((ask - bid) / referencePrice) * 10_000;
  }
  let quotedQuantity = 0;
  for (const r of ranked)
    if (r.candidate.levels.length > 0) quotedQuantity += r.candidate.fillableQuantity.toNumber();
  return { side, quantity: quantity.toNumber(), referencePrice, spreadBps, quotedQuantity };
}

function warningsOf(nbbo: Nbbo, excluded: readonly VenueExclusion[]): string[] {
  const warnings: string[] = [];
  const stale = excluded.filter((e) => e.reason === "stale_quote").map((e) => e.venueId);
  if (stale.length > 0) warnings.push(`stale quotes excluded: ${stale.join(", ")}`);
  if (nbbo.condition === "crossed" || nbbo.condition === "locked") {
    warnings.push(`market ${nbbo.condition}: bid ${String(nbbo.bid?.price)} ask ${String(nbbo.ask?.price)}`);
  }
  return warnings;
}

/** More shares routed wins; with equal shares, the better average all-in price. */
function isBetterSweep(side: Side, a: SweepResult, b: SweepResult): boolean {
  const comparison = a.routedQuantity.cmp(b.routedQuantity);
  if (comparison !== 0) return comparison > 0;
  return isBetterPrice(side, averageAllIn(a), averageAllIn(b));
}

function averageAllIn(result: SweepResult): Decimal {
  return result.allInCost.div(result.routedQuantity);
}
