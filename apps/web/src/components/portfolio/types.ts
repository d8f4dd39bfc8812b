/**
 * The portfolio procedures answer wire data (decimals as exact strings; see @nexus/services/portfolio):
 * these are the shapes the screen reads.
 */
export type Summary = {
  userId: string;
  marketValue: string;
  grossExposure: string;
  /** Deposits less withdrawals, plus realized P&L, less the cost of the open positions. */
  cash: string;
  netDeposits: string;
  /** Market value plus cash. */
  equity: string;
  dayPnl: string;
  realizedPnl: string;
  unrealizedPnl: string;
  totalPnl: string;
  openPositions: number;
  historyAsOf: string | null;
  /** The market-data service is unreachable: prices are the stored ones, as of this date. */
  marketDataStaleAsOf: string | null;
};

export type Position = {
  symbol: string;
  sector: string | null;
  quantity: string;
  averageCost: string;
  mark: string;
  marketValue: string;
  unrealizedPnl: string;
  realizedPnl: string;
  dayPnl: string;
  weight: number;
};

export type VaRMethod = "historical" | "parametric" | "monte_carlo" | "cornish_fisher";
export type Horizon = "1D" | "1W" | "1M" | "3M" | "1Y";

export type ComponentVaR = {
  symbol: string;
  value: string;
  marginal: number;
  component: string;
  share: number;
};

export type VaRResult = {
  method: VaRMethod;
  confidence: number;
  horizon: Horizon;
  var: string;
  expectedShortfall: string;
  varFraction: number;
  esFraction: number;
  observations: number;
  components: ComponentVaR[];
  excluded: unknown[];
  notes: string[];
};

/** Row-major n x n; null where a pair has no common clean days. */
export type Correlation = {
  symbols: string[];
  values: (number | null)[];
  repaired: boolean;
  /** Display order of the symbols' indices (clustered). */
  order: number[];
};

export type StressPosition = {
  symbol: string;
  value: string;
  change: string | null;
  pnl: string;
  note?: string;
};
export type StressResult = {
  id: string;
  name: string;
  from: string;
  to: string;
  pnl: string;
  pnlFraction: number;
  positions: StressPosition[];
};

export const METHOD_LABELS: Record<VaRMethod, string> = {
  historical: "Historical",
  parametric: "Parametric",
  monte_carlo: "Monte Carlo",
  cornish_fisher: "Cornish-Fisher",
};

export type Volatility = "sample" | "ewma";

export const VOLATILITY_LABELS: Record<Volatility, string> = {
  sample: "Sample (equal weights)",
  ewma: "EWMA λ 0.94",
};

/** One method's one-day forecasts against the book's P&L: plain numbers, the engine's own type. */
export type { BacktestDay, VaRBacktest } from "@nexus/core/analytics";

export type MarginalVaR = { before: VaRResult; after: VaRResult; change: string };

/** The performance charts' series (@nexus/core/analytics performance-series.ts); null where undefined. */
export type PerformanceSeries = {
  dates: string[];
  benchmark: string;
  rollingWindow: number;
  cumulative: (number | null)[];
  benchmarkCumulative: (number | null)[];
  drawdown: (number | null)[];
  benchmarkDrawdown: (number | null)[];
  rollingVolatility: (number | null)[];
  rollingSharpe: (number | null)[];
  rollingBeta: (number | null)[];
  months: string[];
  monthlyReturns: (number | null)[];
  monthlyBenchmarkReturns: (number | null)[];
};

/** The performance metrics over a range (numbers and nulls: the engine's own type). */
export type { PortfolioPerformance as PerformanceMetrics } from "@nexus/core/analytics";

export type RiskDecomposition = {
  totalRisk: number;
  systematicRisk: number;
  idiosyncraticRisk: number;
  beta: number;
  rSquared: number;
  sectorContributions: { sector: string; weight: number; riskContribution: number }[];
  factorExposures: { factor: string; exposure: number }[];
  factorIntercept: number;
  factorRSquared: number;
  unavailableFactors: { factor: string; reason: string }[];
  concentration: { hhi: number; effectiveNumber: number };
  observations: number;
};

/** portfolio.accountReturns: the account's time-weighted returns from its daily snapshots. */
export type AccountReturns = {
  dates: string[];
  values: number[];
  flows: number[];
  returns: (number | null)[];
  cumulative: number[];
  totalReturn: number;
  netFlows: number;
  undefinedDates: string[];
};
