import { describe, expect, it } from "vitest";
import { toDecimal } from "../money";
import { buildPriceHistory, historyBefore } from "./priceHistory";

describe("buildPriceHistory", () => {
  it("lays bars out on the union calendar, NaN where a symbol has no bar", () => {
    const bar = (date: string, symbol: string, close: string, volume: number) => ({
      date,
      symbol,
      close: toDecimal(close),
      volume,
    });
    const history = buildPriceHistory([
      bar("2015-08-24", "AAA", "10.5", 100),
      bar("2015-08-21", "AAA", "11", 200),
      bar("2015-08-25", "BBB", "3", 50),
      bar("2015-08-21", "BBB", "2.75", 60),
    ]);
    expect(history.dates).toEqual(["2015-08-21", "2015-08-24", "2015-08-25"]);
    expect([...(history.closes.get("AAA") ?? [])]).toEqual([11, 10.5, Number.NaN]);
    expect([...(history.closes.get("BBB") ?? [])]).toEqual([2.75, Number.NaN, 3]);
    expect([...(history.volumes?.get("BBB") ?? [])]).toEqual([60, Number.NaN, 50]);
    expect(history.droppedDates).toEqual([]);
  });

  it("drops (and reports) dates on which too few of the universe traded", () => {
    const bar = (date: string, symbol: string) => ({ date, symbol, close: toDecimal("1"), volume: 1 });
    const bars = [
      bar("2017-08-11", "AAA"),
      bar("2017-08-11", "BBB"),
      bar("2017-08-11", "TDG"),
      bar("2017-08-14", "TDG"),
    ];
    const strict = buildPriceHistory(bars, 0.5);
    expect(strict.dates).toEqual(["2017-08-11"]);
    expect(strict.droppedDates).toEqual([{ date: "2017-08-14", bars: 1 }]);
    // By default a date needs 10 % of the symbols: one of three is enough.
    expect(buildPriceHistory(bars).dates).toEqual(["2017-08-11", "2017-08-14"]);
  });
});

describe("historyBefore", () => {
  const history = buildPriceHistory(
    ["2015-08-21", "2015-08-24", "2015-08-25"].flatMap((date, index) => [
      { date, symbol: "AAA", close: toDecimal(String(10 + index)), volume: 100 + index },
      { date, symbol: "BBB", close: toDecimal(String(20 + index)), volume: 200 + index },
    ]),
  );

  it("keeps the dates before the day, and each symbol's closes and volumes up to them", () => {
    const before = historyBefore(history, "2015-08-24");
    expect(before.dates).toEqual(["2015-08-21"]);
    expect([...(before.closes.get("AAA") ?? [])]).toEqual([10]);
    expect([...(before.closes.get("BBB") ?? [])]).toEqual([20]);
    expect([...(before.volumes?.get("BBB") ?? [])]).toEqual([200]);
  });

  it("cuts at the next trading day when the day itself is not one (a weekend)", () => {
    expect(historyBefore(history, "2015-08-22").dates).toEqual(["2015-08-21"]);
  });

  it("knows nothing before the first day, and everything when the day is after the last", () => {
    expect(historyBefore(history, "2015-08-21").dates).toEqual([]);
    expect(historyBefore(history, "2015-08-21").closes.get("AAA")?.length).toBe(0);
    expect(historyBefore(history, "2015-08-26")).toBe(history);
  });

  it("leaves a history without volumes without them", () => {
    const { volumes: _volumes, ...closesOnly } = history;
    expect(historyBefore(closesOnly, "2015-08-25").volumes).toBeUndefined();
  });
});
