import { describe, expect, it } from "vitest";
import { calculatePerformance } from "./performance";
import type { PerformanceMetrics, PerformanceOptions } from "./performance";

const pct = (values: number[]) => Float64Array.from(values, (x) => x / 100);
// quantopian/empyrical tests/test_stats.py fixtures.
const simpleBenchmark = pct([Number.NaN, 1, 10, -4, 2, 3, 2, 1, -10]);
const negativeReturns = pct([0, -6, -7, -1, -9, -2, -6, -8, -5]);

function metrics(
  returns: Float64Array,
  options: PerformanceOptions = { riskFreeRate: 0 },
): PerformanceMetrics {
  const outcome = calculatePerformance(returns, options);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
}

describe("empyrical reference values (rf = 0), matched to 8 decimals", () => {
  it("simple_benchmark: NaN skipped in means, counted as a zero-return period in annual return (n = 9)", () => {
    const m = metrics(simpleBenchmark);
    expect(m.maxDrawdown).toBeCloseTo(-0.1, 8);
    expect(m.annualizedReturn).toBeCloseTo(1.9135925373194231, 8);
    expect(m.volatility).toBeCloseTo(0.9136465399704637, 8);
    expect(m.calmar).toBeCloseTo(19.135925373194233, 8);
    expect(m.sharpe).toBeCloseTo(1.7238613961706866, 8);
    expect(m.sortino).toBeCloseTo(2.605531251673693, 8);
    expect(m.periods).toBe(9);
    expect(m.missingPeriods).toBe(1);
    // prod(1+r) - 1 by hand: 1.01 * 1.10 * 0.96 * 1.02 * 1.03 * 1.02 * 1.01 * 0.90 - 1
    expect(m.totalReturn).toBeCloseTo(1.01 * 1.1 * 0.96 * 1.02 * 1.03 * 1.02 * 1.01 * 0.9 - 1, 12);
  });

  it("negative_returns: Sortino -13.532743075043401, max drawdown -0.365907303498736", () => {
    const m = metrics(negativeReturns);
    expect(m.sortino).toBeCloseTo(-13.532743075043401, 8);
    expect(m.maxDrawdown).toBeCloseTo(-0.365907303498736, 8);
  });
});

describe("Bacon (2008) portfolio, PerformanceAnalytics' documented DownsideDeviation", () => {
  // Practical Portfolio Performance Measurement and Attribution, 2nd ed.: 24 monthly returns (the
  // portfolio_bacon data of PerformanceAnalytics). Docs: DownsideDeviation(portfolio_bacon[,1], MAR = 0.005)
  // "#expected 0.0255"; numpy gives 0.02553673824120849. The MAR enters as a per-period risk-free rate.
  const bacon = pct([
    0.3, 2.6, 1.1, -1.0, 1.5, 2.5, 1.6, 6.7, -1.4, 4.0, -0.5, 8.1, 4.0, -3.7, -6.1, 1.7, -4.9, -2.2, 7.0, 5.8,
    -6.5, 2.4, -0.5, -0.9,
  ]);
  it("downside deviation 0.0255 per period at MAR 0.5 %; Sortino = mean(r - MAR) / that, x sqrt(252)", () => {
    const m = metrics(bacon, { riskFreeRate: 1.005 ** 252 - 1 });
    expect(m.downsideDeviation / Math.sqrt(252)).toBeCloseTo(0.02553673824120849, 12);
    expect(Number((m.downsideDeviation / Math.sqrt(252)).toFixed(4))).toBe(0.0255);
    expect((m.sortino ?? 0) / Math.sqrt(252)).toBeCloseTo(0.15663707566008656, 12);
  });
});

describe("benchmark-relative metrics", () => {
  // Hand-checkable: r = 2b exactly, rf = 0 -> beta 2, alpha 0, IR = mean(b)/std(b) sqrt(252).
  const benchmark = pct([1, -2, 3, -1, 2, 0.5]);
  const doubled = benchmark.map((b) => 2 * b);

  it("r = 2b: beta 2, alpha 0, information ratio = the benchmark's Sharpe, Treynor = annual return / 2", () => {
    const m = metrics(doubled, { riskFreeRate: 0, benchmark });
    expect(m.beta).toBeCloseTo(2, 12);
    expect(m.alpha).toBeCloseTo(0, 12);
    const own = metrics(benchmark);
    expect(m.informationRatio).toBeCloseTo(own.sharpe ?? Number.NaN, 12);
    expect(m.treynor).toBeCloseTo(m.annualizedReturn / 2, 12);
  });

  it("risk-free rate enters per period as (1+rf)^(1/252)-1, beta and alpha on excess returns", () => {
    const rf = 1.05 ** (1 / 252) - 1;
    const m = metrics(doubled, { riskFreeRate: 0.05, benchmark });
    // r - rf = 2(b - rf) + rf: beta 2 on the excess, and the intercept rf compounds to 5 % a year.
    expect(m.beta).toBeCloseTo(2, 12);
    expect(m.alpha).toBeCloseTo(0.05, 10);
    const excess = Float64Array.from(doubled, (r) => r - rf);
    const mean = excess.reduce((s, x) => s + x, 0) / excess.length;
    const sd = Math.sqrt(excess.reduce((s, x) => s + (x - mean) ** 2, 0) / (excess.length - 1));
    expect(m.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(252), 10);
    expect(m.treynor).toBeCloseTo((m.annualizedReturn - 0.05) / 2, 12);
    // The default rate is 5 %.
    expect(metrics(doubled, { benchmark }).sharpe).toBe(m.sharpe);
  });

  it("missing benchmark days are skipped pairwise", () => {
    const gappy = Float64Array.from(benchmark);
    gappy[2] = Number.NaN;
    const returns = Float64Array.from(doubled);
    returns[4] = Number.NaN;
    expect(metrics(returns, { riskFreeRate: 0, benchmark: gappy }).beta).toBeCloseTo(2, 12);
  });

  it("undefined relative metrics are null with a reason", () => {
    const none = metrics(doubled);
    expect([none.beta, none.alpha, none.informationRatio, none.treynor]).toEqual([null, null, null, null]);
    expect(none.undefinedBecause.beta).toBe("no benchmark given");

    const same = metrics(benchmark, { riskFreeRate: 0, benchmark });
    expect(same.informationRatio).toBeNull();
    expect(same.undefinedBecause.informationRatio).toMatch(/zero tracking error/);
    expect(same.beta).toBeCloseTo(1, 12);

    const flat = metrics(doubled, { riskFreeRate: 0, benchmark: new Float64Array(6).fill(0.01) });
    expect([flat.beta, flat.alpha, flat.treynor]).toEqual([null, null, null]);
    expect(flat.informationRatio).not.toBeNull();
    expect(flat.undefinedBecause.treynor).toBe("zero benchmark volatility");

    // Returns uncorrelated with the benchmark (beta 0): Treynor undefined.
    const uncorrelated = metrics(pct([1, 1, -1, -1]), { riskFreeRate: 0, benchmark: pct([1, -1, 1, -1]) });
    expect(uncorrelated.beta).toBe(0);
    expect(uncorrelated.treynor).toBeNull();
    expect(uncorrelated.undefinedBecause.treynor).toMatch(/zero beta/);

    const disjoint = metrics(pct([1, 2, Number.NaN, Number.NaN]), {
      riskFreeRate: 0,
      benchmark: pct([Number.NaN, Number.NaN, 1, 2]),
    });
    expect(disjoint.beta).toBeNull();
    expect(disjoint.undefinedBecause.alpha).toMatch(/fewer than 2 periods/);
  });

  it("a benchmark of another length is refused, naming the field (it used to throw)", () => {
    expect(calculatePerformance(doubled, { benchmark: pct([1]) })).toEqual({
      ok: false,
      error: {
        kind: "invalid_input",
        field: "benchmark",
        message: "benchmark: has 1 periods, the returns have 6: they must cover the same periods",
      },
    });
  });
});

describe("edge cases", () => {
  it("zero volatility: Sharpe null with a reason; all gains: Sortino and Calmar null", () => {
    const m = metrics(new Float64Array(10).fill(0.001));
    expect(m.volatility).toBeCloseTo(0, 12);
    expect(m.sharpe).toBeNull();
    expect(m.undefinedBecause.sharpe).toBe("zero volatility: every return is the same");
    expect(m.sortino).toBeNull();
    expect(m.undefinedBecause.sortino).toMatch(/no downside/);
    expect(m.maxDrawdown).toBe(0);
    expect(m.calmar).toBeNull();
    expect(m.undefinedBecause.calmar).toMatch(/no drawdown/);
  });

  it("losses against a 5 % risk-free rate count as downside even when every return is positive", () => {
    const m = metrics(pct([0.01, 0.03, 0.02, 0.01]), { riskFreeRate: 0.05 });
    expect(m.sortino).not.toBeNull();
    expect(m.sortino).toBeLessThan(0);
  });

  it("fewer than two returns is an error naming what is needed", () => {
    expect(calculatePerformance(pct([1, Number.NaN]))).toEqual({
      ok: false,
      error: {
        kind: "insufficient_history",
        needed: 2,
        available: 1,
        message: "performance: needs at least 2 clean daily returns, has 1",
      },
    });
  });
});

describe("returns that cannot be compounded are refused, naming the field and the period", () => {
  it.each([
    ["+Infinity", Number.POSITIVE_INFINITY, "Infinity"],
    ["-Infinity", Number.NEGATIVE_INFINITY, "-Infinity"],
    ["a fall below -100 %", -1.5, "-1.5"],
  ])("%s in the returns (it used to reach the compounding)", (_, bad, shown) => {
    const returns = pct([1, 2, Number.NaN, -3, 1]);
    returns[3] = bad;
    expect(calculatePerformance(returns)).toEqual({
      ok: false,
      error: {
        kind: "invalid_input",
        field: "returns",
        message: `returns: period 3 is ${shown}; a return must be finite and at least -1 (-100 %), NaN for a missing period`,
      },
    });
  });

  it("the same in the benchmark; a total loss (-100 %) and missing periods are fine", () => {
    const benchmark = pct([1, 2, 3, -3, 1]);
    benchmark[1] = Number.POSITIVE_INFINITY;
    const outcome = calculatePerformance(pct([1, 2, 3, -3, 1]), { benchmark });
    expect(!outcome.ok && outcome.error).toMatchObject({ field: "benchmark" });
    const wiped = metrics(Float64Array.from([0.1, -1, Number.NaN, 0.2]));
    expect(wiped.totalReturn).toBe(-1);
    expect(wiped.maxDrawdown).toBe(-1);
  });

  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY])("a risk-free rate of %s", (rate) => {
    const outcome = calculatePerformance(pct([1, 2, 3]), { riskFreeRate: rate });
    expect(!outcome.ok && outcome.error).toEqual({
      kind: "invalid_input",
      field: "riskFreeRate",
      message: `riskFreeRate: must be a finite annual rate above -1 (-100 %), got ${rate}`,
    });
  });
});
