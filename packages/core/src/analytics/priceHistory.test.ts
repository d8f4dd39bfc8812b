import { describe, expect, it } from "vitest";
import { toDecimal } from "../money";
import { buildPriceHistory } from "./priceHistory";

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
