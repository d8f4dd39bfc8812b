/**
 * A move beyond 40 % that a reviewer confirmed as real (PriceHistory.confirmedMoves) is used by every
 * risk calculation instead of being excluded as suspect; an unconfirmed one still is.
 */
import { describe, expect, it } from "vitest";
import { toDecimal } from "../money";
import { closesFrom, dailyDates, twoAssetReturns } from "./fixtures.testing";
import { portfolioPerformance } from "./portfolioPerformance";
import { portfolioReturns } from "./returns";
import { runHistoricalScenario } from "./stress";
import type { PriceHistory } from "./types";
import { calculateVaR } from "./var";

// AAA crashes 60 % on day 50 (a real crash, or a spin-off already in the prices); BBB is ordinary.
const { a, b } = twoAssetReturns();
const crashed = a.map((r, t) => (t === 49 ? -0.6 : r));
const dates = dailyDates(a.length + 1);
const crashDate = dates[50] as string;
const base: PriceHistory = {
  dates,
  closes: new Map([
    ["AAA", closesFrom(100, crashed)],
    ["BBB", closesFrom(40, b)],
  ]),
};
const confirmed = (moves: [string, string[]][]): PriceHistory => ({
  ...base,
  confirmedMoves: new Map(moves.map(([symbol, days]) => [symbol, new Set(days)])),
});
const book = [
  { symbol: "AAA", quantity: toDecimal("10"), price: toDecimal("40") },
  { symbol: "BBB", quantity: toDecimal("10"), price: toDecimal("40") },
];
const varOf = (history: PriceHistory) => {
  const outcome = calculateVaR(book, history, { method: "historical", confidence: 0.95, lookbackDays: 120 });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
};

describe("confirmed moves", () => {
  it("are excluded until confirmed, for that symbol and date only", () => {
    for (const history of [
      base,
      confirmed([["BBB", [crashDate]]]), // another symbol's confirmation
      confirmed([["AAA", [dates[49] as string]]]), // another date's
    ]) {
      const result = varOf(history);
      expect(result.excluded).toEqual([
        { symbol: "AAA", date: crashDate, reason: "suspect_return", value: expect.closeTo(-0.6, 12) },
      ]);
      expect(result.observations).toBe(119);
    }
  });

  it("count in VaR once confirmed, as the worst day of the window", () => {
    const before = varOf(base);
    const after = varOf(confirmed([["AAA", [crashDate]]]));
    expect(after.excluded).toEqual([]);
    expect(after.observations).toBe(120);
    expect(after.expectedShortfall.gt(before.expectedShortfall)).toBe(true);
  });

  it("count in portfolio returns, a benchmark and a historical replay once confirmed", () => {
    const returnsOf = (history: PriceHistory) => {
      const outcome = portfolioReturns(book, history);
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value;
    };
    expect(returnsOf(base).excluded).toHaveLength(1);
    expect(returnsOf(confirmed([["AAA", [crashDate]]])).excluded).toEqual([]);

    const benchmarkOf = (history: PriceHistory) =>
      portfolioPerformance(book.slice(1), history, { benchmarkSymbol: "AAA" });
    expect(benchmarkOf(base)).not.toEqual(benchmarkOf(confirmed([["AAA", [crashDate]]])));

    const scenario = { id: "crash", name: "crash", from: dates[49] as string, to: crashDate };
    expect(runHistoricalScenario(book, base, scenario).positions[0]?.change).toBeNull();
    const replayed = runHistoricalScenario(book, confirmed([["AAA", [crashDate]]]), scenario);
    expect(replayed.positions[0]?.change?.toNumber()).toBeCloseTo(-0.6, 12);
  });
});
