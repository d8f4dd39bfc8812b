/**
 * Performance metrics of a daily return series against a benchmark. Conventions (issue 5, matching
 * quantopian/empyrical; the API docs repeat them):
 * - simple returns, 252 periods a year; the risk-free rate is annual (5 % by default) and enters each
 *   period as (1+rf)^(1/252) - 1.
 * - Sharpe = mean(r-rf) / std(r-rf, ddof 1) x sqrt(252); volatility = std(r, ddof 1) x sqrt(252).
 * - Sortino = mean(r-rf) x 252 / (sqrt(mean(min(r-rf, 0)^2)) x sqrt(252)), the downside mean over ALL
 *   observations (not only the losing ones).
 * - total return = prod(1+r) - 1; annualized = prod(1+r)^(252/n) - 1.
 * - max drawdown <= 0, from a starting wealth of 1 that counts as a peak; Calmar = annualized / |max dd|.
 * - beta = cov(r-rf, b-rf) / var(b-rf); alpha = (1 + mean(r-rf - beta(b-rf)))^252 - 1;
 *   information ratio = mean(r-b) / std(r-b, ddof 1) x sqrt(252); Treynor = (annualized - rf) / beta.
 *
 * Missing days (NaN) follow empyrical: a missing day is skipped by every mean and deviation (and by the
 * benchmark statistics, which use the days where both series have a value), but it still counts as a
 * period of zero return in total/annualized return, drawdown and Calmar (n includes it). A metric that
 * is undefined for the data (zero volatility, no downside, no drawdown, flat benchmark) is null and
 * `undefinedBecause` says why, rather than a NaN or an infinity.
 *
 * Input checks: a return (or benchmark return) that is infinite or below -100 %, a benchmark of another
 * length and a risk-free rate that is not a finite rate above -100 % are refused as `invalid_input` naming
 * the field (issue 14: +Infinity used to reach the compounding).
 */
import { checkPeriodReturns } from "./inputs";
import { finite, mean, meanVariance, NeumaierSum } from "./stats";
import { insufficientHistory, invalidInput, PERIODS_PER_YEAR, refused } from "./types";
import type { InvalidInput, Outcome } from "./types";

export const DEFAULT_RISK_FREE_RATE = 0.05;
/** A per-period standard deviation below this is rounding noise of the mean: treat the series as flat. */
export const ZERO_DEVIATION = 1e-12;

export type NullableMetric =
  "sharpe" | "sortino" | "calmar" | "beta" | "alpha" | "informationRatio" | "treynor";

export interface PerformanceMetrics {
  /** Periods in the range, missing ones included. */
  periods: number;
  /** Periods without a return (NaN), counted as zero-return periods where the conventions say so. */
  missingPeriods: number;
  totalReturn: number;
  annualizedReturn: number;
  volatility: number;
  /** sqrt(mean(min(r-rf, 0)^2)) x sqrt(252): the Sortino denominator (Sortino & Price 1994). */
  downsideDeviation: number;
  /** <= 0. */
  maxDrawdown: number;
  sharpe: number | null;
  sortino: number | null;
  calmar: number | null;
  beta: number | null;
  alpha: number | null;
  informationRatio: number | null;
  treynor: number | null;
  undefinedBecause: Partial<Record<NullableMetric, string>>;
}

export interface PerformanceOptions {
  /** Benchmark returns on the same periods (NaN = missing); without one the benchmark metrics are null. */
  benchmark?: Float64Array;
  /** Annual risk-free rate (0.05 by default). */
  riskFreeRate?: number;
}

/** Needed non-missing periods: a standard deviation with ddof 1 needs two. */
export const MIN_PERFORMANCE_PERIODS = 2;

export function calculatePerformance(
  returns: Float64Array,
  options: PerformanceOptions = {},
): Outcome<PerformanceMetrics> {
  const invalid = checkInputs(returns, options);
  if (invalid !== undefined) return refused(invalid);
  const present = finite(returns);
  if (present.length < MIN_PERFORMANCE_PERIODS) {
    return { ok: false, error: insufficientHistory(MIN_PERFORMANCE_PERIODS, present.length, "performance") };
  }
  const annualRiskFree = options.riskFreeRate ?? DEFAULT_RISK_FREE_RATE;
  const rf = (1 + annualRiskFree) ** (1 / PERIODS_PER_YEAR) - 1;
  const undefinedBecause: Partial<Record<NullableMetric, string>> = {};
  const root = Math.sqrt(PERIODS_PER_YEAR);

  const { growth, maxDrawdown } = compound(returns);
  const n = returns.length;
  const totalReturn = growth - 1;
  const annualizedReturn = growth ** (PERIODS_PER_YEAR / n) - 1;
  const volatility = Math.sqrt(meanVariance(present, 1).variance) * root;

  const excess = present.map((r) => r - rf);
  const { mean: meanExcess, variance: excessVariance } = meanVariance(excess, 1);
  let sharpe: number | null = null;
  if (Math.sqrt(excessVariance) > ZERO_DEVIATION) sharpe = (meanExcess / Math.sqrt(excessVariance)) * root;
  else undefinedBecause.sharpe = "zero volatility: every return is the same";

  const downside = new NeumaierSum();
  for (const x of excess) downside.add(Math.min(x, 0) ** 2);
  const downsideDeviation = Math.sqrt(downside.value / excess.length);
  let sortino: number | null = null;
  if (downsideDeviation > ZERO_DEVIATION)
    sortino = (meanExcess * PERIODS_PER_YEAR) / (downsideDeviation * root);
  else undefinedBecause.sortino = "no downside: no return fell below the risk-free rate";

  let calmar: number | null = null;
  if (maxDrawdown < 0) calmar = annualizedReturn / Math.abs(maxDrawdown);
  else undefinedBecause.calmar = "no drawdown: wealth never fell below a previous peak";

  const relative = benchmarkMetrics(
    returns,
    options.benchmark,
    rf,
    annualizedReturn - annualRiskFree,
    undefinedBecause,
  );
  return {
    ok: true,
    value: {
      periods: n,
      missingPeriods: n - present.length,
      totalReturn,
      annualizedReturn,
      volatility,
      downsideDeviation: downsideDeviation * root,
      maxDrawdown,
      sharpe,
      sortino,
      calmar,
      ...relative,
      undefinedBecause,
    },
  };
}

function checkInputs(returns: Float64Array, options: PerformanceOptions): InvalidInput | undefined {
  const { benchmark, riskFreeRate } = options;
  if (riskFreeRate !== undefined && !(Number.isFinite(riskFreeRate) && riskFreeRate > -1)) {
    return invalidInput(
      "riskFreeRate",
      `must be a finite annual rate above -1 (-100 %), got ${riskFreeRate}`,
    );
  }
  if (benchmark !== undefined && benchmark.length !== returns.length) {
    return invalidInput(
      "benchmark",
      `has ${benchmark.length} periods, the returns have ${returns.length}: they must cover the same periods`,
    );
  }
  return (
    checkPeriodReturns("returns", returns) ??
    (benchmark === undefined ? undefined : checkPeriodReturns("benchmark", benchmark))
  );
}

/** Wealth from 1 (missing = zero return) and its deepest fall from a running peak. */
function compound(returns: Float64Array): { growth: number; maxDrawdown: number } {
  let wealth = 1;
  let peak = 1;
  let maxDrawdown = 0;
  for (const r of returns) {
    if (!Number.isNaN(r)) wealth *= 1 + r;
    peak = Math.max(peak, wealth);
    maxDrawdown = Math.min(maxDrawdown, wealth / peak - 1);
  }
  return { growth: wealth, maxDrawdown };
}

type BenchmarkMetrics = Pick<PerformanceMetrics, "beta" | "alpha" | "informationRatio" | "treynor">;

function benchmarkMetrics(
  returns: Float64Array,
  benchmark: Float64Array | undefined,
  rf: number,
  annualExcessReturn: number,
  undefinedBecause: Partial<Record<NullableMetric, string>>,
): BenchmarkMetrics {
  const none: BenchmarkMetrics = { beta: null, alpha: null, informationRatio: null, treynor: null };
  const names = ["beta", "alpha", "informationRatio", "treynor"] as const;
  if (benchmark === undefined) {
    for (const name of names) undefinedBecause[name] = "no benchmark given";
    return none;
  }
  // Pairwise-complete: the periods where both series have a return.
  const r: number[] = [];
  const b: number[] = [];
  for (let t = 0; t < returns.length; t++) {
    const x = returns[t] as number;
    const y = benchmark[t] as number;
    if (Number.isFinite(x) && Number.isFinite(y)) {
      r.push(x - rf);
      b.push(y - rf);
    }
  }
  if (r.length < MIN_PERFORMANCE_PERIODS) {
    for (const name of names)
      undefinedBecause[name] =
        `fewer than ${MIN_PERFORMANCE_PERIODS} periods where both the returns and the benchmark are present`;
    return none;
  }
  const active = Float64Array.from(r, (x, t) => x - (b[t] as number));
  const { mean: activeMean, variance: activeVariance } = meanVariance(active, 1);
  const informationRatio =
    Math.sqrt(activeVariance) > ZERO_DEVIATION
      ? (activeMean / Math.sqrt(activeVariance)) * Math.sqrt(PERIODS_PER_YEAR)
      : null;
  if (informationRatio === null)
    undefinedBecause.informationRatio = "zero tracking error: the returns follow the benchmark exactly";

  const { mean: meanB, variance: varianceB } = meanVariance(b, 0);
  if (Math.sqrt(varianceB) <= ZERO_DEVIATION) {
    for (const name of ["beta", "alpha", "treynor"] as const)
      undefinedBecause[name] = "zero benchmark volatility";
    return { ...none, informationRatio };
  }
  const meanR = mean(r);
  const covariance = new NeumaierSum();
  for (let t = 0; t < r.length; t++) covariance.add(((r[t] as number) - meanR) * ((b[t] as number) - meanB));
  const beta = covariance.value / r.length / varianceB;
  const residual = new NeumaierSum();
  for (let t = 0; t < r.length; t++) residual.add((r[t] as number) - beta * (b[t] as number));
  const alpha = (1 + residual.value / r.length) ** PERIODS_PER_YEAR - 1;
  let treynor: number | null = null;
  if (Math.abs(beta) > ZERO_DEVIATION) treynor = annualExcessReturn / beta;
  else undefinedBecause.treynor = "zero beta: no systematic risk to reward";
  return { beta, alpha, informationRatio, treynor };
}
