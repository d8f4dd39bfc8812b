import { describe, expect, it } from "vitest";
import { Decimal } from "../money";
import { BOB, CAROL, bookOf, limit, market, orderId, testEngine } from "./test-engine";

const tradesOf = (outcome: { trades: { price: string; quantity: string; sell_order_id: string }[] }) =>
  outcome.trades.map((trade) => `${trade.quantity}@${trade.price} vs ${trade.sell_order_id.slice(-2)}`);

describe("price-time priority", () => {
  it("rests a limit order that crosses nothing and quotes it", () => {
    const engine = testEngine();
    const outcome = engine.submit(limit(1, "buy", 100, "189.25"));
    expect(outcome.status).toBe("resting");
    expect(outcome.filledQuantity.toFixed()).toBe("0");
    expect(outcome.openQuantity.toFixed()).toBe("100");
    expect(outcome.averagePrice).toBeNull();
    expect(outcome.trades).toEqual([]);
    expect(engine.bestBid("AAPL")).toEqual({
      price: new Decimal("189.25"),
      quantity: new Decimal(100),
      orders: 1,
    });
    expect(engine.bestAsk("AAPL")).toBeUndefined();
  });

  it("fills at the best price first, then the oldest order within a price, at the resting prices", () => {
    const engine = testEngine();
    engine.submit(limit(1, "sell", 100, "10.02"));
    engine.submit(limit(2, "sell", 100, "10.01"));
    engine.submit(limit(3, "sell", 50, "10.01"));
    engine.submit(limit(4, "sell", 100, "10.03"));
    const outcome = engine.submit(limit(5, "buy", 220, "10.02"));
    expect(tradesOf(outcome)).toEqual(["100@10.01 vs 02", "50@10.01 vs 03", "70@10.02 vs 01"]);
    expect(outcome.status).toBe("filled");
    expect(outcome.filledQuantity.toFixed()).toBe("220");
    expect(outcome.openQuantity.toFixed()).toBe("0");
    // (150 x 10.01 + 70 x 10.02) / 220
    expect(outcome.averagePrice?.toFixed()).toBe(new Decimal("2202.9").div(220).toFixed());
    expect(bookOf(engine)).toEqual({ bids: [], asks: ["30@10.02x1", "100@10.03x1"] });
  });

  it("stops at the limit and rests the remainder at its own price", () => {
    const engine = testEngine();
    engine.submit(limit(1, "buy", 100, "9.99"));
    engine.submit(limit(2, "buy", 100, "9.98"));
    const outcome = engine.submit(limit(3, "sell", 250, "9.99"));
    expect(outcome.trades.map((trade) => trade.buy_order_id)).toEqual([orderId(1)]);
    expect(outcome.status).toBe("partially_filled");
    expect(outcome.openQuantity.toFixed()).toBe("150");
    expect(bookOf(engine)).toEqual({ bids: ["100@9.98x1"], asks: ["150@9.99x1"] });
  });

  it("keeps a partially filled resting order at the head of its queue", () => {
    const engine = testEngine();
    engine.submit(limit(1, "sell", 100, "10"));
    engine.submit(limit(2, "sell", 100, "10"));
    engine.submit(limit(3, "buy", 40, "10"));
    const outcome = engine.submit(limit(4, "buy", 100, "10"));
    expect(tradesOf(outcome)).toEqual(["60@10 vs 01", "40@10 vs 02"]);
    expect(engine.openOrder(orderId(1))).toBeUndefined();
    expect(engine.openOrder(orderId(2))?.openQuantity.toFixed()).toBe("60");
  });

  it("reports the aggressor side and both parties of each trade, accounts defaulting to the users", () => {
    const engine = testEngine();
    engine.submit(limit(1, "buy", 100, "50", { accountId: "ACC-BUY" }));
    const [trade] = engine.submit(limit(2, "sell", 100, "49.5")).trades;
    expect(trade).toMatchObject({
      event_type: "trade.executed",
      symbol: "AAPL",
      price: "50",
      quantity: "100",
      buy_order_id: orderId(1),
      sell_order_id: orderId(2),
      buy_user_id: BOB,
      sell_user_id: CAROL,
      buy_account_id: "ACC-BUY",
      sell_account_id: CAROL,
      aggressor_side: "sell",
      venue_id: "NEXUS-INTERNAL",
    });
  });

  it("keeps books of different symbols apart", () => {
    const engine = testEngine();
    engine.submit(limit(1, "sell", 100, "10", { symbol: "MSFT" }));
    const outcome = engine.submit(limit(2, "buy", 100, "10"));
    expect(outcome.status).toBe("resting");
    expect(bookOf(engine, "MSFT")).toEqual({ bids: [], asks: ["100@10x1"] });
  });

  it("sorts levels inserted away from the touch and drops emptied inner levels", () => {
    const engine = testEngine();
    for (const [n, price] of [
      [1, "10.05"],
      [2, "10.01"],
      [3, "10.03"],
      [4, "10.02"],
      [5, "10.04"],
    ] as const) {
      engine.submit(limit(n, "sell", 10, price));
      engine.submit(limit(10 + n, "buy", 10, new Decimal(price).minus(1).toFixed()));
    }
    expect(bookOf(engine).asks).toEqual([
      "10@10.01x1",
      "10@10.02x1",
      "10@10.03x1",
      "10@10.04x1",
      "10@10.05x1",
    ]);
    expect(bookOf(engine).bids).toEqual(["10@9.05x1", "10@9.04x1", "10@9.03x1", "10@9.02x1", "10@9.01x1"]);
    engine.cancel(orderId(3));
    engine.cancel(orderId(15));
    expect(bookOf(engine).asks).toEqual(["10@10.01x1", "10@10.02x1", "10@10.04x1", "10@10.05x1"]);
    expect(bookOf(engine).bids).toEqual(["10@9.05x1", "10@9.03x1", "10@9.02x1", "10@9.01x1"]);
    expect(engine.depth("AAPL", 2)).toEqual({
      bids: [
        { price: new Decimal("9.05"), quantity: new Decimal(10), orders: 1 },
        { price: new Decimal("9.03"), quantity: new Decimal(10), orders: 1 },
      ],
      asks: [
        { price: new Decimal("10.01"), quantity: new Decimal(10), orders: 1 },
        { price: new Decimal("10.02"), quantity: new Decimal(10), orders: 1 },
      ],
    });
  });

  it("answers book queries on a symbol it has never seen with nothing", () => {
    const engine = testEngine();
    expect(engine.bestBid("TSLA")).toBeUndefined();
    expect(engine.bestAsk("TSLA")).toBeUndefined();
    expect(engine.depth("TSLA", 5)).toEqual({ bids: [], asks: [] });
  });
});

describe("cancel", () => {
  it("takes the open remainder off the book and reports it", () => {
    const engine = testEngine();
    engine.submit(limit(1, "sell", 100, "10"));
    engine.submit(limit(2, "sell", 100, "10"));
    engine.submit(limit(3, "buy", 30, "10"));
    const outcome = engine.cancel(orderId(1));
    expect(outcome.status).toBe("cancelled");
    expect(outcome.filledQuantity.toFixed()).toBe("30");
    expect(outcome.openQuantity.toFixed()).toBe("0");
    expect(outcome.averagePrice?.toFixed()).toBe("10");
    expect(outcome.orderEvents).toMatchObject([
      { event_type: "order.cancelled", order_id: orderId(1), quantity: "70", price: "10" },
    ]);
    expect(bookOf(engine).asks).toEqual(["100@10x1"]);
  });

  it("takes an order out of the middle or the back of its queue, keeping the others' priority", () => {
    const engine = testEngine();
    for (const n of [1, 2, 3, 4]) engine.submit(limit(n, "sell", 10, "10"));
    engine.cancel(orderId(2));
    engine.cancel(orderId(4));
    expect(bookOf(engine).asks).toEqual(["20@10x2"]);
    expect(tradesOf(engine.submit(limit(5, "buy", 20, "10")))).toEqual(["10@10 vs 01", "10@10 vs 03"]);
  });

  it("refuses unknown orders and orders that are no longer open", () => {
    const engine = testEngine();
    engine.submit(limit(1, "sell", 100, "10"));
    engine.submit(limit(2, "buy", 100, "10"));
    expect(engine.cancel(orderId(9))).toMatchObject({
      status: "rejected",
      rejectReason: `unknown order id ${orderId(9)}`,
      orderEvents: [],
    });
    expect(engine.cancel(orderId(1)).rejectReason).toBe(`order ${orderId(1)} is no longer open`);
    engine.submit(limit(3, "sell", 100, "11"));
    engine.cancel(orderId(3));
    expect(engine.cancel(orderId(3)).status).toBe("rejected");
  });
});

describe("modify", () => {
  function queueOfThree() {
    const engine = testEngine();
    engine.submit(limit(1, "sell", 100, "10"));
    engine.submit(limit(2, "sell", 100, "10"));
    engine.submit(limit(3, "sell", 100, "10"));
    return engine;
  }
  const firstSeller = (engine: ReturnType<typeof testEngine>) =>
    engine.submit(limit(99, "buy", 1, "10")).trades[0]?.sell_order_id;

  it("keeps time priority on a size decrease", () => {
    const engine = queueOfThree();
    const outcome = engine.modify(orderId(1), { quantity: new Decimal(40) });
    expect(outcome.status).toBe("resting");
    expect(outcome.openQuantity.toFixed()).toBe("40");
    expect(outcome.orderEvents).toMatchObject([
      { event_type: "order.modified", order_id: orderId(1), quantity: "40", price: "10" },
    ]);
    expect(bookOf(engine).asks).toEqual(["240@10x3"]);
    expect(firstSeller(engine)).toBe(orderId(1));
  });

  it("loses time priority on a size increase", () => {
    const engine = queueOfThree();
    expect(engine.modify(orderId(1), { quantity: new Decimal(150) }).status).toBe("resting");
    expect(bookOf(engine).asks).toEqual(["350@10x3"]);
    expect(firstSeller(engine)).toBe(orderId(2));
  });

  it("loses time priority on a price change, even back to the same price", () => {
    const engine = queueOfThree();
    engine.modify(orderId(1), { price: new Decimal("10.01") });
    expect(bookOf(engine).asks).toEqual(["200@10x2", "100@10.01x1"]);
    engine.modify(orderId(1), { price: new Decimal("10") });
    expect(firstSeller(engine)).toBe(orderId(2));
    expect(engine.openOrder(orderId(1))?.order.price?.toFixed()).toBe("10");
  });

  it("trades when the new price crosses, as the aggressor, and rests the rest", () => {
    const engine = testEngine();
    engine.submit(limit(1, "buy", 60, "9.99"));
    engine.submit(limit(2, "sell", 100, "10.05"));
    const outcome = engine.modify(orderId(2), { price: new Decimal("9.99"), quantity: new Decimal(80) });
    expect(outcome.orderEvents).toMatchObject([
      { event_type: "order.modified", price: "9.99", quantity: "80" },
    ]);
    expect(outcome.trades).toMatchObject([{ price: "9.99", quantity: "60", aggressor_side: "sell" }]);
    expect(outcome.status).toBe("partially_filled");
    expect(bookOf(engine)).toEqual({ bids: [], asks: ["20@9.99x1"] });
  });

  it("reports a modify that crosses completely as filled", () => {
    const engine = testEngine();
    engine.submit(limit(1, "buy", 100, "10"));
    engine.submit(limit(2, "sell", 50, "10.5"));
    expect(engine.modify(orderId(2), { price: new Decimal("10") }).status).toBe("filled");
    expect(engine.openOrder(orderId(2))).toBeUndefined();
  });

  it("keeps the filled part: a decrease of a partly filled order stays partially filled", () => {
    const engine = testEngine();
    engine.submit(limit(1, "sell", 100, "10"));
    engine.submit(limit(2, "buy", 30, "10"));
    const outcome = engine.modify(orderId(1), { quantity: new Decimal(50) });
    expect(outcome.status).toBe("partially_filled");
    expect(outcome.filledQuantity.toFixed()).toBe("30");
    expect(engine.openOrder(orderId(1))).toMatchObject({
      order: { orderId: orderId(1), quantity: new Decimal(80), price: new Decimal(10) },
      openQuantity: new Decimal(50),
    });
    expect(engine.modify(orderId(1), { price: new Decimal("10.1") }).status).toBe("partially_filled");
  });

  it("refuses changes that are invalid or change nothing, leaving the order as it was", () => {
    const engine = testEngine();
    engine.submit(limit(1, "sell", 100, "10"));
    engine.submit(limit(2, "buy", 30, "10"));
    const refused = (change: Parameters<typeof engine.modify>[1]) =>
      engine.modify(orderId(1), change).rejectReason;
    expect(refused({ price: new Decimal("10.001") })).toBe("price 10.001 is off the 0.01 tick grid");
    expect(refused({ quantity: new Decimal("0") })).toBe("quantity must be positive, got 0");
    expect(refused({ quantity: new Decimal(100_000_000) })).toBe(
      "quantity 100000000 (plus 30 filled) is above the engine's maximum of 100000000 shares",
    );
    expect(refused({})).toBe(`the modify leaves order ${orderId(1)} as it is`);
    expect(refused({ price: new Decimal("10.00"), quantity: new Decimal(70) })).toBe(
      `the modify leaves order ${orderId(1)} as it is`,
    );
    expect(engine.modify(orderId(7), { quantity: new Decimal(1) }).rejectReason).toBe(
      `unknown order id ${orderId(7)}`,
    );
    expect(bookOf(engine).asks).toEqual(["70@10x1"]);
  });
});

describe("end of day", () => {
  it("cancels resting day orders of every symbol and keeps gtc orders", () => {
    const engine = testEngine();
    engine.submit(limit(1, "sell", 100, "10"));
    engine.submit(limit(2, "sell", 100, "10", { timeInForce: "gtc" }));
    engine.submit(limit(3, "buy", 100, "9", { symbol: "MSFT" }));
    const outcomes = engine.endOfDay();
    expect(outcomes.flatMap((outcome) => outcome.orderEvents.map((event) => event.order_id))).toEqual([
      orderId(1),
      orderId(3),
    ]);
    expect(bookOf(engine)).toEqual({ bids: [], asks: ["100@10x1"] });
    expect(bookOf(engine, "MSFT")).toEqual({ bids: [], asks: [] });
  });

  it("forgets finished order ids at the close but still refuses the id of an open gtc order", () => {
    const engine = testEngine();
    engine.submit(limit(1, "sell", 100, "10", { timeInForce: "gtc" }));
    engine.submit(limit(2, "buy", 100, "9"));
    engine.endOfDay();
    expect(engine.submit(limit(1, "sell", 100, "10")).rejectReason).toBe(`duplicate order id ${orderId(1)}`);
    expect(engine.cancel(orderId(2)).rejectReason).toBe(`unknown order id ${orderId(2)}`);
    expect(engine.submit(limit(2, "buy", 100, "9")).status).toBe("resting");
  });
});

describe("engine options", () => {
  it("works on a coarser tick grid and exposes it", () => {
    const engine = testEngine({ tickSize: new Decimal("0.05") });
    expect(engine.tickSize.toFixed()).toBe("0.05");
    expect(engine.submit(limit(1, "buy", 1, "10.05")).status).toBe("resting");
    expect(engine.submit(limit(2, "buy", 1, "10.07")).rejectReason).toBe(
      "price 10.07 is off the 0.05 tick grid",
    );
  });

  it("refuses a tick size that is not positive", () => {
    expect(() => testEngine({ tickSize: new Decimal(0) })).toThrow("tick size must be positive, got 0");
  });
});

describe("market orders", () => {
  it("sweeps levels until filled, whatever the price", () => {
    const engine = testEngine();
    engine.submit(limit(1, "buy", 100, "10"));
    engine.submit(limit(2, "buy", 100, "9"));
    const outcome = engine.submit(market(3, "sell", 150));
    expect(outcome.status).toBe("filled");
    expect(outcome.averagePrice?.toFixed()).toBe(new Decimal(1450).div(150).toFixed());
    expect(outcome.orderEvents).toMatchObject([
      { event_type: "order.created", price: null, order_type: "market" },
    ]);
  });

  it("cancels the remainder it cannot fill instead of resting it", () => {
    const engine = testEngine();
    engine.submit(limit(1, "sell", 100, "10"));
    const outcome = engine.submit(market(2, "buy", 150, { timeInForce: "gtc" }));
    expect(outcome.status).toBe("cancelled");
    expect(outcome.filledQuantity.toFixed()).toBe("100");
    expect(outcome.orderEvents.map((event) => [event.event_type, event.quantity, event.price])).toEqual([
      ["order.created", "150", null],
      ["order.cancelled", "50", null],
    ]);
    expect(bookOf(engine)).toEqual({ bids: [], asks: [] });
  });

  it("is cancelled outright against an empty side", () => {
    const engine = testEngine();
    engine.submit(limit(1, "buy", 100, "10"));
    const outcome = engine.submit(market(2, "buy", 100));
    expect(outcome.status).toBe("cancelled");
    expect(outcome.trades).toEqual([]);
    expect(outcome.averagePrice).toBeNull();
    expect(bookOf(engine).bids).toEqual(["100@10x1"]);
  });
});
