/**
 * Portfolio analytics (issue 5): pure calculators over plain data - positions (Decimal quantity and
 * price) and a price history (closes per symbol as Float64Array, NaN = missing). Money is Decimal end to
 * end; statistics are Float64Array with compensated sums. Each module states its conventions.
 */
export * from "./types.js";
export { buildPriceHistory } from "./priceHistory.js";
export type { ClosingBar } from "./priceHistory.js";
export { SUSPECT_RETURN_THRESHOLD } from "./history.js";
export { createSeededRandom, nextNormal } from "./random.js";
export type { RandomSource } from "./random.js";
export {
  DEFAULT_LOOKBACK_DAYS,
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
