import type { Decimal } from "../money.js";

/** The four VaR methods of the specification (values are the wire names). */
export const VaRMethod = {
  HISTORICAL: "historical",
  PARAMETRIC: "parametric",
  MONTE_CARLO: "monte_carlo",
  CORNISH_FISHER: "cornish_fisher",
} as const;
export type VaRMethod = (typeof VaRMethod)[keyof typeof VaRMethod];
export const VAR_METHODS: readonly VaRMethod[] = Object.values(VaRMethod);

/** Risk horizons of the specification; `HORIZON_DAYS` gives their length in trading days. */
export const TimeHorizon = {
  ONE_DAY: "1D",
  ONE_WEEK: "1W",
  ONE_MONTH: "1M",
  THREE_MONTHS: "3M",
  ONE_YEAR: "1Y",
} as const;
export type TimeHorizon = (typeof TimeHorizon)[keyof typeof TimeHorizon];
export const HORIZON_DAYS: Readonly<Record<TimeHorizon, number>> = {
  "1D": 1,
  "1W": 5,
  "1M": 21,
  "3M": 63,
  "1Y": 252,
};

/** Trading periods a year: every annualisation of this module uses it (issue 5 conventions). */
export const PERIODS_PER_YEAR = 252;

/** One holding: a signed quantity (negative = short) valued at `price`. */
export interface PortfolioPosition {
  symbol: string;
  quantity: Decimal;
  price: Decimal;
  sector?: string;
}

/**
 * Daily closes of a universe on one trading calendar. `closes.get(symbol)[t]` is the close on `dates[t]`
 * (NaN when the symbol has no clean bar that day); `volumes` (shares, same layout) is optional and only
 * feeds the size factor of the risk decomposition.
 */
export interface PriceHistory {
  dates: readonly string[];
  closes: ReadonlyMap<string, Float64Array>;
  volumes?: ReadonlyMap<string, Float64Array>;
}

/**
 * A daily return that was seen and not used, with why: the data is real and dirty
 * (packages/sim/data/PROVENANCE.md).
 */
export interface ExcludedReturn {
  symbol: string;
  date: string;
  reason: "missing_close" | "suspect_return";
  /** The close-to-close return when both closes exist (a suspect one), otherwise null. */
  value: number | null;
}

/** The one recoverable failure of these calculators: not enough clean observations. */
export interface InsufficientHistory {
  kind: "insufficient_history";
  needed: number;
  available: number;
  message: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: InsufficientHistory };

export function insufficientHistory(needed: number, available: number, what: string): InsufficientHistory {
  return {
    kind: "insufficient_history",
    needed,
    available,
    message: `${what}: needs at least ${needed} clean daily returns, has ${available}`,
  };
}

/** One symbol's share of a VaR figure (component VaR, Jorion's w_i * beta_i * VaR). */
export interface ComponentVaR {
  symbol: string;
  /** Position value quantity x price. */
  value: Decimal;
  /** dVaR/dvalue: VaR added per unit of money more of this symbol (a fraction, e.g. 0.021). */
  marginal: number;
  /** Money contribution; the components of one result sum exactly to its `var`. */
  component: Decimal;
  /** component / var (NaN-free: 0 when var is 0). */
  share: number;
}

export interface VaRResult {
  method: VaRMethod;
  confidence: number;
  horizon: TimeHorizon;
  horizonDays: number;
  /** Loss not exceeded with probability `confidence` over the horizon; positive = a loss. */
  var: Decimal;
  /** Mean loss beyond VaR (CVaR); >= var. */
  expectedShortfall: Decimal;
  /** var / gross exposure. */
  varFraction: number;
  esFraction: number;
  /** Net value sum(quantity x price). */
  portfolioValue: Decimal;
  /** sum |quantity x price|: the base of the fractions. */
  grossExposure: Decimal;
  /** Daily scenarios the estimate rests on (historical days used, or simulated paths). */
  observations: number;
  components: ComponentVaR[];
  /** Returns of the lookback left out, and why (never silently fed in). */
  excluded: ExcludedReturn[];
}
