/**
 * Portfolio analytics (issue 5): pure calculators over plain data - positions (Decimal quantity and
 * price) and a price history (closes per symbol as Float64Array, NaN = missing). Money is Decimal end to
 * end; statistics are Float64Array with compensated sums. Each module states its conventions.
 */
export * from "./types";
export { DEFAULT_MIN_DATE_COVERAGE, buildPriceHistory, historyBefore } from "./priceHistory";
export type { ClosingBar, DroppedDate } from "./priceHistory";
export { DEFAULT_LOOKBACK_DAYS, SUSPECT_RETURN_THRESHOLD } from "./history";
export { fillNormals } from "./random";
export {
  MAX_MONEY_SCALE,
  MAX_MONTE_CARLO_PATHS,
  MIN_MONTE_CARLO_PATHS,
  MIN_OBSERVATIONS,
  calculateVaR,
  calculateVaRs,
  marginalVaR,
  requiredObservations,
} from "./var";
export type { MarginalVaR, VaROptions, VolatilityModel } from "./var";
export { VOLATILITY_MODELS } from "./var";
export { RISKMETRICS_LAMBDA } from "./ewma";
export { BACKTEST_DAYS, MAX_BACKTEST_DAYS, backtestVaR, evaluateBacktest } from "./backtest";
export type {
  BacktestDay,
  BacktestOptions,
  LikelihoodRatioTest,
  TrafficLight,
  VaRBacktest,
} from "./backtest";
export { DEFAULT_RISK_FREE_RATE, MIN_PERFORMANCE_PERIODS, calculatePerformance } from "./performance";
export type { NullableMetric, PerformanceMetrics, PerformanceOptions } from "./performance";
export { CorrelationMatrix, calculateCorrelationMatrix, repairToPositiveSemidefinite } from "./correlation";
export type { CorrelationOptions } from "./correlation";
export { clusteredOrder } from "./cluster-order";
export { RETURN_FREQUENCIES, aggregateReturns, isoWeek, portfolioReturns } from "./returns";
export type { DateRange, PortfolioReturns, ReturnFrequency, ReturnSeries } from "./returns";
export { HISTORICAL_SCENARIOS, runHistoricalScenario, runStressScenario, scenariosWithin } from "./stress";
export type { HistoricalScenario, PositionStress, StressOptions, StressResult } from "./stress";
export { FACTORS, factorReturns } from "./factors";
export type { Factor, FactorReturns } from "./factors";
export { calculateRiskDecomposition } from "./riskMetrics";
export type { FactorExposure, RiskDecomposition, RiskOptions, SectorContribution } from "./riskMetrics";
export { marketReturns } from "./factors";
export { portfolioPerformance } from "./portfolioPerformance";
export type { PortfolioPerformance, PortfolioPerformanceOptions } from "./portfolioPerformance";
export { DEFAULT_ROLLING_WINDOW, performanceSeries } from "./performance-series";
export type { PerformanceSeries, PerformanceSeriesOptions } from "./performance-series";
export { timeWeightedReturns } from "./time-weighted-return";
export type { AccountValuation, ExternalFlow, TimeWeightedReturns } from "./time-weighted-return";
