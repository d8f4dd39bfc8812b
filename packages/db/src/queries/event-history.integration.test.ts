/**
 * readEventHistory and streamEventHistory on the real Postgres: stored events come back as the contract
 * events they were, in order.
 */
import { randomUUID } from "node:crypto";
import type { OrderEvent, TradeExecutedEvent } from "@nexus/core/events";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestSchema } from "../testing";
import { readEventHistory, streamEventHistory } from "./event-history";
import type { StoredTradingEvent } from "./event-history";
import { insertOrderEvents, insertTradeEvents } from "./events";
import { isoUtc } from "./iso-utc";

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

  it("streams a period longer than one batch in batches, orders and trades merged in event-time order", async () => {
    // 10,000 orders and 5,000 trades on one symbol, a trade every other order in the same millisecond
    // (entry, trade, then the cancel of one in three), stored trades first: the read, not the storage,
    // orders them, and hands them over in several batches.
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

  it("reads twice in one transaction, on the transaction's connection", async () => {
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

/**
 * The stored columns read plainly, one query per table (the time as ISO-8601 UTC with every digit,
 * decimals without the storage scale's zeros, absent optional fields left out), to compare the read
 * with. Each table's rows come in the read's order: by symbol, time, rank, then as stored.
 */
async function storedColumns(query: { symbols: string[]; from: string; to: string }) {
  const where = sql`symbol in (${sql.join(
    query.symbols.map((symbol) => sql`${symbol}`),
    sql`, `,
  )}) and occurred_at >= ${query.from}::timestamptz and occurred_at < ${query.to}::timestamptz`;
  const orders = await db.db.execute<Record<string, string | null>>(sql`
    select event_id::text, event_type::text, ${isoUtc(sql`occurred_at`)} as occurred_at, order_id::text,
           user_id::text, account_id, symbol, side::text, order_type::text, trim_scale(price)::text as price,
           trim_scale(quantity)::text as quantity, capacity::text, venue_id, time_in_force::text
      from order_events where ${where}
     order by symbol, occurred_at, event_type = 'order.cancelled', ctid`);
  const trades = await db.db.execute<Record<string, string | null>>(sql`
    select event_id::text, 'trade.executed' as event_type, ${isoUtc(sql`occurred_at`)} as occurred_at,
           trade_id::text, symbol, trim_scale(price)::text as price, trim_scale(quantity)::text as quantity,
           buy_order_id::text, sell_order_id::text, buy_user_id::text, sell_user_id::text, buy_account_id,
           sell_account_id, aggressor_side::text, venue_id
      from trade_events where ${where}
     order by symbol, occurred_at, ctid`);
  const present = (row: Record<string, string | null>) =>
    Object.fromEntries(
      Object.entries(row).filter(
        ([key, value]) => value !== null || !(key === "venue_id" || key === "time_in_force"),
      ),
    );
  return { orders: [...orders].map(present), trades: [...trades].map(present) };
}

describe("readEventHistory against the stored columns", () => {
  const period = { from: "2026-08-03T09:00:00.000001Z", to: "2026-08-03T09:00:05.000002Z" };
  const trade = (overrides: Partial<TradeExecutedEvent>): TradeExecutedEvent => ({
    event_id: randomUUID(),
    event_type: "trade.executed",
    occurred_at: "2026-08-03T09:00:01.000001Z",
    trade_id: randomUUID(),
    symbol: "EDGA",
    price: "10.000100",
    quantity: "5",
    buy_order_id: randomUUID(),
    sell_order_id: randomUUID(),
    buy_user_id: buyer,
    sell_user_id: seller,
    buy_account_id: buyer,
    sell_account_id: seller,
    aggressor_side: "sell",
    ...overrides,
  });
  // Free text as COPY escapes it (tab, newline, carriage return, backslashes, a backslash sequence
  // spelled out), quotes, and characters beyond one byte.
  const awkward = "desk\\t 1\\\\N\\\t\n\r'\"é😀";
  // A symbol of the database's own (the contract's are plainer): the read quotes it as a literal.
  const quotedSymbol = "Q'\\Z";
  const stored = {
    orders: [
      // On the period's start (inclusive) and end (exclusive).
      order({ symbol: "EDGA", occurred_at: period.from }),
      order({ symbol: "EDGA", occurred_at: period.to }),
      order({ symbol: "EDGA", occurred_at: "2026-08-03T09:00:00Z" }),
      // One instant: a cancel, a modify and an entry (the entry and modify in stored order), a trade.
      order({ symbol: "EDGA", event_type: "order.cancelled", occurred_at: "2026-08-03T09:00:01.000001Z" }),
      order({ symbol: "EDGA", event_type: "order.modified", occurred_at: "2026-08-03T09:00:01.000001Z" }),
      order({
        symbol: "EDGA",
        occurred_at: "2026-08-03T09:00:01.000001Z",
        account_id: awkward,
        venue_id: awkward,
        time_in_force: "fok",
        capacity: "agency",
        side: "sell",
      }),
      order({
        symbol: "EDGB",
        occurred_at: "2026-08-03T09:00:00.5Z",
        order_type: "market",
        price: null,
        quantity: "0.000001",
      }),
      order({ symbol: quotedSymbol, occurred_at: "2026-08-03T09:00:02.999999Z", price: "1e-6" }),
    ],
    trades: [
      trade({ symbol: "EDGA", buy_account_id: awkward, sell_account_id: "", venue_id: awkward }),
      trade({ symbol: "EDGB", occurred_at: "2026-08-03T09:00:00.5Z", aggressor_side: "buy" }),
      trade({ symbol: "EDGA", occurred_at: period.to }),
    ],
  };

  beforeAll(async () => {
    await insertOrderEvents(db.db, stored.orders);
    await insertTradeEvents(db.db, stored.trades);
  });

  it("gives back every stored field of the period's events, whatever their text holds, symbol by symbol in event-time order", async () => {
    const query = { symbols: ["EDGB", quotedSymbol, "EDGA", "EDGNONE"], ...period };
    const history = await readEventHistory(db.db, query);
    const { orders, trades } = await storedColumns(query);

    // Everything stored inside the period, as stored, and nothing else.
    expect(history.filter((event) => event.event_type !== "trade.executed")).toEqual(
      [...orders].sort((a, b) => (a.symbol === b.symbol ? 0 : (a.symbol ?? "") < (b.symbol ?? "") ? -1 : 1)),
    );
    expect(history.filter((event) => event.event_type === "trade.executed")).toEqual(trades);
    expect(history).toHaveLength(8);
    expect(history.map((event) => [event.symbol, event.event_type, event.occurred_at])).toEqual([
      ["EDGA", "order.created", "2026-08-03T09:00:00.000001Z"],
      ["EDGA", "order.modified", "2026-08-03T09:00:01.000001Z"],
      ["EDGA", "order.created", "2026-08-03T09:00:01.000001Z"],
      ["EDGA", "trade.executed", "2026-08-03T09:00:01.000001Z"],
      ["EDGA", "order.cancelled", "2026-08-03T09:00:01.000001Z"],
      ["EDGB", "order.created", "2026-08-03T09:00:00.500000Z"],
      ["EDGB", "trade.executed", "2026-08-03T09:00:00.500000Z"],
      [quotedSymbol, "order.created", "2026-08-03T09:00:02.999999Z"],
    ]);
    expect(history[2]).toMatchObject({ account_id: awkward, venue_id: awkward, time_in_force: "fok" });
    expect(history[3]).toMatchObject({ buy_account_id: awkward, sell_account_id: "", venue_id: awkward });
    expect(history[5]).toEqual({
      ...stored.orders[6],
      occurred_at: "2026-08-03T09:00:00.500000Z",
      account_id: buyer,
      capacity: "principal",
    });
    expect(history[7]).toMatchObject({ price: "0.000001" });
  });

  it("reads a symbol alone as it reads it among others", async () => {
    const alone = await readEventHistory(db.db, { symbols: ["EDGB"], ...period });
    const among = await readEventHistory(db.db, { symbols: ["EDGA", "EDGB"], ...period });
    expect(alone).toHaveLength(2);
    expect(among.filter((event) => event.symbol === "EDGB")).toEqual(alone);
    expect(await readEventHistory(db.db, { symbols: ["EDGNONE"], ...period })).toEqual([]);
  });

  it("fails with the database's error, or the caller's, and leaves the pool usable", async () => {
    await expect(
      readEventHistory(db.db, { symbols: ["EDGA"], from: "not a time", to: period.to }),
    ).rejects.toThrow(/not a time/);
    // Enough events for several batches: the caller fails on the first, while rows are still coming.
    await insertOrderEvents(
      db.db,
      Array.from({ length: 1_000 }, (_, index) =>
        order({
          symbol: "EDGF",
          occurred_at: new Date(Date.parse("2026-08-03T09:00:03Z") + index).toISOString(),
        }),
      ),
    );
    let batches = 0;
    await expect(
      streamEventHistory(db.db, { symbols: ["EDGF"], ...period }, () => {
        batches++;
        throw new Error("replay failed");
      }),
    ).rejects.toThrow("replay failed");
    expect(batches).toBe(1);
    // Every connection of the pool (4) still reads.
    const reads = await Promise.all(
      Array.from({ length: 8 }, () => readEventHistory(db.db, { symbols: ["EDGF"], ...period })),
    );
    expect(reads.map((read) => read.length)).toEqual(Array.from({ length: 8 }, () => 1_000));
  });
});
