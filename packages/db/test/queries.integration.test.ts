import { randomUUID } from "node:crypto";
import { Decimal } from "@nexus/core/money";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendAudit, listAudit } from "../src/queries/audit";
import {
  createApiKey,
  createSession,
  createUser,
  deleteSession,
  findApiKeyByHash,
  findSessionUser,
  findUserByEmail,
  listApiKeys,
  revokeApiKey,
  touchApiKey,
} from "../src/queries/auth";
import { insertOrderEvents, insertQuoteEvents, insertTradeEvents } from "../src/queries/events";
import { eventCounts, eventsPerMinute, latestTrades, symbolsByActivity } from "../src/queries/overview";
import { orderEvents, positions, quoteEvents, tradeEvents } from "../src/schema/index";
import { createTestDatabase } from "../src/testing";
import { orderEvent, quoteEvent, tradeEvent } from "./fixtures";

let handle: Awaited<ReturnType<typeof createTestDatabase>>;
beforeAll(async () => {
  handle = await createTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

describe("event ingest", () => {
  it("stores an event delivered twice once, also within one batch", async () => {
    const order = orderEvent();
    expect(await insertOrderEvents(handle.db, [order, order])).toHaveLength(1);
    expect(await insertOrderEvents(handle.db, [order])).toHaveLength(0);
    const stored = await handle.db.select().from(orderEvents).where(eq(orderEvents.eventId, order.event_id));
    expect(stored).toHaveLength(1);
  });

  it("applies the contract defaults: account = user, capacity = principal; keeps a market order's null price", async () => {
    const order = orderEvent({ order_type: "market", price: null, time_in_force: "ioc" });
    await insertOrderEvents(handle.db, [order]);
    const [row] = await handle.db.select().from(orderEvents).where(eq(orderEvents.eventId, order.event_id));
    expect(row?.accountId).toBe(order.user_id);
    expect(row?.capacity).toBe("principal");
    expect(row?.price).toBeNull();
    expect(row?.timeInForce).toBe("ioc");
    expect(row?.occurredAt.toISOString()).toBe(order.occurred_at);
  });

  it("inserts more than one statement's worth (2,500 rows) and counts only new rows", async () => {
    const trades = Array.from({ length: 2500 }, (_, i) =>
      tradeEvent({ symbol: i % 2 === 0 ? "BULK" : "BULK2" }),
    );
    const already = trades.slice(0, 1200);
    expect(await insertTradeEvents(handle.db, already)).toHaveLength(1200);
    expect(await insertTradeEvents(handle.db, trades)).toHaveLength(1300);
    const trade = trades[0];
    if (!trade) throw new Error("fixture");
    const [row] = await handle.db.select().from(tradeEvents).where(eq(tradeEvents.eventId, trade.event_id));
    expect(row?.buyAccountId).toBe(trade.buy_user_id);
    expect(row?.price.equals(new Decimal("189.25"))).toBe(true);
  });

  it("returns 0 for an empty batch", async () => {
    expect(await insertQuoteEvents(handle.db, [])).toHaveLength(0);
  });

  it("stores every decimal the contract allows exactly: 12 fraction and 18 integer digits", async () => {
    const finest = quoteEvent({ bid_price: "189.123456789012", ask_size: "123456789012345678" });
    expect(await insertQuoteEvents(handle.db, [finest])).toHaveLength(1);
    const [row] = await handle.db.select().from(quoteEvents).where(eq(quoteEvents.eventId, finest.event_id));
    expect(row?.bidPrice.toFixed()).toBe("189.123456789012");
    expect(row?.askSize.toFixed()).toBe("123456789012345678");
  });
});

describe("numeric columns", () => {
  it("come back as the product's one Decimal: 34 significant digits, half-even (not decimal.js's 20, half-up)", async () => {
    const quote = quoteEvent({ bid_price: "1", ask_price: "2.5" });
    await insertQuoteEvents(handle.db, [quote]);
    const [row] = await handle.db.select().from(quoteEvents).where(eq(quoteEvents.eventId, quote.event_id));
    if (!row) throw new Error("quote not stored");
    expect(row.bidPrice.div(3).toFixed()).toBe(`0.${"3".repeat(34)}`);
    expect(row.askPrice.toDecimalPlaces(0).toFixed()).toBe("2");
  });

  it("round-trip exactly: 0.1 + 0.2 is 0.3 in SQL and in Decimal", async () => {
    const userId = randomUUID();
    await handle.db.insert(positions).values([
      {
        userId,
        symbol: "A",
        quantity: new Decimal("0.1"),
        averageCost: new Decimal("0.1"),
        realizedPnl: new Decimal("0.1"),
      },
      {
        userId,
        symbol: "B",
        quantity: new Decimal("0.2"),
        averageCost: new Decimal("0.2"),
        realizedPnl: new Decimal("0.2"),
      },
    ]);
    const [sum] = await handle.sql<
      { total: string }[]
    >`select sum(realized_pnl)::text as total from positions where user_id = ${userId}`;
    expect(sum?.total).toBe("0.300000000000");
    const rows = await handle.db.select().from(positions).where(eq(positions.userId, userId));
    const total = rows.reduce((acc, row) => acc.plus(row.realizedPnl), new Decimal(0));
    expect(rows[0]?.realizedPnl).toBeInstanceOf(Decimal);
    expect(total.toString()).toBe("0.3");
  });
});

describe("overview", () => {
  it("counts events per table and per minute, with zero minutes, and ranks symbols by trades", async () => {
    const view = await createTestDatabase();
    try {
      const t = (minute: number, second = 0) =>
        new Date(Date.UTC(2026, 10, 24, 14, minute, second)).toISOString();
      await insertTradeEvents(view.db, [
        tradeEvent({ symbol: "MSFT", occurred_at: t(0, 1), price: "0.1", quantity: "1" }),
        tradeEvent({ symbol: "MSFT", occurred_at: t(2, 59), price: "0.2", quantity: "1" }),
        tradeEvent({ symbol: "AAPL", occurred_at: t(2, 0) }),
        tradeEvent({ symbol: "OLD", occurred_at: t(0, 0).replace("14:", "12:") }),
      ]);
      await insertOrderEvents(view.db, [orderEvent({ occurred_at: t(2, 30) })]);
      await insertQuoteEvents(view.db, [quoteEvent({ occurred_at: t(3, 0) })]);

      expect(await eventCounts(view.db)).toEqual([
        { table: "order_events", count: 1, estimated: false },
        { table: "trade_events", count: 4, estimated: false },
        { table: "quote_events", count: 1, estimated: false },
      ]);

      const perMinute = await eventsPerMinute(view.db, { now: new Date(t(2, 59)), minutes: 3 });
      expect(perMinute).toEqual([
        { minute: new Date(t(0)), orders: 0, trades: 1, quotes: 0 },
        { minute: new Date(t(1)), orders: 0, trades: 0, quotes: 0 },
        { minute: new Date(t(2)), orders: 1, trades: 2, quotes: 0 },
      ]);

      const latest = await latestTrades(view.db, { limit: 2 });
      expect(latest.map((trade) => trade.symbol)).toEqual(["MSFT", "AAPL"]);

      const active = await symbolsByActivity(view.db, { since: new Date(t(0)), limit: 5 });
      expect(active.map((s) => [s.symbol, s.trades, s.notional.toString(), s.lastPrice.toString()])).toEqual([
        ["MSFT", 2, "0.3", "0.2"],
        ["AAPL", 1, "18925", "189.25"],
      ]);
    } finally {
      await view.close();
    }
  });
});

describe("audit queries", () => {
  it("lists newest first, pages by id and filters by entity type", async () => {
    const first = await appendAudit(handle.db, {
      actorType: "user",
      action: "halt.create",
      entityType: "halt",
    });
    const second = await appendAudit(handle.db, {
      actorType: "user",
      action: "alert.assign",
      entityType: "alert",
      details: { to: "x" },
    });
    const third = await appendAudit(handle.db, {
      actorType: "service",
      action: "halt.lift",
      entityType: "halt",
    });
    expect((await listAudit(handle.db, { limit: 2 })).map((e) => e.id)).toEqual([third.id, second.id]);
    expect((await listAudit(handle.db, { limit: 10, beforeId: second.id })).map((e) => e.id)).toEqual([
      first.id,
    ]);
    expect((await listAudit(handle.db, { limit: 10, entityType: "halt" })).map((e) => e.action)).toEqual([
      "halt.lift",
      "halt.create",
    ]);
    expect(second.details).toEqual({ to: "x" });
  });
});

describe("auth queries", () => {
  it("finds users by email whatever the case, and sessions only until they expire", async () => {
    const user = await createUser(handle.db, {
      email: " Ada@Example.com",
      name: "Ada",
      passwordHash: "$argon2id$x",
      role: "compliance",
    });
    expect(user.email).toBe("ada@example.com");
    expect((await findUserByEmail(handle.db, "ADA@example.com"))?.id).toBe(user.id);
    expect(await findUserByEmail(handle.db, "nobody@example.com")).toBeUndefined();

    const expiresAt = new Date("2026-11-24T15:00:00Z");
    await createSession(handle.db, { tokenHash: "h1", userId: user.id, expiresAt });
    expect((await findSessionUser(handle.db, "h1", new Date("2026-11-24T14:59:59.999Z")))?.id).toBe(user.id);
    expect(await findSessionUser(handle.db, "h1", expiresAt)).toBeUndefined();
    await deleteSession(handle.db, "h1");
    expect(await findSessionUser(handle.db, "h1", new Date("2026-11-24T14:00:00Z"))).toBeUndefined();
  });

  it("creates, finds, touches, lists and revokes API keys; a revoked key is not found", async () => {
    const key = await createApiKey(handle.db, { name: "risk service", prefix: "nx_abc", keyHash: "kh1" });
    expect(key).not.toHaveProperty("keyHash");
    expect((await findApiKeyByHash(handle.db, "kh1"))?.id).toBe(key.id);
    const now = new Date("2026-11-24T14:00:00Z");
    await touchApiKey(handle.db, key.id, now);
    const [listed] = await listApiKeys(handle.db);
    expect(listed?.lastUsedAt).toEqual(now);
    expect(listed).not.toHaveProperty("keyHash");
    expect(await revokeApiKey(handle.db, key.id, now)).toBe(true);
    expect(await revokeApiKey(handle.db, key.id, now)).toBe(false);
    expect(await findApiKeyByHash(handle.db, "kh1")).toBeUndefined();
  });
});
