/**
 * The embedded default's routed flow on the in-memory bus and a real Postgres: the simulated venues are
 * configured through the audited path, the simulator's quotes move them, and the clients' and the demo
 * trader's orders go through the router: decisions and child orders logged, routing.* published, fills
 * published as contract trades (the trader's building its book), and the venue quotes shared through the
 * database for a router in another process.
 */
import { randomUUID } from "node:crypto";
import { TOPICS, decodeConsumedEvent, decodeEvent, encodeEvent, type QuoteEvent } from "@nexus/core/events";
import { listAuditOf } from "@nexus/db/queries/audit";
import { listRoutingDecisions, listVenueConfigurations } from "@nexus/db/queries/routing";
import { createTestDatabase, type TestSchema } from "@nexus/db/testing";
import { InMemoryEventBus } from "@nexus/platform/bus";
import { MemoryCache } from "@nexus/platform/cache";
import { RoutingService, createPaperVenueGateway, databaseQuoteStore } from "@nexus/services/routing";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listVenuePerformance } from "@nexus/db/queries/venue-performance";
import { startRoutedFlow, type RoutedFlow } from "./routed-flow.js";
import { startVenuePerformanceSchedule } from "./venue-performance-schedule.js";

let db: TestSchema;
let bus: InMemoryEventBus;
let cache: MemoryCache;
let flow: RoutedFlow;
const TRADER = randomUUID();
/** The firm's customers (on the embedded default, the simulated session's noise traders). */
const CUSTOMERS: string[] = [randomUUID(), randomUUID(), randomUUID()];

const quote = (symbol: string, bid: string, ask: string): QuoteEvent => ({
  event_id: randomUUID(),
  event_type: "quote",
  occurred_at: new Date().toISOString(),
  venue_id: "SIM",
  symbol,
  bid_price: bid,
  bid_size: "500",
  ask_price: ask,
  ask_size: "700",
});

async function eventually(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  db = await createTestDatabase("worker_routed_flow");
  bus = new InMemoryEventBus();
  cache = new MemoryCache();
  flow = await startRoutedFlow({
    bus,
    db: db.db,
    cache,
    sharedCache: false,
    seed: 7,
    logger: pino({ level: "silent" }),
    groupId: "routed-flow-test",
    clients: CUSTOMERS,
    ordersPerSecond: 25,
    // Holds more AAPL than 100,000 buys already (an earlier start's), none of MSFT yet.
    holders: [
      { userId: TRADER, symbols: ["AAPL", "MSFT"], targetValue: 100_000, held: new Map([["AAPL", 600]]) },
    ],
  });
}, 60_000);

afterAll(async () => {
  await flow.stop();
  await bus.close();
  await db.close();
});

describe("routed simulated flow", () => {
  it("configures the internal matching engine and the simulated venues, each audited as the simulator's", async () => {
    const venues = await listVenueConfigurations(db.db);
    expect(venues.map((v) => [v.venueId, v.venueType])).toEqual([
      ["ATS1", "ats"],
      ["BATY", "exchange"],
      ["DARK1", "dark_pool"],
      ["INTERNAL", "internal"],
      ["WHSL1", "market_maker"],
      ["XNAS", "exchange"],
      ["XNYS", "exchange"],
    ]);
    expect(venues.find((v) => v.venueId === "BATY")?.takerFee.toFixed()).toBe("-0.0005");
    // The house desk and one anonymous book per external venue.
    expect(flow.counterparties).toHaveLength(7);
    expect(new Set(flow.counterparties).size).toBe(7);
    // A restart finds them configured (and perhaps edited by ops): nothing is added or changed twice.
    const again = await startRoutedFlow({
      bus: new InMemoryEventBus(),
      db: db.db,
      cache: new MemoryCache(),
      sharedCache: true,
      seed: 8,
      logger: pino({ level: "silent" }),
      groupId: "routed-flow-restart",
      clients: CUSTOMERS,
      ordersPerSecond: 0.001,
    });
    await again.stop();
    expect(await listVenueConfigurations(db.db)).toHaveLength(7);
    const audit = await listAuditOf(db.db, { entityType: "venue_configuration", entityId: "INTERNAL" });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["venue_configuration.create", "simulator"]]);
  });

  it("routes the customers' orders: logged, published on routing.*, fills published as trades", async () => {
    await bus.publish(TOPICS.marketdataQuotes, [
      { key: "AAPL", value: encodeEvent(quote("AAPL", "189.20", "189.26")) },
      { key: "MSFT", value: encodeEvent(quote("MSFT", "410.00", "410.02")) },
    ]);
    await eventually("decisions with fills", async () => {
      const decisions = await listRoutingDecisions(db.db, { limit: 200 });
      return (
        decisions.filter((d) => d.outcome === "routed").length >= 10 &&
        bus.messages(TOPICS.tradesExecuted).length > 0
      );
    });
    const decisions = bus.messages(TOPICS.routingDecisions).flatMap((m) => {
      const decoded = decodeEvent(m.topic, m.value);
      return decoded.ok && decoded.event.event_type === "routing.decision" ? [decoded.event] : [];
    });
    expect(decisions.length).toBeGreaterThan(0);
    expect(new Set(decisions.map((d) => d.symbol))).toEqual(new Set(["AAPL", "MSFT"]));
    // Each sent by one of the customers it was given (or the demo trader), and by more than one of them.
    const senders = new Set(decisions.map((d) => d.user_id));
    expect([...senders].every((sender) => [...CUSTOMERS, TRADER].includes(sender))).toBe(true);
    expect(CUSTOMERS.filter((customer) => senders.has(customer)).length).toBeGreaterThan(1);
    expect(bus.messages(TOPICS.routingExecutions).length).toBeGreaterThan(0);

    const orders = bus.messages(TOPICS.ordersCreated).map((m) => decodeConsumedEvent(m.topic, m.value));
    const trades = bus.messages(TOPICS.tradesExecuted).map((m) => decodeConsumedEvent(m.topic, m.value));
    expect(trades.every((t) => t.ok)).toBe(true);
    const orderIds = new Set(
      orders.flatMap((o) => (o.ok && "order_id" in o.event ? [o.event.order_id] : [])),
    );
    for (const trade of trades) {
      if (!trade.ok || trade.event.event_type !== "trade.executed") throw new Error("not a trade");
      const client =
        trade.event.aggressor_side === "buy" ? trade.event.buy_order_id : trade.event.sell_order_id;
      expect(orderIds.has(client)).toBe(true);
      expect(["INTERNAL", "XNYS", "XNAS", "BATY", "ATS1", "DARK1", "WHSL1"]).toContain(trade.event.venue_id);
      // The other side is the house desk or a venue's book, which surveillance is told only quotes.
      const counterparty =
        trade.event.aggressor_side === "buy" ? trade.event.sell_user_id : trade.event.buy_user_id;
      expect(flow.counterparties).toContain(counterparty);
    }
  });

  it("routes the demo trader's market orders: MSFT bought up to its target, the AAPL held only tended", async () => {
    const traderOrders = () =>
      bus.messages(TOPICS.ordersCreated).flatMap((m) => {
        const decoded = decodeConsumedEvent(m.topic, m.value);
        return decoded.ok && decoded.event.event_type === "order.created" && decoded.event.user_id === TRADER
          ? [decoded.event]
          : [];
      });
    /** The trader's net shares per symbol from the trades published for its orders. */
    const net = () => {
      const shares = new Map<string, number>();
      for (const m of bus.messages(TOPICS.tradesExecuted)) {
        const decoded = decodeConsumedEvent(m.topic, m.value);
        if (!decoded.ok || decoded.event.event_type !== "trade.executed") continue;
        const { buy_user_id: buyer, sell_user_id: seller, symbol, quantity } = decoded.event;
        const signed = (buyer === TRADER ? 1 : 0) - (seller === TRADER ? 1 : 0);
        shares.set(symbol, (shares.get(symbol) ?? 0) + signed * Number(quantity));
      }
      return shares;
    };
    // 100,000 of MSFT at 410.01 is two round lots.
    await eventually("the trader's MSFT bought", () => (net().get("MSFT") ?? 0) >= 200);
    const orders = traderOrders();
    expect(orders.find((order) => order.symbol === "MSFT")).toMatchObject({
      side: "buy",
      quantity: "200",
      order_type: "market",
      price: null,
    });
    // Built already: no buy of the 500 that 100,000 of AAPL would be, only trims and adds of 1-3 lots.
    for (const order of orders.filter((o) => o.symbol === "AAPL"))
      expect(Number(order.quantity)).toBeLessThanOrEqual(300);
    // Every one of them went through the router (the last may still be on its way to the log).
    await eventually("the trader's orders in the routing log", async () => {
      const decisions = await listRoutingDecisions(db.db, { limit: 2000 });
      const routed = new Set(decisions.filter((d) => d.userId === TRADER).map((d) => d.orderId));
      return orders.every((order) => routed.has(order.order_id));
    });
  });

  it("shares the venues' quotes through the database: another process's router sees the NBBO", async () => {
    const store = databaseQuoteStore(db.db);
    const web = new RoutingService({
      db: db.db,
      bus: new InMemoryEventBus(),
      cache: new MemoryCache(),
      quoteStore: store,
      gateway: createPaperVenueGateway(store),
    });
    await eventually("a fresh NBBO", async () => (await web.nbbo("AAPL")).condition === "normal");
    const nbbo = await web.nbbo("AAPL");
    // The exchanges quote a tick either side of the simulated midpoint 189.23.
    expect(nbbo.bid?.price).toBe("189.22");
    expect(nbbo.ask?.price).toBe("189.24");
  });

  it("aggregates venue performance by day and hour on its schedule, from the first run", async () => {
    const schedule = startVenuePerformanceSchedule({
      db: db.db,
      logger: pino({ level: "silent" }),
      everyMs: 60_000,
    });
    await schedule.stop();
    const since = new Date(Date.now() - 86_400_000);
    const days = await listVenuePerformance(db.db, { periodType: "day", since });
    const hours = await listVenuePerformance(db.db, { periodType: "hour", since });
    expect(days.length).toBeGreaterThan(0);
    expect(hours.map((h) => h.venueId).sort()).toEqual(days.map((d) => d.venueId).sort());
    expect(days.reduce((sum, day) => sum + day.orderCount, 0)).toBeGreaterThanOrEqual(10);
  });
});
