/**
 * The series behind the performance charts of today's book against its benchmark, on the conventions of
 * performance.ts (empyrical's): simple daily returns of the book (returns.ts), wealth compounded from 1
 * with a missing day counted as a zero return, drawdown wealth / running peak - 1 (the start counts as
 * a peak, so it is <= 0), calendar-month returns compounded (aggregateReturns), and rolling volatility,
 * Sharpe and beta as calculatePerformance gives them over each trailing window of `rollingWindow` days
 * (63, a quarter, by default): annualised with 252 periods, the risk-free rate per period
 * (1 + rf)^(1/252) - 1, beta = cov(r - rf, b - rf) / var(b - rf). A window whose metric is undefined (a
 * flat benchmark, too few days) gives NaN there.
 */
import { calculatePerformance } from "./performance";
import { benchmarkReturns } from "./portfolioPerformance";
import type { PortfolioPerformanceOptions } from "./portfolioPerformance";
import { checkKnownSymbols } from "./inputs";
import { aggregateReturns, portfolioReturns } from "./returns";
import { invalidInput, refused } from "./types";
import type { Outcome, PortfolioPosition, PriceHistory } from "./types";

/** A quarter of trading days. */
export const DEFAULT_ROLLING_WINDOW = 63;

export interface PerformanceSeriesOptions extends PortfolioPerformanceOptions {
  /** Trading days of each rolling window, 2-1260. */
  rollingWindow?: number;
}

export interface PerformanceSeries {
  /** Return dates, oldest first. */
  dates: string[];
  benchmark: string;
  rollingWindow: number;
  /** Cumulative return since the first date (wealth - 1). */
  cumulative: Float64Array;
  benchmarkCumulative: Float64Array;
  /** Fall from the running peak of wealth, <= 0 (the underwater curve). */
  drawdown: Float64Array;
  benchmarkDrawdown: Float64Array;
  /** Trailing-window annualised volatility, Sharpe and beta; NaN before a full window or where undefined. */
  rollingVolatility: Float64Array;
  rollingSharpe: Float64Array;
  rollingBeta: Float64Array;
  /** Calendar months (YYYY-MM) and their compounded returns. */
  months: string[];
  monthlyReturns: Float64Array;
  monthlyBenchmarkReturns: Float64Array;
}

/** Cumulative return and drawdown of a daily series, a missing (NaN) day counting as no change. */
function wealthPath(returns: Float64Array): { cumulative: Float64Array; drawdown: Float64Array } {
  const cumulative = new Float64Array(returns.length);
  const drawdown = new Float64Array(returns.length);
  let wealth = 1;
  let peak = 1;
  returns.forEach((r, t) => {
    wealth *= Number.isNaN(r) ? 1 : 1 + r;
    peak = Math.max(peak, wealth);
    cumulative[t] = wealth - 1;
    drawdown[t] = wealth / peak - 1;
  });
  return { cumulative, drawdown };
}

export function performanceSeries(
  positions: readonly PortfolioPosition[],
  history: PriceHistory,
  options: PerformanceSeriesOptions = {},
): Outcome<PerformanceSeries> {
  const window = options.rollingWindow ?? DEFAULT_ROLLING_WINDOW;
  if (!(Number.isInteger(window) && window >= 2 && window <= 1260)) {
    return refused(
      invalidInput("rollingWindow", `must be a whole number of trading days 2-1260, got ${window}`),
    );
  }
  const symbol = options.benchmarkSymbol;
  const unknown = symbol === undefined ? undefined : checkKnownSymbols(history, [symbol], "benchmarkSymbol");
  if (unknown !== undefined) return refused(unknown);
  const outcome = portfolioReturns(positions, history, options);
  if (!outcome.ok) return outcome;
  const { ends: dates, returns } = outcome.value;
  const benchmark = benchmarkReturns(history, dates, symbol);
  const book = wealthPath(returns);
  const market = wealthPath(benchmark);
  const rolling = {
    volatility: new Float64Array(dates.length).fill(Number.NaN),
    sharpe: new Float64Array(dates.length).fill(Number.NaN),
    beta: new Float64Array(dates.length).fill(Number.NaN),
  };
  for (let t = window - 1; t < dates.length; t++) {
    const metrics = calculatePerformance(returns.subarray(t - window + 1, t + 1), {
      benchmark: benchmark.subarray(t - window + 1, t + 1),
      riskFreeRate: options.riskFreeRate,
    });
    if (!metrics.ok) continue;
    rolling.volatility[t] = metrics.value.volatility;
    rolling.sharpe[t] = metrics.value.sharpe ?? Number.NaN;
    rolling.beta[t] = metrics.value.beta ?? Number.NaN;
  }
  const monthly = aggregateReturns({ ends: dates, returns }, "monthly");
  return {
    ok: true,
    value: {
      dates,
      benchmark: symbol ?? "equal-weighted market",
      rollingWindow: window,
      cumulative: book.cumulative,
      benchmarkCumulative: market.cumulative,
      drawdown: book.drawdown,
      benchmarkDrawdown: market.drawdown,
      rollingVolatility: rolling.volatility,
      rollingSharpe: rolling.sharpe,
      rollingBeta: rolling.beta,
      months: monthly.periods,
      monthlyReturns: monthly.returns,
      monthlyBenchmarkReturns: aggregateReturns({ ends: dates, returns: benchmark }, "monthly").returns,
    },
  };
}
