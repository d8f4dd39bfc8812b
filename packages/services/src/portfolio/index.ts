/** `@nexus/services/portfolio`: positions kept from trades, market data, and the cached risk of a book. */
export { applyExecutedTrades } from "./apply-trades";
export type { AppliedTrades } from "./apply-trades";
export { PortfolioError } from "./errors";
export type { PortfolioProblem } from "./errors";
export { confirmSuspectMove, importMarketData } from "./market-data";
export type { ImportActor, MarketDataImport, MarketDataImported } from "./market-data";
export { FLAT, POSITION_SCALE, applyFill, unrealizedPnl } from "./position-math";
export type { Fill, Holding } from "./position-math";
export { invalidatePortfolios, portfolioCachePrefix } from "./risk-cache";
export { MarketHistoryStore } from "./market-history";
export type { MarketSnapshot } from "./market-history";
export { createPortfolioAnalytics } from "./portfolio-analytics";
export type {
  PortfolioAnalytics,
  PortfolioAnalyticsDeps,
  PortfolioSummary,
  PositionView,
} from "./portfolio-analytics";
export { RiskThreadPool } from "./risk-pool";
export type { RiskPoolOptions } from "./risk-pool";
export { riskParameters, riskRequestSchema, runRiskRequest, toWire } from "./risk-requests";
export type { RiskRequest, RiskRequestInput, Wire, WireOutcome, WirePosition } from "./risk-requests";
