/**
 * What the venue dashboard reads, on the real Postgres, Redis and Kafka: breaker changes persisted as a
 * router sees them, venue_performance aggregated on demand from the execution log, the dark pools'
 * learned liquidity curves, and venue quotes shared through the database.
 */
import { randomUUID } from "node:crypto";
import { TOPICS } from "@nexus/core/events";
import { Decimal } from "@nexus/core/money";
import type { VenueExecutionReport } from "@nexus/core/routing";
import { insertVenueConfiguration } from "@nexus/db/queries/routing";
import { listBreakerTransitions } from "@nexus/db/queries/venue-state";
import { createTestDatabase, type TestSchema } from "@nexus/db/testing";
import { KafkaEventBus } from "@nexus/platform/bus";
import { RedisCache } from "@nexus/platform/cache";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPaperVenueGateway } from "./paper-venue-gateway";
import type { CachedQuote } from "./quote-cache";
import { cacheQuoteStore, databaseQuoteStore } from "./quote-store";
import type { RouteInput } from "./route-input";
import { RoutingService } from "./routing-service";
import { darkLiquidityCurves, refreshVenuePerformance, utcDayOf } from "./venue-dashboard";
import type { VenueGateway } from "./venue-gateway";

const run = randomUUID().slice(0, 8);
let db: TestSchema;
let cache: RedisCache;
let bus: KafkaEventBus;

beforeAll(async () => {
  db = await createTestDatabase("services_venue_dashboard");
  cache = new RedisCache({ url: "redis://127.0.0.1:6379", keyPrefix: `it-dashboard-${run}:` });
  bus = new KafkaEventBus({
    brokers: ["127.0.0.1:9092"],
    clientId: `it-dashboard-${run}`,
    logger: pino({ level: "silent" }),
  });
  await bus.ensureTopics([TOPICS.routingDecisions, TOPICS.routingExecutions], 3);
  for (const [venueId, venueType, takerFee] of [
    ["XNYS", "exchange", "0.0030"],
    ["XNAS", "exchange", "0.0009"],
    ["DARK", "dark_pool", "0.0010"],
  ] as const) {
    await insertVenueConfiguration(db.db, {
      venueId,
      name: venueId,
      venueType,
      makerFee: new Decimal("-0.002"),
      takerFee: new Decimal(takerFee),
      expectedLatencyMs: 1,
    });
  }
}, 60_000);

afterAll(async () => {
  await cache.deleteByPrefix("");
  await Promise.all([cache.close(), bus.close(), db.close()]);
});

const quote = (venueId: string, bid: string, ask: string, timestamp = Date.now()): CachedQuote => ({
  venueId,
  symbol: "AAPL",
  bidPrice: bid,
  bidSize: "500",
  askPrice: ask,
  askSize: "500",
  timestamp,
});

const order = (overrides: Partial<RouteInput> = {}): RouteInput => ({
  orderId: randomUUID(),
  userId: randomUUID(),
  symbol: "AAPL",
  side: "buy",
  quantity: "100",
  limitPrice: null,
  strategy: "lowest_cost",
  ...overrides,
});

/** XNAS never answers; DARK finds half of every order at the midpoint; XNYS fills from its quote. */
function gateway(): VenueGateway {
  const paper = createPaperVenueGateway(cache);
  return {
    submitOrder(venue, child) {
      if (venue.venueId === "XNAS") return new Promise<VenueExecutionReport>(() => undefined);
      if (venue.venueId !== "DARK") return paper.submitOrder(venue, child);
      const half = child.quantity.div(2);
      const price = new Decimal("189.225");
      return Promise.resolve({
        venueId: venue.venueId,
        orderId: child.orderId,
        status: "partially_filled",
        fills: [{ price, quantity: half, feePerShare: new Decimal("0.001"), liquidity: "removed" }],
        filledQuantity: half,
        openQuantity: new Decimal(0),
        averagePrice: price,
        fee: half.times("0.001"),
      });
    },
    cancelOrder: (venue, orderId) => paper.cancelOrder(venue, orderId),
  };
}

describe("venue dashboard data", () => {
  it("records the breaker opening at a venue that stopped answering, and aggregates venue performance", async () => {
    const store = cacheQuoteStore(cache);
    const routing = new RoutingService({
      db: db.db,
      bus,
      cache,
      gateway: gateway(),
      venueTimeoutMs: 50,
      observer: "test-router",
    });
    const started = new Date();
    // XNAS is cheapest: lowest_cost sends there first, it times out, the order fails over to XNYS.
    for (let i = 0; i < 3; i += 1) {
      await store.write([quote("XNYS", "189.20", "189.25"), quote("XNAS", "189.20", "189.25")]);
      const result = await routing.routeAndExecute(order({ constraints: { excludedVenues: ["DARK"] } }));
      if (result.kind !== "executed") throw new Error("expected an execution");
      expect(result.attempts.map((a) => a.venueId)).toEqual(["XNAS", "XNYS"]);
    }
    const transitions = await listBreakerTransitions(db.db, { since: started, limit: 10 });
    expect(transitions.map((t) => [t.venueId, t.fromState, t.toState, t.observer])).toEqual([
      ["XNAS", "closed", "open", "test-router"],
    ]);
    // The breaker is open: the next order goes straight to XNYS.
    await store.write([quote("XNYS", "189.20", "189.25"), quote("XNAS", "189.20", "189.25")]);
    const next = await routing.routeAndExecute(order({ constraints: { excludedVenues: ["DARK"] } }));
    if (next.kind !== "executed") throw new Error("expected an execution");
    expect(next.attempts.map((a) => [a.venueId, a.outcome])).toEqual([["XNYS", "executed"]]);

    const rows = await refreshVenuePerformance(db.db, {
      periodType: "day",
      since: utcDayOf(started).from,
      now: new Date(),
    });
    const byVenue = new Map(rows.map((row) => [row.venueId, row]));
    expect(byVenue.get("XNAS")).toMatchObject({ orderCount: 3, rejectCount: 3 });
    expect(byVenue.get("XNAS")?.fillRate.toFixed()).toBe("0");
    const xnys = byVenue.get("XNYS");
    expect(xnys).toMatchObject({ orderCount: 4, rejectCount: 0 });
    expect(xnys?.fillRate.toFixed()).toBe("1");
    expect(xnys?.executedVolume.toFixed()).toBe("400");
    expect(xnys?.executedNotional.toFixed()).toBe("75700");
    // XNYS's $0.003 taker fee is held to the Rule 610(c) cap of $0.001: 400 shares pay $0.40.
    expect(xnys?.totalFees.toFixed()).toBe("0.4");
    expect(xnys?.periodStart.toISOString()).toBe(utcDayOf(started).from.toISOString());
    // On demand again: the same rows, not added twice.
    const again = await refreshVenuePerformance(db.db, {
      periodType: "day",
      since: utcDayOf(started).from,
      now: new Date(),
    });
    expect(again).toHaveLength(rows.length);
    // The worker's schedule also keeps hourly rows: the same orders, in the hour they were routed.
    const hourly = await refreshVenuePerformance(db.db, {
      periodType: "hour",
      since: new Date(started.getTime() - 3_600_000),
      now: new Date(),
    });
    expect(hourly.reduce((orders, row) => orders + row.orderCount, 0)).toBe(7);
  });

  it("learns the dark pool's liquidity from its child orders: each found half, so P(at least 50) = 1 and no more", async () => {
    const routing = new RoutingService({ db: db.db, bus, cache, gateway: gateway() });
    for (let i = 0; i < 3; i += 1) {
      await cacheQuoteStore(cache).write([quote("XNYS", "189.20", "189.25")]);
      await routing.routeAndExecute(
        order({ strategy: "best_price", constraints: { excludedVenues: ["XNYS", "XNAS"] } }),
      );
    }
    const [dark] = await darkLiquidityCurves(db.db);
    expect(dark).toEqual({
      venueId: "DARK",
      curve: { steps: [{ shares: 50, survival: 0 }], observations: 3, censored: 0 },
    });
  });

  it("starts a restarted router from the dark pool's logged fills, not from its prior", async () => {
    const before = new RoutingService({ db: db.db, bus, cache, gateway: gateway() });
    for (let i = 0; i < 10; i += 1) {
      await cacheQuoteStore(cache).write([quote("XNYS", "189.20", "189.25")]);
      await before.routeAndExecute(
        order({ strategy: "best_price", constraints: { excludedVenues: ["XNYS", "XNAS"] } }),
      );
    }
    await cacheQuoteStore(cache).write([quote("XNYS", "189.20", "189.25")]);
    const restarted = new RoutingService({ db: db.db, bus, cache, gateway: gateway() });
    const rankings = await restarted.venueRankings(order({ strategy: "smart" }));
    // Every child order found half of its 100 shares: 50 expected of 100, where the prior says 0.3.
    expect(rankings.find((ranking) => ranking.venueId === "DARK")?.fillProbability).toBe(0.5);
  });

  it("shares quotes through the database, a newer quote replacing an older one and never the reverse", async () => {
    const store = databaseQuoteStore(db.db);
    const now = Date.now();
    await store.write([quote("XNYS", "189.20", "189.25", now)]);
    await store.write([quote("XNYS", "189.10", "189.30", now - 1_000)]);
    await store.write([quote("XNAS", "189.21", "189.24", now)]);
    const quotes = await store.read("AAPL", ["XNYS", "XNAS", "XBOS"]);
    expect(quotes.sort((a, b) => a.venueId.localeCompare(b.venueId))).toEqual([
      quote("XNAS", "189.21", "189.24", now),
      quote("XNYS", "189.2", "189.25", now),
    ]);
    expect(await store.read("AAPL", [])).toEqual([]);
    // A router reading them there (the web server's on the embedded default) routes and paper-fills on them.
    const web = new RoutingService({
      db: db.db,
      bus,
      cache,
      quoteStore: store,
      quoteTtlMs: 900,
      gateway: createPaperVenueGateway(store),
    });
    const result = await web.routeAndExecute(order({ constraints: { excludedVenues: ["DARK"] } }));
    if (result.kind !== "executed" || result.decision.kind !== "routed") throw new Error("expected a fill");
    expect([result.decision.venueId, result.averagePrice, result.filledQuantity]).toEqual([
      "XNAS",
      "189.24",
      "100",
    ]);
  });
});
