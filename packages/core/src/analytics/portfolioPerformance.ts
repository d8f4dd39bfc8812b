/**
 * Performance of today's book over a date range against a benchmark: portfolio returns (returns.ts, with
 * its missing-day and dirty-data policy) fed to calculatePerformance (performance.ts, empyrical's
 * conventions). The benchmark is a symbol of the history (clean returns only; a missing or suspect day is
 * NaN and skipped pairwise) or, by default, the equal-weighted market of the whole history (factors.ts).
 * A benchmark symbol the history does not have is refused (`unknown_symbol`), like a position's.
 */
import { marketReturns } from "./factors";
import { closesOf, isSuspectAt, simpleReturn } from "./history";
import { checkKnownSymbols } from "./inputs";
import { calculatePerformance } from "./performance";
import type { PerformanceMetrics } from "./performance";
import { portfolioReturns } from "./returns";
import type { DateRange } from "./returns";
import { refused } from "./types";
import type { ExcludedReturn, Outcome, PortfolioPosition, PriceHistory } from "./types";

export interface PortfolioPerformanceOptions extends DateRange {
  /** Annual risk-free rate (5 % by default). */
  riskFreeRate?: number;
  /** A symbol of the history to compare with; the equal-weighted market of the history by default. */
  benchmarkSymbol?: string;
}

export interface PortfolioPerformance extends PerformanceMetrics {
  /** First and last return date of the range. */
  from: string;
  to: string;
  benchmark: string;
  excluded: ExcludedReturn[];
}

/**
 * The benchmark's daily returns on `dates` (dates of the history): the clean returns of `symbol` (NaN on
 * a missing or suspect day), or the equal-weighted market of the whole history without one.
 */
export function benchmarkReturns(
  history: PriceHistory,
  dates: readonly string[],
  symbol: string | undefined,
): Float64Array {
  const indexOf = new Map(history.dates.map((date, t) => [date, t]));
  const days = dates.map((date) => indexOf.get(date) as number);
  if (symbol === undefined) return marketReturns(history, days);
  return Float64Array.from(days, (t) => {
    const r = simpleReturn(closesOf(history, symbol), t);
    return isSuspectAt(history, symbol, t, r) ? Number.NaN : r;
  });
}

export function portfolioPerformance(
  positions: readonly PortfolioPosition[],
  history: PriceHistory,
  options: PortfolioPerformanceOptions = {},
): Outcome<PortfolioPerformance> {
  const symbol = options.benchmarkSymbol;
  const unknown = symbol === undefined ? undefined : checkKnownSymbols(history, [symbol], "benchmarkSymbol");
  if (unknown !== undefined) return refused(unknown);
  const returns = portfolioReturns(positions, history, options);
  if (!returns.ok) return returns;
  const daily = returns.value;
  const benchmark = benchmarkReturns(history, daily.ends, symbol);
  const outcome = calculatePerformance(daily.returns, { benchmark, riskFreeRate: options.riskFreeRate });
  if (!outcome.ok) return outcome;
  return {
    ok: true,
    value: {
      ...outcome.value,
      from: daily.ends[0] as string,
      to: daily.ends[daily.ends.length - 1] as string,
      benchmark: symbol ?? "equal-weighted market",
      excluded: daily.excluded,
    },
  };
}
