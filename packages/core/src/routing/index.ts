/**
 * Smart order routing (issue 4): venues, NBBO, strategies, splitting, constraints, circuit breakers,
 * venue statistics and execution quality. Pure: clock, ids and timer are injected.
 */
export {
  CensoredLiquidityEstimator,
  DEFAULT_LIQUIDITY_OPTIONS,
  expectedFillRate,
  kaplanMeierLiquidity,
  probabilityAtLeast,
} from "./censored-liquidity";
export type { CensoredLiquidityOptions, LiquidityCurve, LiquidityObservation } from "./censored-liquidity";
export { CircuitBreaker, DEFAULT_BREAKER_OPTIONS } from "./circuit-breaker";
export type { BreakerState, CircuitBreakerOptions } from "./circuit-breaker";
export type { VenueCandidate } from "./candidates";
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
} from "./decision";
export { priceImprovement } from "./execution-quality";
export type { ExecutionQuality, PriceImprovement } from "./execution-quality";
export {
  ACCESS_FEE_CAP_2005,
  ACCESS_FEE_CAP_2024,
  accessFeeCapAt,
  allInPrice,
  isBetterPrice,
  takerFeeAt,
} from "./fees";
export type { AccessFeeCap, FeeSchedule } from "./fees";
export { InternalVenue, NO_FEES } from "./internal-venue";
export type { InternalVenueOptions } from "./internal-venue";
export { computeNbbo, isFresh } from "./nbbo";
export type { MarketCondition, Nbbo, NbboSide } from "./nbbo";
export { isOnPriceGrid, minimumPriceIncrement } from "./price-increment";
export { OWNER_CONSTRAINTS } from "./request";
export type {
  ExclusionReason,
  OrderHandling,
  RouteRequest,
  RoutingConstraints,
  RoutingRefusal,
  VenueExclusion,
} from "./request";
export { DEFAULT_PRIORS, SmartOrderRouter } from "./router";
export {
  RoutingInputError,
  parseRoutingInput,
  routeRequestSchema,
  routerSettingsSchema,
  routingConstraintsSchema,
  splitVenuesSchema,
} from "./routing-inputs";
export type { RoutingInputIssue } from "./routing-inputs";
export type { SmartOrderRouterOptions } from "./router";
export { toRoutingDecisionEvent, toRoutingExecutionEvent } from "./routing-events";
export type { EventEnvelope } from "./routing-events";
export type { SplitAllocation } from "./split";
export {
  DEFAULT_STRATEGIES,
  bestPrice,
  external,
  fastest,
  internalize,
  lowestCost,
  smart,
} from "./strategies";
export type { RoutingStrategy, ScoringContext } from "./strategies";
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
} from "./venue";
export { rejectedReport } from "./venue";
export { DEFAULT_STATISTICS_OPTIONS } from "./venue-statistics";
export type { VenuePriors, VenueStatistics, VenueStatisticsOptions } from "./venue-statistics";
