/**
 * The portfolio procedures answer wire data (decimals as exact strings; see @nexus/services/portfolio):
 * these are the shapes the screen reads.
 */
export type Summary = {
  userId: string;
  marketValue: string;
  grossExposure: string;
  cash: string;
  dayPnl: string;
  realizedPnl: string;
  unrealizedPnl: string;
  totalPnl: string;
  openPositions: number;
  historyAsOf: string | null;
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
export type Correlation = { symbols: string[]; values: (number | null)[]; repaired: boolean };

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
