import { describe, expect, it } from "vitest";
import { position, twoAssetHistory, twoAssetReturns } from "./fixtures.testing";
import { calculatePerformance } from "./performance";
import { portfolioPerformance } from "./portfolioPerformance";
import type { PriceHistory } from "./types";

describe("portfolio performance over a date range", () => {
  it("a one-name book against that name: beta 1, no tracking error, the name's own Sharpe", () => {
    const history = twoAssetHistory();
    const outcome = portfolioPerformance([position("AAA", "10", "100")], history, {
      benchmarkSymbol: "AAA",
      riskFreeRate: 0.02,
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const own = calculatePerformance(Float64Array.from(twoAssetReturns().a), { riskFreeRate: 0.02 });
    expect(outcome.value.sharpe).toBeCloseTo((own.ok && own.value.sharpe) || Number.NaN, 10);
    expect(outcome.value.beta).toBeCloseTo(1, 10);
    expect(outcome.value.informationRatio).toBeNull();
    expect(outcome.value.from).toBe(history.dates[1]);
    expect(outcome.value.to).toBe(history.dates[120]);
    expect(outcome.value.benchmark).toBe("AAA");
    expect(outcome.value.periods).toBe(120);
  });

  it("by default against the equal-weighted market of the history, within a range", () => {
    const history = twoAssetHistory();
    const half = [position("AAA", "1", "100"), position("BBB", "2.5", "40")];
    const outcome = portfolioPerformance(half, history, { from: history.dates[0], to: history.dates[1] });
    expect(!outcome.ok && outcome.error.message).toBe(
      "performance: needs at least 2 clean daily returns, has 1",
    );
    const full = portfolioPerformance(half, history, { from: history.dates[10], to: history.dates[60] });
    expect(full.ok && full.value.benchmark).toBe("equal-weighted market");
    // The returns dated 10 to 60, both included.
    expect(full.ok && full.value.periods).toBe(51);
  });

  it("a suspect benchmark day is left out pairwise", () => {
    const history = twoAssetHistory();
    const jumpy = Float64Array.from(history.closes.get("BBB") as Float64Array);
    for (let t = 60; t < jumpy.length; t++) jumpy[t] = (jumpy[t] as number) * 3;
    const dirty: PriceHistory = {
      dates: history.dates,
      closes: new Map([...history.closes, ["BBB", jumpy]]),
    };
    const outcome = portfolioPerformance([position("AAA", "1", "100")], dirty, { benchmarkSymbol: "BBB" });
    const clean = portfolioPerformance([position("AAA", "1", "100")], history, { benchmarkSymbol: "BBB" });
    expect(
      outcome.ok && clean.ok && Math.abs((outcome.value.beta ?? 0) - (clean.value.beta ?? 0)),
    ).toBeLessThan(0.05);
  });

  it("an unknown benchmark or position symbol is refused, named (they used to be dropped silently)", () => {
    const history = twoAssetHistory();
    expect(portfolioPerformance([position("AAA", "1", "100")], history, { benchmarkSymbol: "SPY" })).toEqual({
      ok: false,
      error: {
        kind: "unknown_symbol",
        field: "benchmarkSymbol",
        symbols: ["SPY"],
        message: "benchmarkSymbol: no price history for SPY",
      },
    });
    const typo = portfolioPerformance([position("AAA", "1", "100"), position("BBBB", "2", "40")], history);
    expect(!typo.ok && typo.error.message).toBe("positions: no price history for BBBB");
  });
});
