/** readEventHistory on the real Postgres: stored events come back as the contract events they were, in order. */
import { randomUUID } from "node:crypto";
import type { OrderEvent, TradeExecutedEvent } from "@nexus/core/events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestSchema } from "../testing";
import { readEventHistory } from "./event-history";
import { insertOrderEvents, insertTradeEvents } from "./events";

let db: TestSchema;
beforeAll(async () => {
  db = await createTestDatabase("db_event_history");
});
afterAll(async () => {
  await db.close();
});

const buyer = randomUUID();
const seller = randomUUID();

function order(overrides: Partial<OrderEvent>): OrderEvent {
  return {
    event_id: randomUUID(),
    event_type: "order.created",
    occurred_at: "2026-03-02T14:30:00.000Z",
    order_id: randomUUID(),
    user_id: buyer,
    account_id: buyer,
    symbol: "AAPL",
    side: "buy",
    order_type: "limit",
    price: "189.50",
    quantity: "300",
    capacity: "principal",
    ...overrides,
  };
}

describe("readEventHistory", () => {
  it("gives back each event with every stored digit of its time and its decimals unpadded, in event-time order", async () => {
    const resting = order({
      occurred_at: "2026-03-02T14:30:01Z",
      side: "sell",
      user_id: seller,
      account_id: seller,
    });
    const entry = order({ occurred_at: "2026-03-02T14:30:01.000250Z", price: "189.5", quantity: "100" });
    const cancel = order({
      event_type: "order.cancelled",
      occurred_at: "2026-03-02T14:30:01.000250Z",
      order_id: entry.order_id,
      price: "189.5",
      quantity: "0.25",
    });
    const market = order({
      occurred_at: "2026-03-02T14:29:59.9Z",
      order_type: "market",
      price: null,
      venue_id: "XNAS",
      time_in_force: "ioc",
    });
    const trade: TradeExecutedEvent = {
      event_id: randomUUID(),
      event_type: "trade.executed",
      occurred_at: "2026-03-02T14:30:01.000250Z",
      trade_id: randomUUID(),
      symbol: "AAPL",
      price: "189.50",
      quantity: "75",
      buy_order_id: entry.order_id,
      sell_order_id: resting.order_id,
      buy_user_id: buyer,
      sell_user_id: seller,
      aggressor_side: "buy",
    };
    const elsewhere = order({ symbol: "MSFT" });
    // Stored out of order: the cancel before the trade and the entry of its own instant.
    await insertOrderEvents(db.db, [cancel, resting, entry, market, elsewhere]);
    await insertTradeEvents(db.db, [trade]);

    const history = await readEventHistory(db.db, {
      symbols: ["AAPL"],
      from: "2026-03-02T14:29:00Z",
      to: "2026-03-02T14:31:00Z",
    });

    expect(history.map((event) => [event.event_type, event.occurred_at])).toEqual([
      ["order.created", "2026-03-02T14:29:59.900000Z"],
      ["order.created", "2026-03-02T14:30:01.000000Z"],
      ["order.created", "2026-03-02T14:30:01.000250Z"],
      ["trade.executed", "2026-03-02T14:30:01.000250Z"],
      ["order.cancelled", "2026-03-02T14:30:01.000250Z"],
    ]);
    expect(history[0]).toEqual({ ...market, occurred_at: "2026-03-02T14:29:59.900000Z", quantity: "300" });
    expect(history[2]).toMatchObject({ order_id: entry.order_id, price: "189.5", quantity: "100" });
    expect(history[3]).toEqual({
      ...trade,
      occurred_at: "2026-03-02T14:30:01.000250Z",
      price: "189.5",
      buy_account_id: buyer,
      sell_account_id: seller,
    });
    expect(history[4]).toMatchObject({ quantity: "0.25" });
  });

  it("reads nothing for no symbols", async () => {
    expect(
      await readEventHistory(db.db, {
        symbols: [],
        from: "2026-03-02T00:00:00Z",
        to: "2026-03-03T00:00:00Z",
      }),
    ).toEqual([]);
  });
});
