/**
 * Trading profiles behind ingest, on the real Postgres and Redis: a profile read and cached, then new
 * events of its user or symbol stored by the ingest handler, is never served stale again; a pair first
 * seen after the profile was cached appears; a failed invalidation is logged, never thrown into ingest.
 */
import { randomUUID } from "node:crypto";
import { TOPICS } from "@nexus/core/events";
import type { ConsumedEvent, OrderEvent, QuoteEvent, TradeExecutedEvent } from "@nexus/core/events";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { RedisCache } from "@nexus/platform/cache";
import { createLogger } from "@nexus/platform/logger";
import { createMetrics } from "@nexus/platform/metrics";
import { insertOrderEvents } from "@nexus/db/queries/events";
import { invalidateTradingProfiles, loadTradingProfile, profileCacheKey } from "@nexus/services/surveillance";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createIngestHandler } from "../ingest/pipeline.js";
import { createIngestMetrics } from "../metrics/ingest-metrics.js";
import { createProfileInvalidator } from "./profile-invalidator.js";

let handle: TestSchema;
let cache: RedisCache;
beforeAll(async () => {
  handle = await createTestDatabase("worker_profiles_it");
  cache = new RedisCache({
    url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    keyPrefix: `profiles-it-${randomUUID()}:`,
  });
});
afterAll(async () => {
  await cache.deleteByPrefix("");
  await cache.close();
  await handle.close();
});

const logger = createLogger({ name: "profile-invalidator-it", level: "silent" });
const now = () => new Date();

function created(userId: string, symbol: string, quantity: string): OrderEvent {
  return {
    event_id: randomUUID(),
    event_type: "order.created",
    occurred_at: new Date(Date.now() - 1000).toISOString(),
    order_id: randomUUID(),
    user_id: userId,
    symbol,
    side: "buy",
    order_type: "limit",
    price: "25.00",
    quantity,
  };
}

function ingest(invalidator: ReturnType<typeof createProfileInvalidator>) {
  const handler = createIngestHandler({
    db: handle.db,
    metrics: createIngestMetrics(createMetrics()),
    onStored: (fresh) => invalidator.accept(fresh),
  });
  return async (events: ConsumedEvent[]) => {
    await handler(
      events.map((value, offset) => ({
        value,
        message: {
          topic: TOPICS.ordersCreated,
          partition: 0,
          offset: String(offset),
          key: value.event_type === "quote" ? null : value.symbol,
          value: new Uint8Array(),
          headers: {},
          timestamp: Date.now(),
        },
      })),
    );
    await invalidator.idle();
  };
}

describe("trading profiles behind ingest", () => {
  it("never serves a cached user or symbol profile from before new events of that user or symbol", async () => {
    const store = ingest(createProfileInvalidator({ db: handle.db, cache, logger }));
    const trader = randomUUID();
    await store([created(trader, "PRFA", "100"), created(trader, "PRFA", "300")]);
    const user = { kind: "user", userId: trader } as const;
    const symbol = { kind: "symbol", symbol: "PRFA" } as const;

    const first = await loadTradingProfile({ db: handle.db, cache, now }, user);
    expect(first.totals.orders).toBe(2);
    expect(first.pairs[0]).toMatchObject({ symbol: "PRFA", avgOrderSize: "200", maxOrderSize: "300" });
    expect((await loadTradingProfile({ db: handle.db, cache, now }, symbol)).totals.orders).toBe(2);
    expect(await cache.get(profileCacheKey(user))).toBeDefined();

    // A new order in the same symbol and one in a symbol the profile has never seen.
    await store([created(trader, "PRFA", "500"), created(trader, "PRFB", "10")]);
    expect(await cache.get(profileCacheKey(user))).toBeUndefined();
    const after = await loadTradingProfile({ db: handle.db, cache, now }, user);
    expect(after.totals).toMatchObject({ orders: 4, pairs: 2 });
    expect(after.pairs.map((pair) => [pair.symbol, pair.orderCount])).toEqual([
      ["PRFA", 3],
      ["PRFB", 1],
    ]);
    expect((await loadTradingProfile({ db: handle.db, cache, now }, symbol)).totals.orders).toBe(3);
  });

  it("drops a profile cached while the events it missed were being stored", async () => {
    const trader = randomUUID();
    const user = { kind: "user", userId: trader } as const;
    await ingest(createProfileInvalidator({ db: handle.db, cache, logger }))([
      created(trader, "PRFC", "100"),
    ]);
    // The worst order: the reader computed the profile, then an ingest batch stored a new order and
    // invalidated (rows stale, cached copy dropped), and only then does the reader write its copy.
    const late = created(trader, "PRFC", "700");
    const racingCache = Object.assign(Object.create(cache) as RedisCache, {
      set: async <T>(key: string, value: T, ttlSeconds: number) => {
        await insertOrderEvents(handle.db, [late]);
        await invalidateTradingProfiles({ db: handle.db, cache }, [late]);
        await cache.set(key, value, ttlSeconds);
      },
    });
    const raced = await loadTradingProfile({ db: handle.db, cache: racingCache, now }, user);
    expect(raced.totals.orders).toBe(1);
    expect(await cache.get(profileCacheKey(user))).toBeUndefined();
    expect((await loadTradingProfile({ db: handle.db, cache, now }, user)).totals.orders).toBe(2);
  });

  it("counts a trade for both traders, ignores quotes, and profiles a trader with nothing as empty", async () => {
    const [buyer, seller] = [randomUUID(), randomUUID()];
    const buy = created(buyer, "PRFE", "50");
    const sell = { ...created(seller, "PRFE", "50"), side: "sell" as const };
    const trade: TradeExecutedEvent = {
      event_id: randomUUID(),
      event_type: "trade.executed",
      occurred_at: sell.occurred_at,
      trade_id: randomUUID(),
      symbol: "PRFE",
      price: "25.00",
      quantity: "50",
      buy_order_id: buy.order_id,
      sell_order_id: sell.order_id,
      buy_user_id: buyer,
      sell_user_id: seller,
      aggressor_side: "sell",
    };
    const quote: QuoteEvent = {
      event_id: randomUUID(),
      event_type: "quote",
      occurred_at: sell.occurred_at,
      venue_id: "XNAS",
      symbol: "PRFE",
      bid_price: "24.99",
      bid_size: "100",
      ask_price: "25.01",
      ask_size: "100",
    };
    await ingest(createProfileInvalidator({ db: handle.db, cache, logger }))([buy, sell, trade, quote]);
    const symbol = await loadTradingProfile(
      { db: handle.db, cache, now },
      { kind: "symbol", symbol: "PRFE" },
    );
    expect(symbol.totals).toEqual({ orders: 2, trades: 2, pairs: 2 });
    expect(symbol.pairs.map((pair) => pair.fillRatio)).toEqual(["1", "1"]);
    const nobody = await loadTradingProfile({ db: handle.db, now }, { kind: "user", userId: randomUUID() });
    expect(nobody).toMatchObject({
      pairs: [],
      windowStart: null,
      totals: { orders: 0, trades: 0, pairs: 0 },
    });
  });

  it("invalidates the batches stored while an invalidation runs together, in the next round", async () => {
    const traders = [randomUUID(), randomUUID(), randomUUID()];
    const userKey = (userId: string) => profileCacheKey({ kind: "user", userId });
    // The second trader's cached profile is dropped only once `release` is called: a round that
    // invalidates it stays in flight until then.
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const dropped: string[] = [];
    const holdingCache = Object.assign(Object.create(cache) as RedisCache, {
      delete: async (key: string) => {
        dropped.push(key);
        if (key === userKey(traders[1] ?? "")) await held;
        await cache.delete(key);
      },
    });
    const invalidator = createProfileInvalidator({ db: handle.db, cache: holdingCache, logger });
    // One fetch's three partition batches, told in one turn: the first starts a round at once.
    for (const trader of traders) invalidator.accept([created(trader, "PRFF", "100")]);
    await vi.waitFor(() => expect(dropped).toContain(userKey(traders[1] ?? "")));
    // The third batch went in the same round as the second, not in a round of its own behind it.
    expect(dropped).toContain(userKey(traders[2] ?? ""));
    release();
    await invalidator.idle();
    const rows = await handle.sql<{ user_id: string; stale: boolean }[]>`
      select user_id, stale from trading_profiles where symbol = 'PRFF' order by user_id`;
    expect(rows).toEqual([...traders].sort().map((userId) => ({ user_id: userId, stale: true })));
  });

  it("logs, and does not throw into ingest, when invalidation fails", async () => {
    const failingLogger = createLogger({ name: "profile-invalidator-it", level: "silent" });
    const warn = vi.spyOn(failingLogger, "warn");
    const closed = new RedisCache({ url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379" });
    await closed.close();
    const invalidator = createProfileInvalidator({ db: handle.db, cache: closed, logger: failingLogger });
    await ingest(invalidator)([created(randomUUID(), "PRFD", "1")]);
    expect(warn).toHaveBeenCalledWith(
      expect.objectContaining({ err: expect.any(Error) }),
      "trading profiles not invalidated",
    );
  });
});
