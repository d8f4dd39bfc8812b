import { describe, expect, it } from "vitest";
import { Decimal } from "../money";
import { bookOf, limit, market, orderId, testEngine } from "./test-engine";
import type { NewOrder } from "./types";

describe("rejected orders", () => {
  const cases: [string, NewOrder, string][] = [
    ["off-grid price", limit(1, "buy", 100, "10.005"), "price 10.005 is off the 0.01 tick grid"],
    ["zero price", limit(1, "buy", 100, "0"), "price must be positive, got 0"],
    ["negative price", limit(1, "buy", 100, "-1"), "price must be positive, got -1"],
    [
      "price above the bound",
      limit(1, "buy", 100, "900000.01"),
      "price 900000.01 is above the engine's maximum of 90000000 ticks",
    ],
    ["fractional quantity", limit(1, "buy", "10.5", "10"), "quantity 10.5 is not a whole number of shares"],
    ["zero quantity", limit(1, "buy", 0, "10"), "quantity must be positive, got 0"],
    ["negative quantity", limit(1, "buy", -5, "10"), "quantity must be positive, got -5"],
    [
      "quantity above the bound",
      limit(1, "buy", 100_000_001, "10"),
      "quantity 100000001 is above the engine's maximum of 100000000 shares",
    ],
    [
      "market order with a price",
      market(1, "buy", 100, { price: new Decimal(10) }),
      "a market order takes no price",
    ],
    [
      "limit order without a price",
      { ...limit(1, "buy", 100, "10"), price: null },
      "a limit order needs a price",
    ],
    [
      "bad symbol",
      limit(1, "buy", 100, "10", { symbol: "aapl" }),
      'symbol "aapl" is not 1-20 characters of A-Z 0-9 . -',
    ],
  ];

  it.each(cases)("%s", (_name, order, reason) => {
    const engine = testEngine();
    const outcome = engine.submit(order);
    expect(outcome).toEqual({
      status: "rejected",
      rejectReason: reason,
      filledQuantity: new Decimal(0),
      openQuantity: new Decimal(0),
      averagePrice: null,
      trades: [],
      orderEvents: [],
    });
    expect(bookOf(engine, order.symbol)).toEqual({ bids: [], asks: [] });
    // A refused order id was never accepted: the corrected order may use it.
    expect(engine.submit(limit(1, "buy", 100, "10")).status).toBe("resting");
  });

  it("accepts the largest order at the highest price the bounds allow", () => {
    const engine = testEngine();
    expect(engine.submit(limit(1, "buy", 100_000_000, "900000")).status).toBe("resting");
  });

  it("refuses a duplicate order id, whether the first order is open or done", () => {
    const engine = testEngine();
    engine.submit(limit(1, "buy", 100, "10"));
    expect(engine.submit(limit(1, "buy", 100, "10")).rejectReason).toBe(`duplicate order id ${orderId(1)}`);
    engine.submit(market(2, "sell", 100));
    expect(engine.submit(limit(2, "sell", 100, "10")).rejectReason).toBe(`duplicate order id ${orderId(2)}`);
    expect(bookOf(engine)).toEqual({ bids: [], asks: [] });
  });
});
