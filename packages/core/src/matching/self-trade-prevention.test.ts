import { describe, expect, it } from "vitest";
import { ALICE, BOB, bookOf, limit, orderId, testEngine } from "./test-engine";
import type { SelfTradePrevention } from "./types";

/**
 * Alice rests 100 at 10 then 100 at 10 from Bob; Alice's incoming buy of 150 at 10 meets her own order
 * first. The incoming order's mode decides.
 */
function aliceMeetsHerself(selfTradePrevention: SelfTradePrevention, engineDefault?: SelfTradePrevention) {
  const engine = testEngine(engineDefault === undefined ? {} : { selfTradePrevention: engineDefault });
  engine.submit(limit(1, "sell", 100, "10", { userId: ALICE }));
  engine.submit(limit(2, "sell", 100, "10", { userId: BOB }));
  const order = limit(3, "buy", 150, "10", { userId: ALICE });
  const outcome = engine.submit(engineDefault === undefined ? { ...order, selfTradePrevention } : order);
  const events = outcome.orderEvents.map(
    (event) => `${event.event_type} ${event.order_id.slice(-1)} ${event.quantity}`,
  );
  return { engine, outcome, events };
}

describe("self-trade prevention", () => {
  it("none: the account trades with itself", () => {
    const { outcome, engine } = aliceMeetsHerself("none");
    expect(outcome.trades.map((trade) => [trade.sell_order_id, trade.quantity])).toEqual([
      [orderId(1), "100"],
      [orderId(2), "50"],
    ]);
    expect(bookOf(engine).asks).toEqual(["50@10x1"]);
  });

  it("cancel_resting: cancels the account's resting order and trades on", () => {
    const { outcome, events, engine } = aliceMeetsHerself("cancel_resting");
    expect(events).toEqual(["order.created 3 150", "order.cancelled 1 100"]);
    expect(outcome.trades.map((trade) => [trade.sell_order_id, trade.quantity])).toEqual([
      [orderId(2), "100"],
    ]);
    expect(outcome.status).toBe("partially_filled");
    expect(bookOf(engine)).toEqual({ bids: ["50@10x1"], asks: [] });
    expect(engine.cancel(orderId(1)).status).toBe("rejected");
  });

  it("cancel_incoming: cancels the incoming remainder and leaves the resting order", () => {
    const { outcome, events, engine } = aliceMeetsHerself("cancel_incoming");
    expect(events).toEqual(["order.created 3 150", "order.cancelled 3 150"]);
    expect(outcome.status).toBe("cancelled");
    expect(outcome.trades).toEqual([]);
    expect(bookOf(engine)).toEqual({ bids: [], asks: ["200@10x2"] });
  });

  it("cancel_both: cancels both and stops", () => {
    const { outcome, events, engine } = aliceMeetsHerself("cancel_both");
    expect(events).toEqual(["order.created 3 150", "order.cancelled 1 100", "order.cancelled 3 150"]);
    expect(outcome.status).toBe("cancelled");
    expect(bookOf(engine)).toEqual({ bids: [], asks: ["100@10x1"] });
  });

  it("applies the engine's default to orders that carry no mode", () => {
    const { events } = aliceMeetsHerself("none", "cancel_incoming");
    expect(events).toEqual(["order.created 3 150", "order.cancelled 3 150"]);
  });

  it("compares beneficial owners: the same account entered by different users is a self-trade", () => {
    const engine = testEngine({ selfTradePrevention: "cancel_incoming" });
    engine.submit(limit(1, "sell", 100, "10", { accountId: "FUND-7" }));
    const outcome = engine.submit(limit(2, "buy", 100, "10", { accountId: "FUND-7" }));
    expect(outcome.status).toBe("cancelled");
    expect(engine.submit(limit(3, "buy", 100, "10", { accountId: "FUND-8" })).status).toBe("filled");
  });

  it("cancel_resting emptying the last level lets the incoming order rest", () => {
    const engine = testEngine();
    engine.submit(limit(1, "sell", 100, "10", { userId: ALICE }));
    const outcome = engine.submit(
      limit(2, "buy", 100, "10", { userId: ALICE, selfTradePrevention: "cancel_resting" }),
    );
    expect(outcome.status).toBe("resting");
    expect(bookOf(engine)).toEqual({ bids: ["100@10x1"], asks: [] });
  });
});
