/**
 * Portfolio analytics (issue 5): pure calculators over plain data - positions (Decimal quantity and
 * price) and a price history (closes per symbol as Float64Array, NaN = missing). Money is Decimal end to
 * end; statistics are Float64Array with compensated sums. Each module states its conventions.
 */
export * from "./types.js";
export { DEFAULT_MIN_DATE_COVERAGE, buildPriceHistory } from "./priceHistory.js";
export type { ClosingBar, DroppedDate } from "./priceHistory.js";
export { DEFAULT_LOOKBACK_DAYS, SUSPECT_RETURN_THRESHOLD } from "./history.js";
export { fillNormals } from "./random.js";
export {
  MAX_MONEY_SCALE,
  MAX_MONTE_CARLO_PATHS,
  MIN_MONTE_CARLO_PATHS,
  MIN_OBSERVATIONS,
  calculateVaR,
  calculateVaRs,
  marginalVaR,
  requiredObservations,
} from "./var.js";
export type { MarginalVaR, VaROptions } from "./var.js";
export { DEFAULT_RISK_FREE_RATE, MIN_PERFORMANCE_PERIODS, calculatePerformance } from "./performance.js";
export type { NullableMetric, PerformanceMetrics, PerformanceOptions } from "./performance.js";
export {
  CorrelationMatrix,
  calculateCorrelationMatrix,
  repairToPositiveSemidefinite,
} from "./correlation.js";
export type { CorrelationOptions } from "./correlation.js";
export { RETURN_FREQUENCIES, aggregateReturns, isoWeek, portfolioReturns } from "./returns.js";
export type { DateRange, PortfolioReturns, ReturnFrequency, ReturnSeries } from "./returns.js";
export { HISTORICAL_SCENARIOS, runHistoricalScenario, runStressScenario } from "./stress.js";
export type { HistoricalScenario, PositionStress, StressOptions, StressResult } from "./stress.js";
export { FACTORS, factorReturns } from "./factors.js";
export type { Factor, FactorReturns } from "./factors.js";
export { calculateRiskDecomposition } from "./riskMetrics.js";
export type { FactorExposure, RiskDecomposition, RiskOptions, SectorContribution } from "./riskMetrics.js";
export { marketReturns } from "./factors.js";
export { portfolioPerformance } from "./portfolioPerformance.js";
export type { PortfolioPerformance, PortfolioPerformanceOptions } from "./portfolioPerformance.js";
