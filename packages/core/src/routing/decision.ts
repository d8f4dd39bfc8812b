import type { Decimal } from "../money";
import type { Side } from "../events/index";
import type { ExecutionQuality } from "./execution-quality";
import type { MarketCondition, Nbbo } from "./nbbo";
import type { RoutingRefusal, VenueExclusion } from "./request";
import type { SplitAllocation } from "./split";
import type { VenueType } from "./venue";
import type { VenueStatistics } from "./venue-statistics";

/** A venue as a strategy ranked it. */
export interface RankedVenue {
  rank: number;
  venueId: string;
  venueType: VenueType;
  score: number;
  expectedPrice: Decimal;
  feePerShare: Decimal;
  allInPrice: Decimal;
  /**
   * Shares this venue alone is expected to fill from its quote, at most the order (all of it for a dark
   * pool). Compare venues on allInPrice, with this beside it: allInCost covers only these shares.
   */
  expectedQuantity: Decimal;
  /** allInPrice x expectedQuantity. */
  allInCost: Decimal;
  fillProbability: number;
  latencyMs: number;
  reason: string;
}

export interface RoutingDecision {
  kind: "routed";
  decisionId: string;
  orderId: string;
  userId: string;
  symbol: string;
  side: Side;
  quantity: Decimal;
  limitPrice: Decimal | null;
  strategy: string;
  venueId: string;
  venueType: VenueType;
  expectedPrice: Decimal;
  feePerShare: Decimal;
  allInPrice: Decimal;
  /**
   * Shares the venue is expected to fill from its quote, at most the order: a venue showing 300 of a
   * 500-share order expects 300, and the other 200 fail over (routeAndExecute) or stay open. Not in the
   * routing.decision event, whose contract other teams depend on.
   */
  expectedQuantity: Decimal;
  /**
   * allInPrice x expectedQuantity: the cost of those shares only, so a partial venue's cost is not
   * comparable with a full fill's; allInPrice is.
   */
  allInCost: Decimal;
  fillProbability: number;
  expectedLatencyMs: number;
  score: number;
  reason: string;
  /** The other eligible venues, best first, with their scores. */
  alternatives: RankedVenue[];
  /** Every failed check of every venue left out: a venue failing several constraints appears once for each. */
  excluded: VenueExclusion[];
  nbbo: Nbbo;
  marketCondition: MarketCondition;
  /** Stale quotes, locked or crossed markets: things a reviewer should see next to the decision. */
  warnings: string[];
  decidedAt: number;
}

export interface SplitPlan {
  kind: "split";
  decisionId: string;
  orderId: string;
  symbol: string;
  side: Side;
  quantity: Decimal;
  strategy: string;
  allocations: SplitAllocation[];
  routedQuantity: Decimal;
  /**
   * What quoted depth cannot fill, and where the strategy would send it (its top-ranked venue, e.g. a dark
   * pool with hidden liquidity); the caller decides whether to send, rest or drop it.
   */
  remainder: { quantity: Decimal; venueId: string };
  /** allInCost / routedQuantity; null when nothing could be routed. */
  averageAllInPrice: Decimal | null;
  allInCost: Decimal;
  /**
   * The best one-venue sweep among venues deep enough to fill what the plan routes (undefined when none
   * is): the plan never does worse than it.
   */
  bestSingleVenue: { venueId: string; routedQuantity: Decimal; averageAllInPrice: Decimal } | undefined;
  reason: string;
  nbbo: Nbbo;
  excluded: VenueExclusion[];
  decidedAt: number;
}

export type ExecutionAttemptOutcome = "executed" | "unfilled" | "rejected" | "timeout" | "error";

export interface ExecutionAttempt {
  venueId: string;
  childOrderId: string;
  outcome: ExecutionAttemptOutcome;
  latencyMs: number;
  detail: string;
}

/** One venue response that the router turned into an execution report. */
export interface RoutedExecution {
  executionId: string;
  decisionId: string;
  orderId: string;
  childOrderId: string;
  symbol: string;
  side: Side;
  venueId: string;
  executedQuantity: Decimal;
  executedPrice: Decimal | null;
  latencyMs: number;
  /** Signed total fee (negative = net rebate). */
  fee: Decimal;
  /** Against the NBBO at decision time, per share and in total (0 without fill or reference quote). */
  priceImprovementPerShare: Decimal;
  priceImprovement: Decimal;
  quality: ExecutionQuality;
  executedAt: number;
}

export interface ExecutionResult {
  decision: RoutingDecision | RoutingRefusal;
  attempts: ExecutionAttempt[];
  executions: RoutedExecution[];
  filledQuantity: Decimal;
  unfilledQuantity: Decimal;
  /** Volume-weighted price over executions; null without fills. */
  averagePrice: Decimal | null;
  /** Attempts that failed (timeout, reject, error) before the order moved on. */
  failovers: number;
}

export interface VenueRanking extends RankedVenue {
  statistics: VenueStatistics;
}

export interface RoutingStats {
  decisions: number;
  refusals: number;
  splits: number;
  refusalsByConstraint: Record<string, number>;
  decisionsByStrategy: Record<string, number>;
  decisionsByVenue: Record<string, number>;
  executions: number;
  failovers: number;
  sharesRequested: Decimal;
  sharesFilled: Decimal;
  /** sharesFilled / sharesRequested over routeAndExecute calls; 0 before any. */
  fillRate: number;
  venues: VenueStatistics[];
}
