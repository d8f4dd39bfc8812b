import { describe, expect, it } from "vitest";
import { ALICE, bookOf, limit, market, testEngine } from "./test-engine";

/** ioc and fok on the matching engine: what trades, what is cancelled, what the book keeps. */
describe("time in force", () => {
  function askLadder() {
    const engine = testEngine();
    engine.submit(limit(1, "sell", 100, "10"));
    engine.submit(limit(2, "sell", 100, "10.01"));
    return engine;
  }

  it("ioc trades what it can and cancels the rest", () => {
    const engine = askLadder();
    const outcome = engine.submit(limit(3, "buy", 150, "10", { timeInForce: "ioc" }));
    expect(outcome.status).toBe("cancelled");
    expect(outcome.filledQuantity.toFixed()).toBe("100");
    expect(outcome.orderEvents.map((event) => [event.event_type, event.quantity])).toEqual([
      ["order.created", "150"],
      ["order.cancelled", "50"],
    ]);
    expect(bookOf(engine)).toEqual({ bids: [], asks: ["100@10.01x1"] });
  });

  it("ioc that fills completely is filled", () => {
    const engine = askLadder();
    expect(engine.submit(limit(3, "buy", 100, "10", { timeInForce: "ioc" })).status).toBe("filled");
  });

  it("fok fills completely across levels when the size is there within its limit", () => {
    const engine = askLadder();
    const outcome = engine.submit(limit(3, "buy", 200, "10.01", { timeInForce: "fok" }));
    expect(outcome.status).toBe("filled");
    expect(outcome.trades.map((trade) => trade.quantity)).toEqual(["100", "100"]);
  });

  it("fok is killed without trading when one share is missing, leaving the book untouched", () => {
    const engine = askLadder();
    const outcome = engine.submit(limit(3, "buy", 201, "10.01", { timeInForce: "fok" }));
    expect(outcome.status).toBe("cancelled");
    expect(outcome.trades).toEqual([]);
    expect(outcome.filledQuantity.toFixed()).toBe("0");
    expect(outcome.orderEvents.map((event) => [event.event_type, event.quantity])).toEqual([
      ["order.created", "201"],
      ["order.cancelled", "201"],
    ]);
    expect(bookOf(engine).asks).toEqual(["100@10x1", "100@10.01x1"]);
  });

  it("fok counts only the levels within its limit", () => {
    const engine = askLadder();
    expect(engine.submit(limit(3, "buy", 101, "10", { timeInForce: "fok" })).status).toBe("cancelled");
    expect(engine.submit(market(4, "buy", 200, { timeInForce: "fok" })).status).toBe("filled");
  });

  it("fok against an empty side is killed", () => {
    const engine = testEngine();
    expect(engine.submit(limit(1, "sell", 1, "10", { timeInForce: "fok" })).status).toBe("cancelled");
  });

  it("fok does not count the size self-trade prevention would take away", () => {
    const engine = testEngine();
    engine.submit(limit(1, "sell", 100, "10", { userId: ALICE }));
    engine.submit(limit(2, "sell", 100, "10"));
    const fok = (n: number, quantity: number, selfTradePrevention: "cancel_resting" | "cancel_incoming") =>
      engine.submit(
        limit(n, "buy", quantity, "10", { userId: ALICE, timeInForce: "fok", selfTradePrevention }),
      ).status;
    // cancel_incoming stops at Alice's own order, which comes first: nothing is fillable.
    expect(fok(3, 1, "cancel_incoming")).toBe("cancelled");
    // cancel_resting skips it: only Carol's 100 count.
    expect(fok(4, 101, "cancel_resting")).toBe("cancelled");
    expect(bookOf(engine).asks).toEqual(["200@10x2"]);
    expect(fok(5, 100, "cancel_resting")).toBe("filled");
    expect(bookOf(engine).asks).toEqual([]);
  });

  it.each(["cancel_incoming", "cancel_both"] as const)(
    "fok counts only the size ahead of the account's own order when %s would stop there",
    (selfTradePrevention) => {
      const engine = testEngine();
      engine.submit(limit(1, "sell", 100, "10"));
      engine.submit(limit(2, "sell", 100, "10", { userId: ALICE }));
      engine.submit(limit(3, "sell", 100, "10"));
      const fok = (n: number, quantity: number) =>
        engine.submit(
          limit(n, "buy", quantity, "10", { userId: ALICE, timeInForce: "fok", selfTradePrevention }),
        );
      const killed = fok(4, 101);
      expect(killed.status).toBe("cancelled");
      expect(killed.trades).toEqual([]);
      expect(bookOf(engine).asks).toEqual(["300@10x3"]);
      expect(fok(5, 100).status).toBe("filled");
    },
  );

  it("fok with no self-trade prevention counts the account's own orders too", () => {
    const engine = testEngine();
    engine.submit(limit(1, "sell", 100, "10", { userId: ALICE }));
    const outcome = engine.submit(limit(2, "buy", 100, "10", { userId: ALICE, timeInForce: "fok" }));
    expect(outcome.status).toBe("filled");
  });

  it("a day or gtc remainder rests", () => {
    const engine = askLadder();
    expect(engine.submit(limit(3, "buy", 150, "10", { timeInForce: "gtc" })).status).toBe("partially_filled");
    expect(bookOf(engine).bids).toEqual(["50@10x1"]);
  });
});
