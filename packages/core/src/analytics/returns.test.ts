import { describe, expect, it } from "vitest";
import { aggregateReturns, isoWeek, portfolioReturns, RETURN_FREQUENCIES } from "./returns";
import type { PortfolioReturns } from "./returns";
import { dailyDates, position } from "./fixtures.testing";
import type { PriceHistory } from "./types";

function returnsOf(...args: Parameters<typeof portfolioReturns>): PortfolioReturns {
  const outcome = portfolioReturns(...args);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
}

// Hand-checkable: AAA 10 -> 11 -> 11 -> 12.1, BBB 20 -> 20 -> 18 -> 18.
const history: PriceHistory = {
  dates: ["2015-12-30", "2015-12-31", "2016-01-04", "2016-01-05"],
  closes: new Map([
    ["AAA", Float64Array.from([10, 11, 11, 12.1])],
    ["BBB", Float64Array.from([20, 20, 18, 18])],
  ]),
};

describe("daily portfolio returns", () => {
  it("value-weighted for a long book: P&L / previous value", () => {
    const daily = returnsOf([position("AAA", "2", "11"), position("BBB", "1", "18")], history);
    expect(daily.ends).toEqual(["2015-12-31", "2016-01-04", "2016-01-05"]);
    // day 1: +2 / 40; day 2: -2 / 42; day 3: +2.2 / 40
    expect([...daily.returns]).toEqual([
      expect.closeTo(2 / 40, 15),
      expect.closeTo(-2 / 42, 15),
      expect.closeTo(2.2 / 40, 15),
    ]);
    expect(daily.excluded).toEqual([]);
  });

  it("long/short: P&L over gross exposure; lots of one symbol net", () => {
    const daily = returnsOf(
      [position("AAA", "1", "11"), position("AAA", "1", "11"), position("BBB", "-1", "18")],
      history,
      // The range holds the returns dated from 4 January: the base is the close before it.
      { from: "2016-01-04", to: "2016-01-04" },
    );
    expect(daily.ends).toEqual(["2016-01-04"]);
    expect(daily.returns[0]).toBeCloseTo(2 / 42, 15); // (2 x 0 - 1 x -2) / (22 + 20)
  });

  it("missing closes and suspect moves sit the day out and are reported; a day with nothing clean is NaN", () => {
    const dirty: PriceHistory = {
      dates: dailyDates(4),
      closes: new Map([
        ["AAA", Float64Array.from([10, Number.NaN, 10, 10.5])],
        ["BBB", Float64Array.from([20, 20, 20, 30])],
      ]),
    };
    const daily = returnsOf([position("AAA", "1", "1"), position("BBB", "1", "1")], dirty);
    expect(daily.returns[0]).toBe(0); // only BBB, flat
    expect(daily.returns[1]).toBe(0);
    expect(daily.returns[2]).toBeCloseTo(0.05, 15); // BBB's +50 % is suspect: AAA alone
    expect(daily.excluded.map((e) => [e.symbol, e.reason])).toEqual([
      ["AAA", "missing_close"],
      ["AAA", "missing_close"],
      ["BBB", "suspect_return"],
    ]);
    // Reported date by date, and within a date in the book's order.
    const both = returnsOf([position("BBB", "1", "1"), position("AAA", "1", "1")], {
      ...dirty,
      closes: new Map([...dirty.closes, ["BBB", Float64Array.from([20, Number.NaN, 20, 30])]]),
    });
    expect(both.excluded.map((e) => [e.date, e.symbol])).toEqual([
      [dirty.dates[1], "BBB"],
      [dirty.dates[1], "AAA"],
      [dirty.dates[2], "BBB"],
      [dirty.dates[2], "AAA"],
      [dirty.dates[3], "BBB"],
    ]);
    const gapDay: PriceHistory = {
      dates: dirty.dates,
      closes: new Map([...dirty.closes, ["GAP", Float64Array.from([1, Number.NaN, 1, 1])]]),
    };
    expect(Number.isNaN(returnsOf([position("GAP", "1", "1")], gapDay).returns[0])).toBe(true);
  });

  it("a range outside the history is empty", () => {
    expect(returnsOf([position("AAA", "1", "1")], history, { from: "2020-01-01" }).returns).toHaveLength(0);
  });

  it("an unknown symbol is refused, named (it used to sit out every day unnoticed)", () => {
    expect(portfolioReturns([position("AAA", "1", "1"), position("ZZZ", "1", "1")], history)).toEqual({
      ok: false,
      error: {
        kind: "unknown_symbol",
        field: "positions",
        symbols: ["ZZZ"],
        message: "positions: no price history for ZZZ",
      },
    });
  });

  it("an empty or fully netted book is `no_exposure`; a closed position is left out; bad dates are named", () => {
    const refusal = (...args: Parameters<typeof portfolioReturns>) => {
      const outcome = portfolioReturns(...args);
      return !outcome.ok && outcome.error;
    };
    expect(refusal([], history)).toMatchObject({ kind: "no_exposure", positions: 0 });
    expect(refusal([position("AAA", "2", "1"), position("AAA", "-2", "1")], history)).toMatchObject({
      kind: "no_exposure",
      positions: 2,
    });
    const closed = returnsOf(
      [position("AAA", "2", "11"), position("ZZZ", "1", "1"), position("ZZZ", "-1", "1")],
      history,
    );
    expect(closed.returns[0]).toBeCloseTo(0.1, 15);
    expect(refusal([position("AAA", "1", "1")], history, { from: "2016-1-4" })).toMatchObject({
      field: "from",
    });
    expect(refusal([position("AAA", "1", "1")], history, { to: "2016-01-32" })).toMatchObject({
      field: "to",
    });
  });
});

describe("aggregation to calendar periods", () => {
  const daily = {
    ends: ["2015-12-30", "2015-12-31", "2016-01-04", "2016-01-05", "2016-03-31", "2016-04-01"],
    returns: Float64Array.from([0.01, 0.02, Number.NaN, -0.01, 0.03, 0.04]),
  };

  it("ISO weeks belong to the year of their Thursday", () => {
    expect(isoWeek("2015-12-31")).toBe("2015-W53");
    expect(isoWeek("2016-01-03")).toBe("2015-W53");
    expect(isoWeek("2016-01-04")).toBe("2016-W01");
    expect(isoWeek("2018-12-31")).toBe("2019-W01");
    expect(isoWeek("2015-08-24")).toBe("2015-W35");
  });

  it.each([
    ["daily", daily.ends, daily.ends, [0.01, 0.02, 0, -0.01, 0.03, 0.04]],
    [
      "weekly",
      ["2015-W53", "2016-W01", "2016-W13"],
      ["2015-12-31", "2016-01-05", "2016-04-01"],
      [1.01 * 1.02 - 1, -0.01, 1.03 * 1.04 - 1],
    ],
    [
      "monthly",
      ["2015-12", "2016-01", "2016-03", "2016-04"],
      ["2015-12-31", "2016-01-05", "2016-03-31", "2016-04-01"],
      [1.01 * 1.02 - 1, -0.01, 0.03, 0.04],
    ],
    [
      "quarterly",
      ["2015-Q4", "2016-Q1", "2016-Q2"],
      ["2015-12-31", "2016-03-31", "2016-04-01"],
      [1.01 * 1.02 - 1, 0.99 * 1.03 - 1, 0.04],
    ],
    ["yearly", ["2015", "2016"], ["2015-12-31", "2016-04-01"], [1.01 * 1.02 - 1, 0.99 * 1.03 * 1.04 - 1]],
  ] as const)("%s: compounded, a missing day counts as zero return", (frequency, periods, ends, returns) => {
    const series = aggregateReturns(daily, frequency);
    expect(series.periods).toEqual(periods);
    expect(series.ends).toEqual(ends);
    expect([...series.returns]).toEqual(returns.map((r) => expect.closeTo(r, 14)));
  });

  it("every frequency compounds to the same total return", () => {
    const totals = RETURN_FREQUENCIES.map((f) =>
      aggregateReturns(daily, f).returns.reduce((g, r) => g * (1 + r), 1),
    );
    for (const total of totals) expect(total).toBeCloseTo(totals[0] as number, 14);
  });
});
