/**
 * VaR backtesting (issue 14): Kupiec's and Christoffersen's tests and the Basel traffic light against
 * values computed independently in Python (math.erfc, math.comb), and the forecasts against the VaR the
 * panel would have shown the evening before each test day.
 */
import { describe, expect, it } from "vitest";
import { BACKTEST_DAYS, backtestVaR, evaluateBacktest } from "./backtest";
import type { BacktestDay } from "./backtest";
import { closesFrom, dailyDates, position } from "./fixtures.testing";
import { binomialCdf, chiSquareSurvival, erfc, xLogY } from "./hypothesis";
import type { PriceHistory } from "./types";
import { VAR_METHODS } from "./types";
import { calculateVaRs } from "./var";

/** |actual / expected - 1| below `tolerance` (Numerical Recipes' erfc is good to 1.2e-7 relative). */
function expectRelative(actual: number, expected: number, tolerance = 1e-6): void {
  expect(Math.abs(actual / expected - 1)).toBeLessThan(tolerance);
}

/** 250 days with a loss beyond the forecast (1,000) on the given day indices. */
function daysWithExceptions(indices: readonly number[], count = BACKTEST_DAYS): BacktestDay[] {
  return Array.from({ length: count }, (_, t) => {
    const pnl = indices.includes(t) ? -1500 : 100;
    return { date: `d${t}`, forecast: 1000, pnl, exception: -pnl > 1000 };
  });
}

describe("the distributions of the tests", () => {
  it("erfc to 1.2e-7 relative on both sides of zero", () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expectRelative(erfc(1), 0.15729920705028513);
    expectRelative(erfc(-1), 1.842700792949715);
    expectRelative(erfc(0.3), 0.6713732405408726);
    expectRelative(erfc(3), 2.2090496998585438e-5);
  });

  it("chi-square survival at the 5 % critical values, and 1 without evidence", () => {
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 7);
    expect(chiSquareSurvival(5.991464547107979, 2)).toBeCloseTo(0.05, 12);
    expect(chiSquareSurvival(0, 1)).toBe(1);
    expect(chiSquareSurvival(-1e-15, 2)).toBe(1);
  });

  it("binomial CDF: Basel's table 2 cumulative probabilities at 99 % over 250 days", () => {
    expect(binomialCdf(4, 250, 0.01)).toBeCloseTo(0.8921876269036233, 12);
    expect(binomialCdf(9, 250, 0.01)).toBeCloseTo(0.9997498099312573, 12);
    expect(binomialCdf(10, 250, 0.01)).toBeCloseTo(0.9999461013709507, 12);
    expect(binomialCdf(12, 100, 0.05)).toBeCloseTo(0.9985356519919616, 12);
    expect(binomialCdf(-1, 250, 0.01)).toBe(0);
    expect(binomialCdf(250, 250, 0.01)).toBe(1);
  });

  it("x ln y is 0 at x = 0 even for y = 0", () => {
    expect(xLogY(0, 0)).toBe(0);
    expect(xLogY(2, Math.E)).toBeCloseTo(2, 15);
  });
});

describe("evaluateBacktest", () => {
  it("no exceptions in 250 days at 99 %: Kupiec rejects at 5 % (too few), independence has nothing to test, green", () => {
    const result = evaluateBacktest("historical", 0.99, daysWithExceptions([]));
    expect(result.exceptions).toBe(0);
    expect(result.expectedExceptions).toBeCloseTo(2.5, 12);
    expectRelative(result.kupiec.statistic, 5.025167926750726, 1e-12);
    expectRelative(result.kupiec.pValue, 0.02498150305344971);
    expect(result.independence).toEqual({ statistic: 0, pValue: 1, n00: 249, n01: 0, n10: 0, n11: 0 });
    expect(result.zone).toBe("green");
    expect(result.cumulativeProbability).toBeCloseTo(0.08105851616218128, 12);
    expect(result.plusFactor).toBe(0);
  });

  it("five spread exceptions: yellow with Basel's plus factor 0.40, independence not rejected", () => {
    const result = evaluateBacktest("parametric", 0.99, daysWithExceptions([20, 70, 120, 170, 220]));
    expect(result.exceptions).toBe(5);
    expectRelative(result.kupiec.statistic, 1.956809788230622, 1e-12);
    expectRelative(result.kupiec.pValue, 0.16185491719604272);
    expect(result.independence).toMatchObject({ n00: 239, n01: 5, n10: 5, n11: 0 });
    expectRelative(result.independence.statistic, 0.20493237652149787, 1e-10);
    expectRelative(result.independence.pValue, 0.6507686878924304);
    expectRelative(result.conditionalCoverage.statistic, 2.1617421647521198, 1e-10);
    expectRelative(result.conditionalCoverage.pValue, 0.3392998387700707, 1e-10);
    expect(result.zone).toBe("yellow");
    expect(result.plusFactor).toBe(0.4);
  });

  it("ten exceptions in a row: red, plus factor 1, and clustering rejected by Christoffersen", () => {
    const cluster = Array.from({ length: 10 }, (_, k) => 100 + k);
    const result = evaluateBacktest("monte_carlo", 0.99, daysWithExceptions(cluster));
    expectRelative(result.kupiec.statistic, 12.955491062356018, 1e-12);
    expectRelative(result.kupiec.pValue, 0.0003189845082133835);
    expect(result.independence).toMatchObject({ n00: 238, n01: 1, n10: 1, n11: 9 });
    expectRelative(result.independence.statistic, 64.43986613281231, 1e-10);
    expectRelative(result.independence.pValue, 9.952392070808436e-16);
    expectRelative(result.conditionalCoverage.pValue, 1.5624701263577578e-17, 1e-10);
    expect(result.zone).toBe("red");
    expect(result.plusFactor).toBe(1);
  });

  it("gives Basel's plus factor only at 99 % over exactly 250 days", () => {
    expect(evaluateBacktest("historical", 0.95, daysWithExceptions([1])).plusFactor).toBeNull();
    expect(evaluateBacktest("historical", 0.99, daysWithExceptions([1], 249)).plusFactor).toBeNull();
  });
});

/** Two names over 420 trading days, returns with period 23 and 29 (no suspect moves). */
function longHistory(): PriceHistory {
  const days = 420;
  const a = Array.from({ length: days }, (_, t) => (((t * 37) % 23) - 11) / 900);
  const b = a.map((ra, t) => (((t * 53) % 29) - 14) / 1100 + 0.4 * ra);
  return {
    dates: dailyDates(days + 1),
    closes: new Map([
      ["AAA", closesFrom(100, a)],
      ["BBB", closesFrom(40, b)],
    ]),
  };
}

const book = [position("AAA", "100", "100"), position("BBB", "-50", "40")];

describe("backtestVaR", () => {
  it("tests the days a forecast can be made for and says which it could not", () => {
    const outcome = backtestVaR(book, longHistory(), ["historical"], { confidence: 0.99, days: 400 });
    if (!outcome.ok) throw new Error(outcome.error.message);
    // A forecast needs 100 clean days before it: the first 80 of the 400 test dates have fewer.
    expect(outcome.value[0]?.observations).toBe(320);
    expect(outcome.value[0]?.notes).toEqual([
      "80 of 400 test days untested (2020-01-22 to 2020-04-10): VaR at 0.99 confidence: needs at least 100 clean daily returns, has 20 in the 252-day lookback; the history holds only 20 up to 2020-01-21",
    ]);
  });

  it("forecasts each of the last 250 days with the VaR of the evening before and counts losses beyond it", () => {
    const history = longHistory();
    const outcome = backtestVaR(book, history, VAR_METHODS, { confidence: 0.95, lookbackDays: 100 });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.map((result) => result.method)).toEqual(VAR_METHODS);
    const historical = outcome.value[0];
    expect(historical?.observations).toBe(250);
    const day = historical?.days[10];
    expect(day?.date).toBe(history.dates[421 - 250 + 10]);
    const eve = history.dates[421 - 250 + 9] as string;
    const then = calculateVaRs(book, history, ["historical"], {
      confidence: 0.95,
      lookbackDays: 100,
      asOf: eve,
    });
    if (!then.ok) throw new Error(then.error.message);
    expect(day?.forecast).toBe(then.value[0]?.var.toNumber());
    const t = 421 - 250 + 10;
    const closes = (symbol: string) => history.closes.get(symbol) as Float64Array;
    const pnl =
      10_000 * ((closes("AAA")[t] as number) / (closes("AAA")[t - 1] as number) - 1) -
      2_000 * ((closes("BBB")[t] as number) / (closes("BBB")[t - 1] as number) - 1);
    expect(day?.pnl).toBeCloseTo(pnl, 9);
    for (const result of outcome.value) {
      expect(result.exceptions).toBe(result.days.filter((d) => -d.pnl > d.forecast).length);
      // A model that fits this stationary history is far from the red zone at 95 %.
      expect(result.exceptions).toBeGreaterThan(0);
      expect(result.zone).not.toBe("red");
    }
  });

  it("passes the EWMA volatility through to the parametric forecasts", () => {
    const history = longHistory();
    const options = { confidence: 0.99, lookbackDays: 100, days: 20 };
    const sample = backtestVaR(book, history, ["parametric"], options);
    const ewma = backtestVaR(book, history, ["parametric"], { ...options, volatility: "ewma" });
    if (!sample.ok || !ewma.ok) throw new Error("refused");
    expect(ewma.value[0]?.days[0]?.forecast).not.toBe(sample.value[0]?.days[0]?.forecast);
  });

  it("tests only the days the book has clean returns", () => {
    const history = longHistory();
    (history.closes.get("BBB") as Float64Array)[400] = Number.NaN;
    const outcome = backtestVaR(book, history, ["historical"], { confidence: 0.99, lookbackDays: 150 });
    if (!outcome.ok) throw new Error(outcome.error.message);
    // The missing close costs the two returns that touch it.
    expect(outcome.value[0]?.observations).toBe(248);
    expect(outcome.value[0]?.plusFactor).toBeNull();
  });

  it("refuses what it cannot test, naming the field, the symbol or the day", () => {
    const history = longHistory();
    for (const days of [0, 2.5, 1001]) {
      const outcome = backtestVaR(book, history, ["historical"], { confidence: 0.99, days });
      expect(outcome.ok ? undefined : outcome.error).toMatchObject({ kind: "invalid_input", field: "days" });
    }
    const empty = backtestVaR([], history, ["historical"], { confidence: 0.99 });
    expect(empty.ok ? undefined : empty.error.kind).toBe("no_exposure");
    const unknown = backtestVaR([position("ZZZ", "1", "1")], history, ["historical"], { confidence: 0.99 });
    expect(unknown.ok ? undefined : unknown.error).toMatchObject({
      kind: "unknown_symbol",
      symbols: ["ZZZ"],
    });
    const never = backtestVaR(book, history, ["historical"], { confidence: 0.999, lookbackDays: 100 });
    expect(never.ok ? undefined : never.error.message).toMatch(
      /^backtest forecast for 2021-02-24: VaR at 0.999 confidence: needs at least 1000 clean daily returns/,
    );
    const badConfidence = backtestVaR(book, history, ["historical"], { confidence: 2 });
    expect(badConfidence.ok ? undefined : badConfidence.error).toMatchObject({ field: "confidence" });
    const gap = longHistory();
    (gap.closes.get("AAA") as Float64Array)[420] = Number.NaN;
    const none = backtestVaR(book, gap, ["historical"], { confidence: 0.99, days: 1 });
    expect(none.ok ? undefined : none.error).toMatchObject({ kind: "insufficient_history", available: 0 });
  });
});
