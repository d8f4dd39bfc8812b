import { describe, expect, it } from "vitest";
import { orderEventSchema, tradeExecutedEventSchema } from "../events/index";
import { Decimal } from "../money";
import { ALICE, START, limit, market, orderId, testEngine } from "./test-engine";
import type { OrderOutcome } from "./types";

/** One session that produces every kind of event the engine emits. */
function session(): OrderOutcome[] {
  const engine = testEngine({ selfTradePrevention: "cancel_resting" });
  return [
    engine.submit(
      limit(1, "sell", 100, "189.30", { accountId: "ACC-1", capacity: "agency", timeInForce: "gtc" }),
    ),
    engine.submit(limit(2, "sell", 100, "189.25", { userId: ALICE })),
    engine.modify(orderId(1), { quantity: new Decimal(80) }),
    engine.submit(limit(3, "buy", 50, "189.25", { capacity: "principal", accountId: "ACC-2" })),
    engine.submit(market(4, "buy", 200, { userId: ALICE, timeInForce: "ioc" })),
    engine.submit(limit(5, "buy", 10, "189.00")),
    engine.cancel(orderId(5)),
  ];
}

describe("contract events", () => {
  it("are valid order.* and trades.executed events of docs/events.md", () => {
    const outcomes = session();
    const orderEvents = outcomes.flatMap((outcome) => outcome.orderEvents);
    const trades = outcomes.flatMap((outcome) => outcome.trades);
    expect(new Set(orderEvents.map((event) => event.event_type))).toEqual(
      new Set(["order.created", "order.modified", "order.cancelled"]),
    );
    expect(trades).toHaveLength(2);
    for (const event of orderEvents) expect(orderEventSchema.parse(event)).toEqual(event);
    for (const event of trades) expect(tradeExecutedEventSchema.parse(event)).toEqual(event);
    const ids = [
      ...orderEvents.map((event) => event.event_id),
      ...trades.flatMap((t) => [t.event_id, t.trade_id]),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("carry the order's terms, the venue and the time of the call", () => {
    const [first, , modify, , sweep] = session();
    expect(first?.orderEvents[0]).toEqual({
      event_id: expect.any(String),
      event_type: "order.created",
      occurred_at: new Date(START).toISOString(),
      order_id: orderId(1),
      user_id: expect.any(String),
      account_id: "ACC-1",
      symbol: "AAPL",
      side: "sell",
      order_type: "limit",
      price: "189.3",
      quantity: "100",
      capacity: "agency",
      venue_id: "NEXUS-INTERNAL",
      time_in_force: "gtc",
    });
    expect(modify?.orderEvents[0]?.occurred_at).toBe(new Date(START + 2).toISOString());
    // Alice's market buy cancels her own resting sell (cancel_resting), then sweeps the rest.
    expect(
      sweep?.orderEvents.map((event) => [event.event_type, event.order_id, event.price, event.quantity]),
    ).toEqual([
      ["order.created", orderId(4), null, "200"],
      ["order.cancelled", orderId(2), "189.25", "50"],
      ["order.cancelled", orderId(4), null, "120"],
    ]);
    expect(
      sweep?.trades.map((trade) => [
        trade.price,
        trade.quantity,
        trade.sell_account_id,
        trade.buy_account_id,
      ]),
    ).toEqual([["189.3", "80", "ACC-1", ALICE]]);
  });

  it("order events leave out account_id and capacity when the order had none (the contract's defaults)", () => {
    const plain = session()[5]?.orderEvents[0];
    expect(plain?.order_id).toBe(orderId(5));
    expect(plain).not.toHaveProperty("account_id");
    expect(plain).not.toHaveProperty("capacity");
  });

  it("replay: the same calls with the same clock and ids give the same events", () => {
    const events = () => JSON.stringify(session().map((outcome) => [outcome.orderEvents, outcome.trades]));
    expect(events()).toBe(events());
  });

  it("events of one millisecond share its timestamp", () => {
    const engine = testEngine({ now: () => START });
    const a = engine.submit(limit(1, "buy", 1, "1")).orderEvents[0];
    const b = engine.submit(limit(2, "buy", 1, "1")).orderEvents[0];
    expect(a?.occurred_at).toBe("2026-11-24T14:30:00.000Z");
    expect(b?.occurred_at).toBe(a?.occurred_at);
  });

  it("are built once per outcome: reading twice gives the same objects", () => {
    const engine = testEngine();
    engine.submit(limit(1, "sell", 100, "10"));
    const outcome = engine.submit(limit(2, "buy", 100, "10"));
    expect(outcome.trades).toBe(outcome.trades);
    expect(outcome.orderEvents).toBe(outcome.orderEvents);
  });

  it("an outcome serialises to JSON with every field, as the contract's strings", () => {
    const engine = testEngine();
    engine.submit(limit(1, "sell", 100, "10"));
    const outcome = JSON.parse(JSON.stringify(engine.submit(limit(2, "buy", 60, "10.5")))) as Record<
      string,
      unknown
    >;
    expect(outcome).toMatchObject({
      status: "filled",
      filledQuantity: "60",
      openQuantity: "0",
      averagePrice: "10",
    });
    expect(outcome.trades).toHaveLength(1);
    expect(outcome.orderEvents).toHaveLength(1);
  });

  it("an outcome keeps the figures of its call when the order changes later", () => {
    const engine = testEngine();
    const resting = engine.submit(limit(1, "sell", 100, "10"));
    engine.submit(limit(2, "buy", 60, "10"));
    expect(resting.openQuantity.toFixed()).toBe("100");
    expect(resting.filledQuantity.toFixed()).toBe("0");
  });
});
