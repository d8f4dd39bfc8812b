import { describe, expect, it } from "vitest";
import { Decimal } from "../money";
import { classifyOrder, orderTypeOf, stockSectionOf } from "./order-type";

const d = (value: string) => new Decimal(value);
const quote = { nbboBid: d("10.00"), nbboAsk: d("10.02") };

describe("Rule 606 order types against the NBBO at receipt", () => {
  it("calls an order without a limit price a market order", () => {
    expect(classifyOrder({ side: "buy", limitPrice: null, ...quote })).toBe("market");
    expect(classifyOrder({ side: "sell", limitPrice: null, nbboBid: null, nbboAsk: null })).toBe("market");
  });

  it("calls a buy limit at or above the offer marketable, below it not", () => {
    expect(classifyOrder({ side: "buy", limitPrice: d("10.02"), ...quote })).toBe("marketable_limit");
    expect(classifyOrder({ side: "buy", limitPrice: d("10.05"), ...quote })).toBe("marketable_limit");
    expect(classifyOrder({ side: "buy", limitPrice: d("10.01"), ...quote })).toBe("non_marketable_limit");
  });

  it("calls a sell limit at or below the bid marketable, above it not", () => {
    expect(classifyOrder({ side: "sell", limitPrice: d("10.00"), ...quote })).toBe("marketable_limit");
    expect(classifyOrder({ side: "sell", limitPrice: d("9.50"), ...quote })).toBe("marketable_limit");
    expect(classifyOrder({ side: "sell", limitPrice: d("10.01"), ...quote })).toBe("non_marketable_limit");
  });

  it("puts a limit order with no quote on the far side under other orders", () => {
    expect(classifyOrder({ side: "buy", limitPrice: d("10"), nbboBid: d("9"), nbboAsk: null })).toBe("other");
    expect(classifyOrder({ side: "sell", limitPrice: d("10"), nbboBid: null, nbboAsk: d("11") })).toBe(
      "other",
    );
    expect(orderTypeOf(false, "absent")).toBe("market");
  });

  it("sections stocks by the S&P 500 list", () => {
    const sp500 = new Set(["AAPL"]);
    expect(stockSectionOf("AAPL", sp500)).toBe("sp500");
    expect(stockSectionOf("ZZZZ", sp500)).toBe("other_stocks");
  });
});
