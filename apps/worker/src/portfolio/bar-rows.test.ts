import { Decimal } from "@nexus/core/money";
import { describe, expect, it } from "vitest";
import { fromMarketBarText, toMarketBarRow, toMarketBarText } from "./bar-rows.js";

describe("market bar rows sent between threads as text", () => {
  it("come back with the same values, nulls kept, trailing zeros and all", () => {
    const row = toMarketBarRow({
      date: "2016-06-24",
      symbol: "AAPL",
      open: new Decimal("92.91"),
      high: new Decimal("94.66"),
      low: new Decimal("92.65"),
      close: new Decimal("93.40"),
      volume: 75_311_356,
    });
    const text = toMarketBarText(row);
    expect(text).toEqual({
      symbol: "AAPL",
      date: "2016-06-24",
      open: "92.91",
      high: "94.66",
      low: "92.65",
      close: "93.4",
      volume: "75311356",
    });
    // A clone keeps only plain data: what crosses is exactly this.
    expect(fromMarketBarText(structuredClone(text))).toEqual(row);
  });

  it("keep a missing price and volume as null", () => {
    const row = toMarketBarRow({
      date: "2016-06-24",
      symbol: "XOM",
      open: undefined,
      high: new Decimal("1"),
      low: new Decimal("2"),
      close: new Decimal("88.21"),
      volume: Number.NaN,
    });
    const back = fromMarketBarText(toMarketBarText(row));
    expect(back).toEqual({ ...row, open: null, high: null, low: null, volume: null });
  });
});
