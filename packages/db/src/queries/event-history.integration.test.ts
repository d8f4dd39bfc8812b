/**
 * readEventHistory and streamEventHistory on the real Postgres: stored events come back as the contract
 * events they were, in order.
 */
import { randomUUID } from "node:crypto";
import type { OrderEvent, TradeExecutedEvent } from "@nexus/core/events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestSchema } from "../testing";
import { readEventHistory, streamEventHistory } from "./event-history";
import type { StoredTradingEvent } from "./event-history";
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

  it("streams a period longer than one fetch in batches, orders and trades merged in event-time order", async () => {
    // 10,000 orders and 5,000 trades on one symbol, a trade every other order in the same millisecond
    // (entry, trade, then the cancel of one in three), stored trades first: the read, not the storage,
    // orders them, and its cursors each fetch several times.
    const start = Date.parse("2026-03-03T14:30:00Z");
    const orders: OrderEvent[] = [];
    const trades: TradeExecutedEvent[] = [];
    const expected: string[] = [];
    for (let index = 0; index < 10_000; index++) {
      const at = new Date(start + index).toISOString();
      const entry = order({ symbol: "STRM", occurred_at: at, account_id: `desk\u{1F600},${index}` });
      orders.push(entry);
      expected.push(`order.created ${entry.order_id}`);
      if (index % 2 === 1) {
        const trade: TradeExecutedEvent = {
          event_id: randomUUID(),
          event_type: "trade.executed",
          occurred_at: at,
          trade_id: randomUUID(),
          symbol: "STRM",
          price: "189.5",
          quantity: "10",
          buy_order_id: entry.order_id,
          sell_order_id: randomUUID(),
          buy_user_id: buyer,
          sell_user_id: seller,
          buy_account_id: "buy,1",
          sell_account_id: "sell 2",
          aggressor_side: "buy",
          venue_id: "X,NAS",
        };
        trades.push(trade);
        expected.push(`trade.executed ${trade.trade_id}`);
      }
      if (index % 3 === 0) {
        const cancel = order({
          symbol: "STRM",
          event_type: "order.cancelled",
          occurred_at: at,
          order_id: entry.order_id,
        });
        orders.push(cancel);
        expected.push(`order.cancelled ${cancel.order_id}`);
      }
    }
    await insertTradeEvents(db.db, trades);
    await insertOrderEvents(db.db, [...orders].reverse());

    const batches: StoredTradingEvent[][] = [];
    await streamEventHistory(
      db.db,
      { symbols: ["STRM"], from: "2026-03-03T14:30:00Z", to: "2026-03-03T15:00:00Z" },
      (batch) => void batches.push(batch),
    );

    expect(batches.length).toBeGreaterThan(2);
    const events = batches.flat();
    expect(
      events.map(
        (event) =>
          `${event.event_type} ${event.event_type === "trade.executed" ? event.trade_id : event.order_id}`,
      ),
    ).toEqual(expected);
    expect(events.find((event) => event.event_type === "trade.executed")).toMatchObject({
      buy_account_id: "buy,1",
      sell_account_id: "sell 2",
      venue_id: "X,NAS",
    });
    expect(events.filter((event) => event.event_type === "order.created").at(-1)).toMatchObject({
      account_id: "desk\u{1F600},9999",
    });
  });

  it("reads twice in one transaction (each read closes its cursors)", async () => {
    const query = { symbols: ["AAPL"], from: "2026-03-02T14:29:00Z", to: "2026-03-02T14:31:00Z" };
    const outside = await readEventHistory(db.db, query);
    const inside = await db.db.transaction(async (tx) => [
      await readEventHistory(tx, query),
      await readEventHistory(tx, query),
    ]);
    expect(inside).toEqual([outside, outside]);
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
