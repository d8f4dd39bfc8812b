/**
 * VaR backtesting: how often the book's daily loss exceeded the one-day VaR forecast the day before, and
 * whether that is consistent with the confidence asked.
 *
 * - Each test day t (the clean days among the last `days` trading dates, 250 by default: Basel's year)
 *   is forecast by calculateVaRs with the same method, confidence, lookback and volatility on the history
 *   up to the trading date before t: exactly the figure the VaR panel would have shown that evening. A
 *   day whose forecast has too little history (the start of a short history, a gap of dirty data) is
 *   not tested, and `notes` says how many and why; with no day left the refusal is the last forecast's.
 * - The P&L of day t is the hypothetical P&L of today's book, sum_i v_i r_i,t (the same linear P&L as
 *   the VaR; Basel's "hypothetical" backtest of a static portfolio). An exception is a loss beyond the
 *   forecast, -P&L > VaR.
 * - Kupiec's proportion-of-failures test (Kupiec 1995, "Techniques for verifying the accuracy of risk
 *   measurement models", J. Derivatives 3(2)): LR = -2 ln[(1-p)^(T-x) p^x / ((1-x/T)^(T-x) (x/T)^x)],
 *   chi-square with 1 degree of freedom, p = 1 - confidence, x exceptions in T days.
 * - Christoffersen's independence test (Christoffersen 1998, "Evaluating interval forecasts",
 *   International Economic Review 39(4)): on the T-1 transitions n_ij of the exception indicator, LR =
 *   -2 ln[(1-pi)^(n00+n10) pi^(n01+n11) / ((1-pi0)^n00 pi0^n01 (1-pi1)^n10 pi1^n11)], chi-square(1); his
 *   conditional coverage LR_cc = LR_pof + LR_ind, chi-square(2). Both are 0 (p-value 1) without exceptions.
 * - The Basel traffic light (Basel Committee on Banking Supervision 1996, "Supervisory framework for the
 *   use of backtesting in conjunction with the internal models approach to market risk capital
 *   requirements", table 2): green while P(X <= x) < 95 % under X ~ Binomial(T, p), yellow while below
 *   99.99 %, red beyond (0-4 / 5-9 / 10+ exceptions at 99 % over 250 days). The plus factor of the
 *   capital multiplier (3 + plus) is the table's, given only at 99 % over exactly 250 days.
 */
import { netExposure } from "./exposure";
import { endIndex, returnWindow } from "./history";
import { binomialCdf, chiSquareSurvival, xLogY } from "./hypothesis";
import { checkKnownSymbols } from "./inputs";
import { insufficientHistory, invalidInput, refused } from "./types";
import type { AnalyticsError, Outcome, PortfolioPosition, PriceHistory, VaRMethod } from "./types";
import { calculateVaRs } from "./var";
import type { VaROptions } from "./var";

/** Basel's backtesting year. */
export const BACKTEST_DAYS = 250;
/** Four years of forecasts is the most one request may ask (each day is a full VaR). */
export const MAX_BACKTEST_DAYS = 1000;

export type TrafficLight = "green" | "yellow" | "red";

/** Basel 1996 table 2: plus factors for 5-9 exceptions at 99 % over 250 days (0 below, 1 from 10). */
const PLUS_FACTORS = [0, 0, 0, 0, 0, 0.4, 0.5, 0.65, 0.75, 0.85];

export interface BacktestOptions extends Pick<
  VaROptions,
  "confidence" | "lookbackDays" | "asOf" | "paths" | "volatility"
> {
  /** Trading dates tested, ending at `asOf` (250 by default). */
  days?: number;
}

export interface BacktestDay {
  date: string;
  /** The one-day VaR forecast on the evening before (money, positive = a loss). */
  forecast: number;
  /** The book's P&L that day. */
  pnl: number;
  exception: boolean;
}

export interface LikelihoodRatioTest {
  statistic: number;
  pValue: number;
}

export interface VaRBacktest {
  method: VaRMethod;
  confidence: number;
  /** Clean test days (T). */
  observations: number;
  /** T (1 - confidence). */
  expectedExceptions: number;
  exceptions: number;
  /** Kupiec 1995, chi-square(1). */
  kupiec: LikelihoodRatioTest;
  /** Christoffersen 1998 independence, chi-square(1), with its transition counts. */
  independence: LikelihoodRatioTest & { n00: number; n01: number; n10: number; n11: number };
  /** Christoffersen 1998 conditional coverage LR_pof + LR_ind, chi-square(2). */
  conditionalCoverage: LikelihoodRatioTest;
  zone: TrafficLight;
  /** P(X <= exceptions) under the model: the traffic light's measure. */
  cumulativeProbability: number;
  /** Basel's plus factor at 99 % over 250 days; null for any other test. */
  plusFactor: number | null;
  days: BacktestDay[];
  /** Test days left out, and why (e.g. too little history before them for a forecast). */
  notes: string[];
}

function kupiec(exceptions: number, observations: number, p: number): LikelihoodRatioTest {
  const x = exceptions;
  const rest = observations - x;
  const rate = x / observations;
  const statistic = -2 * (xLogY(rest, 1 - p) + xLogY(x, p) - xLogY(rest, 1 - rate) - xLogY(x, rate));
  return { statistic: Math.max(0, statistic), pValue: chiSquareSurvival(statistic, 1) };
}

function independence(hits: readonly boolean[]): VaRBacktest["independence"] {
  let n00 = 0;
  let n01 = 0;
  let n10 = 0;
  let n11 = 0;
  for (let t = 1; t < hits.length; t++) {
    if (hits[t - 1]) {
      if (hits[t]) n11++;
      else n10++;
    } else if (hits[t]) n01++;
    else n00++;
  }
  const pi0 = n01 / Math.max(1, n00 + n01);
  const pi1 = n11 / Math.max(1, n10 + n11);
  const pi = (n01 + n11) / Math.max(1, n00 + n01 + n10 + n11);
  const restricted = xLogY(n00 + n10, 1 - pi) + xLogY(n01 + n11, pi);
  const unrestricted = xLogY(n00, 1 - pi0) + xLogY(n01, pi0) + xLogY(n10, 1 - pi1) + xLogY(n11, pi1);
  const statistic = Math.max(0, -2 * (restricted - unrestricted));
  return { statistic, pValue: chiSquareSurvival(statistic, 1), n00, n01, n10, n11 };
}

function trafficLight(cumulative: number): TrafficLight {
  if (cumulative < 0.95) return "green";
  return cumulative < 0.9999 ? "yellow" : "red";
}

/** The tests of one method over its forecasts and the realized P&L. */
export function evaluateBacktest(
  method: VaRMethod,
  confidence: number,
  days: BacktestDay[],
  notes: string[] = [],
): VaRBacktest {
  const p = 1 - confidence;
  const observations = days.length;
  const hits = days.map((day) => day.exception);
  const exceptions = hits.filter(Boolean).length;
  const pof = kupiec(exceptions, observations, p);
  const ind = independence(hits);
  const ccStatistic = pof.statistic + ind.statistic;
  const cumulativeProbability = binomialCdf(exceptions, observations, p);
  const zone = trafficLight(cumulativeProbability);
  const basel = observations === BACKTEST_DAYS && Math.abs(confidence - 0.99) < 1e-12;
  return {
    method,
    confidence,
    observations,
    expectedExceptions: observations * p,
    exceptions,
    kupiec: pof,
    independence: ind,
    conditionalCoverage: { statistic: ccStatistic, pValue: chiSquareSurvival(ccStatistic, 2) },
    zone,
    cumulativeProbability,
    plusFactor: basel ? (PLUS_FACTORS[exceptions] ?? 1) : null,
    days,
    notes,
  };
}

/** Backtests of `methods` on today's book over the last `days` trading dates up to `asOf`. */
export function backtestVaR(
  positions: readonly PortfolioPosition[],
  history: PriceHistory,
  methods: readonly VaRMethod[],
  options: BacktestOptions,
): Outcome<VaRBacktest[]> {
  const testDays = options.days ?? BACKTEST_DAYS;
  if (!(Number.isInteger(testDays) && testDays >= 1 && testDays <= MAX_BACKTEST_DAYS)) {
    return refused(
      invalidInput("days", `must be a whole number of trading days 1-${MAX_BACKTEST_DAYS}, got ${testDays}`),
    );
  }
  const exposure = netExposure(positions);
  if ("kind" in exposure) return refused(exposure);
  const unknown = checkKnownSymbols(history, exposure.symbols, "positions");
  if (unknown !== undefined) return refused(unknown);
  const { asOf, ...varOptions } = options;
  const test = returnWindow(history, exposure.symbols, testDays, asOf);
  if (test.days === 0) return refused(insufficientHistory(1, 0, `VaR backtest over ${testDays} days`));
  const values = exposure.floatValues;
  const forecasts = methods.map((): BacktestDay[] => []);
  const untested: { date: string; error: AnalyticsError }[] = [];
  for (let t = 0; t < test.days; t++) {
    const date = test.dates[t] as string;
    const eve = history.dates[endIndex(history, date) - 1] as string;
    const forecast = calculateVaRs(positions, history, methods, { ...varOptions, asOf: eve, horizon: "1D" });
    if (!forecast.ok) {
      if (forecast.error.kind !== "insufficient_history") return forecast;
      untested.push({ date, error: forecast.error });
      continue;
    }
    let pnl = 0;
    for (let i = 0; i < values.length; i++) {
      pnl += (values[i] as number) * (test.returns[i * test.days + t] as number);
    }
    forecast.value.forEach((result, m) => {
      const loss = result.var.toNumber();
      (forecasts[m] as BacktestDay[]).push({ date, forecast: loss, pnl, exception: -pnl > loss });
    });
  }
  const [first, last] = [untested[0], untested[untested.length - 1]];
  if (first === undefined || last === undefined) {
    return {
      ok: true,
      value: methods.map((method, m) =>
        evaluateBacktest(method, options.confidence, forecasts[m] as BacktestDay[]),
      ),
    };
  }
  if (untested.length === test.days) {
    return refused({ ...last.error, message: `backtest forecast for ${last.date}: ${last.error.message}` });
  }
  const note = `${untested.length} of ${test.days} test days untested (${first.date} to ${last.date}): ${first.error.message}`;
  return {
    ok: true,
    value: methods.map((method, m) =>
      evaluateBacktest(method, options.confidence, forecasts[m] as BacktestDay[], [note]),
    ),
  };
}
