import type { Decimal } from "../money";

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
  /**
   * Per symbol, the dates of moves beyond the suspect threshold that a reviewer confirmed as real (a
   * crash, a corporate action the prices already reflect): those returns are used like any other
   * instead of being excluded as suspect.
   */
  confirmedMoves?: ReadonlyMap<string, ReadonlySet<string>>;
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

/**
 * Why a calculator gave no figure. Every refusal of this module is one of these (it never throws for bad
 * input): the service and the screens show `message`, which names the field or the symbols at fault.
 */
export type AnalyticsError = InsufficientHistory | InvalidInput | UnknownSymbol | NoExposure;

/** Not enough clean observations. */
export interface InsufficientHistory {
  kind: "insufficient_history";
  needed: number;
  available: number;
  /**
   * Risk windows only (VaR, risk decomposition): the `lookbackDays` that would hold `needed` clean days
   * up to the same `asOf`, or null when the history does not reach back that far.
   */
  neededLookbackDays?: number | null;
  message: string;
}

/** An argument outside its domain (a horizon "10D", a return of +Infinity); `field` names it. */
export interface InvalidInput {
  kind: "invalid_input";
  field: string;
  message: string;
}

/** Symbols the price history does not have at all (a typo, a delisted name), named in `symbols`. */
export interface UnknownSymbol {
  kind: "unknown_symbol";
  /** The argument that held them: "positions", "symbols", "benchmarkSymbol". */
  field: string;
  symbols: string[];
  message: string;
}

/** A book with nothing to measure: no positions, or lots that all net to zero value. */
export interface NoExposure {
  kind: "no_exposure";
  /** Positions given (before netting). */
  positions: number;
  message: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AnalyticsError };

/** The refusal outcome, typed to fit any Outcome<T>. */
export function refused(error: AnalyticsError): { ok: false; error: AnalyticsError } {
  return { ok: false, error };
}

export function insufficientHistory(needed: number, available: number, what: string): InsufficientHistory {
  return {
    kind: "insufficient_history",
    needed,
    available,
    message: `${what}: needs at least ${needed} clean daily returns, has ${available}`,
  };
}

export function noExposure(positions: number): NoExposure {
  return {
    kind: "no_exposure",
    positions,
    message: `positions: nothing to measure, ${positions} position(s) and none with a non-zero net holding`,
  };
}

export function invalidInput(field: string, problem: string): InvalidInput {
  return { kind: "invalid_input", field, message: `${field}: ${problem}` };
}

/**
 * One symbol's part of a VaR figure: Jorion's component VaR value x dVaR/dvalue, the Euler allocation
 * (Tasche 1999), whose parts add up to the VaR because every method's VaR is homogeneous of degree 1 in
 * the position values.
 */
export interface ComponentVaR {
  symbol: string;
  /** Net position value sum(quantity x price) (lots of one symbol netted). */
  value: Decimal;
  /**
   * dVaR/dvalue over the result's horizon: VaR added per unit of money more of this symbol (a fraction,
   * e.g. 0.021), from the unrounded VaR. var.ts states it per method.
   */
  marginal: number;
  /** value x marginal in money; the components of one result sum exactly to its `var`. */
  component: Decimal;
  /** value x marginal / VaR (shares sum to 1; 0 when `var` is 0). */
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
  /** One per position, in the book's order; empty when the request said `components: false`. */
  components: ComponentVaR[];
  /** Returns of the lookback left out, and why (never silently fed in). */
  excluded: ExcludedReturn[];
  /** What was adjusted in the request to compute this figure (e.g. Monte Carlo paths raised). */
  notes: string[];
}
