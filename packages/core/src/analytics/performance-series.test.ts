/**
 * The performance charts' series (issue 14): cumulative return and drawdown checked by hand, rolling
 * metrics equal to calculatePerformance on each trailing window, monthly returns compounded.
 */
import { describe, expect, it } from "vitest";
import { closesFrom, dailyDates, position, twoAssetHistory, twoAssetReturns } from "./fixtures.testing";
import { calculatePerformance } from "./performance";
import { performanceSeries } from "./performance-series";
import type { PriceHistory } from "./types";

describe("performanceSeries", () => {
  it("compounds the book and the benchmark, and measures the fall from the running peak", () => {
    const history: PriceHistory = {
      dates: dailyDates(5),
      closes: new Map([
        ["UP", closesFrom(100, [0.1, -0.2, 0.05, 0.2])],
        ["IDX", closesFrom(50, [0.01, 0.01, 0.01, 0.01])],
      ]),
    };
    const outcome = performanceSeries([position("UP", "1", "100")], history, {
      benchmarkSymbol: "IDX",
      rollingWindow: 2,
    });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const series = outcome.value;
    expect(series.dates).toEqual(history.dates.slice(1));
    const wealth = [1.1, 0.88, 0.924, 1.1088];
    wealth.forEach((w, t) => {
      expect(series.cumulative[t]).toBeCloseTo(w - 1, 12);
      expect(series.drawdown[t]).toBeCloseTo(w / Math.max(1, ...wealth.slice(0, t + 1)) - 1, 12);
    });
    expect(series.benchmarkCumulative[3]).toBeCloseTo(1.01 ** 4 - 1, 12);
    expect(series.benchmarkDrawdown.every((d) => d === 0)).toBe(true);
    // A flat benchmark (the same return every day) has no variance: beta is undefined, NaN.
    expect(Number.isNaN(series.rollingBeta[1] as number)).toBe(true);
    expect(Number.isNaN(series.rollingVolatility[0] as number)).toBe(true);
    expect(series.rollingVolatility[1]).toBeCloseTo((Math.abs(0.1 - -0.2) / Math.SQRT2) * Math.sqrt(252), 10);
    expect(series.months).toEqual(["2020-01"]);
    expect(series.monthlyReturns[0]).toBeCloseTo(0.1088, 12);
    expect(series.monthlyBenchmarkReturns[0]).toBeCloseTo(1.01 ** 4 - 1, 12);
    expect(series.benchmark).toBe("IDX");
  });

  it("rolling volatility, Sharpe and beta are calculatePerformance's on each trailing window", () => {
    const history = twoAssetHistory();
    const outcome = performanceSeries([position("AAA", "10", "100")], history, {
      benchmarkSymbol: "BBB",
      riskFreeRate: 0.03,
    });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const { a, b } = twoAssetReturns();
    const t = 99;
    const window = calculatePerformance(Float64Array.from(a.slice(t - 62, t + 1)), {
      benchmark: Float64Array.from(b.slice(t - 62, t + 1)),
      riskFreeRate: 0.03,
    });
    if (!window.ok) throw new Error(window.error.message);
    expect(outcome.value.rollingWindow).toBe(63);
    expect(outcome.value.rollingVolatility[t]).toBeCloseTo(window.value.volatility, 12);
    expect(outcome.value.rollingSharpe[t]).toBeCloseTo(window.value.sharpe as number, 12);
    expect(outcome.value.rollingBeta[t]).toBeCloseTo(window.value.beta as number, 12);
    expect(Number.isNaN(outcome.value.rollingSharpe[61] as number)).toBe(true);
  });

  it("defaults to the equal-weighted market, and leaves a window with too few days undefined", () => {
    const history = twoAssetHistory();
    (history.closes.get("AAA") as Float64Array).fill(Number.NaN, 1, 5).fill(100, 20, 26);
    const outcome = performanceSeries([position("AAA", "10", "100")], history, { rollingWindow: 3 });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.benchmark).toBe("equal-weighted market");
    expect(Number.isNaN(outcome.value.rollingVolatility[2] as number)).toBe(true);
    expect(outcome.value.rollingVolatility[10]).toBeGreaterThan(0);
    // Three days without a move: no volatility, so no Sharpe ratio.
    expect(outcome.value.rollingVolatility[23]).toBe(0);
    expect(Number.isNaN(outcome.value.rollingSharpe[23] as number)).toBe(true);
  });

  it("refuses a bad window, an unknown benchmark and a book without returns, naming them", () => {
    const history = twoAssetHistory();
    const book = [position("AAA", "10", "100")];
    for (const rollingWindow of [1, 2.5, 1261]) {
      const outcome = performanceSeries(book, history, { rollingWindow });
      expect(outcome.ok ? undefined : outcome.error).toMatchObject({ field: "rollingWindow" });
    }
    const unknown = performanceSeries(book, history, { benchmarkSymbol: "ZZZ" });
    expect(unknown.ok ? undefined : unknown.error).toMatchObject({
      kind: "unknown_symbol",
      symbols: ["ZZZ"],
    });
    const empty = performanceSeries([], history);
    expect(empty.ok).toBe(false);
  });
});
