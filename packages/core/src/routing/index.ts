/**
 * Smart order routing (issue 4): venues, NBBO, strategies, splitting, constraints, circuit breakers,
 * venue statistics and execution quality. Pure: clock, ids and timer are injected.
 */
export { CircuitBreaker, DEFAULT_BREAKER_OPTIONS } from "./circuit-breaker.js";
export type { BreakerState, CircuitBreakerOptions } from "./circuit-breaker.js";
export type { VenueCandidate } from "./candidates.js";
export type {
  ExecutionAttempt,
  ExecutionAttemptOutcome,
  ExecutionResult,
  RankedVenue,
  RoutedExecution,
  RoutingDecision,
  RoutingStats,
  SplitPlan,
  VenueRanking,
} from "./decision.js";
export { priceImprovement } from "./execution-quality.js";
export type { ExecutionQuality, PriceImprovement } from "./execution-quality.js";
export {
  ACCESS_FEE_CAP_2005,
  ACCESS_FEE_CAP_2024,
  accessFeeCapAt,
  allInPrice,
  isBetterPrice,
  takerFeeAt,
} from "./fees.js";
export type { AccessFeeCap, FeeSchedule } from "./fees.js";
export { InternalVenue, NO_FEES } from "./internal-venue.js";
export type { InternalVenueOptions } from "./internal-venue.js";
export { computeNbbo, isFresh } from "./nbbo.js";
export type { MarketCondition, Nbbo, NbboSide } from "./nbbo.js";
export { isOnPriceGrid, minimumPriceIncrement } from "./price-increment.js";
export { OWNER_CONSTRAINTS } from "./request.js";
export type {
  ExclusionReason,
  RouteRequest,
  RoutingConstraints,
  RoutingRefusal,
  VenueExclusion,
} from "./request.js";
export { DEFAULT_PRIORS, SmartOrderRouter } from "./router.js";
export {
  RoutingInputError,
  parseRoutingInput,
  routeRequestSchema,
  routerSettingsSchema,
  routingConstraintsSchema,
  splitVenuesSchema,
} from "./routing-inputs.js";
export type { RoutingInputIssue } from "./routing-inputs.js";
export type { SmartOrderRouterOptions } from "./router.js";
export { toRoutingDecisionEvent, toRoutingExecutionEvent } from "./routing-events.js";
export type { EventEnvelope } from "./routing-events.js";
export type { SplitAllocation } from "./split.js";
export {
  DEFAULT_STRATEGIES,
  bestPrice,
  external,
  fastest,
  internalize,
  lowestCost,
  smart,
} from "./strategies.js";
export type { RoutingStrategy, ScoringContext } from "./strategies.js";
export type {
  ExecutionVenue,
  PriceLevel,
  Timer,
  VenueActivity,
  VenueCancelResult,
  VenueExecutionReport,
  VenueFill,
  VenueOrder,
  VenueQuote,
  VenueType,
} from "./venue.js";
export { DEFAULT_STATISTICS_OPTIONS } from "./venue-statistics.js";
export type { VenuePriors, VenueStatistics, VenueStatisticsOptions } from "./venue-statistics.js";
