/**
 * The routing use cases on the real Postgres, Redis and Kafka: quotes in the cache -> NBBO -> a decision
 * logged and published; halts refused with their id; a venue outage failed over and on the record; a
 * venue configuration change applied to running routers.
 */
import { randomUUID } from "node:crypto";
import {
  TOPICS,
  routingDecisionEventSchema,
  routingExecutionEventSchema,
  type QuoteEvent,
} from "@nexus/core/events";
import { Decimal } from "@nexus/core/money";
import { RoutingInputError, type VenueExecutionReport } from "@nexus/core/routing";
import { listAudit } from "@nexus/db/queries/audit";
import { findRoutingDecision, insertVenueConfiguration } from "@nexus/db/queries/routing";
import { tradingHalts } from "@nexus/db/schema";
import { createTestDatabase, type TestSchema } from "@nexus/db/testing";
import { KafkaEventBus, type EventBus } from "@nexus/platform/bus";
import { RedisCache } from "@nexus/platform/cache";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../context";
import { createPaperVenueGateway } from "./paper-venue-gateway";
import { storeQuote } from "./quote-cache";
import type { RouteInput } from "./route-input";
import { RoutingService, type RoutingServiceOptions } from "./routing-service";
import { RoutingServiceError } from "./routing-service-error";
import type { VenueGateway } from "./venue-gateway";

const ops: Actor = { actorType: "user", actorId: randomUUID(), ip: "10.0.0.7" };
const run = randomUUID().slice(0, 8);

let db: TestSchema;
let cache: RedisCache;
let bus: KafkaEventBus;
const published = { decisions: [] as Record<string, unknown>[], executions: [] as Record<string, unknown>[] };
const consumers: { stop(): Promise<void> }[] = [];

async function collect(topic: string, into: Record<string, unknown>[]) {
  consumers.push(
    await bus.subscribe<Record<string, unknown>>({
      groupId: `it-routing-${run}-${topic}`,
      topics: [topic],
      fromBeginning: false,
      decode: (message) => ({ ok: true, value: JSON.parse(Buffer.from(message.value).toString("utf8")) }),
      handleBatch: async (deliveries) => void into.push(...deliveries.map((d) => d.value)),
    }),
  );
}

async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  db = await createTestDatabase("services_routing");
  cache = new RedisCache({ url: "redis://127.0.0.1:6379", keyPrefix: `it-routing-${run}:` });
  bus = new KafkaEventBus({
    brokers: ["127.0.0.1:9092"],
    clientId: `it-routing-${run}`,
    logger: pino({ level: "silent" }),
  });
  await bus.ensureTopics([TOPICS.routingDecisions, TOPICS.routingExecutions], 3);
  await collect(TOPICS.routingDecisions, published.decisions);
  await collect(TOPICS.routingExecutions, published.executions);
  const venue = (venueId: string, venueType: "exchange" | "dark_pool", takerFee: string, priority = 100) =>
    insertVenueConfiguration(db.db, {
      venueId: `${venueId}`,
      name: venueId,
      venueType,
      makerFee: new Decimal("-0.002"),
      takerFee: new Decimal(takerFee),
      expectedLatencyMs: 1,
      priority,
    });
  await venue("XNYS", "exchange", "0.0030");
  await venue("XNAS", "exchange", "0.0009");
  await venue("XBOS", "exchange", "0.0005");
  await venue("DARK", "dark_pool", "0.0010");
  // Enabled only where a test says so: at the midpoint it would win every best_price order here.
  await db.sql`update venue_configurations set enabled = false where venue_id = 'DARK'`;
  // XBOS trades only MSFT: its AAPL quotes must never reach the router.
  await db.sql`update venue_configurations set supported_symbols = '{MSFT}' where venue_id = 'XBOS'`;
}, 60_000);

afterAll(async () => {
  await Promise.all(consumers.map((c) => c.stop()));
  await cache.deleteByPrefix("");
  await Promise.all([cache.close(), bus.close(), db.close()]);
});

function service(options: Partial<RoutingServiceOptions> = {}) {
  return new RoutingService({
    db: db.db,
    bus,
    cache,
    gateway: createPaperVenueGateway(cache),
    venueTimeoutMs: 100,
    ...options,
  });
}

/** A quote event as marketdata.quotes carries it, stamped now. */
async function quote(venueId: string, symbol: string, bid: string, ask: string, size = "500") {
  const event: QuoteEvent = {
    event_id: randomUUID(),
    event_type: "quote",
    occurred_at: new Date().toISOString(),
    venue_id: venueId,
    symbol,
    bid_price: bid,
    bid_size: size,
    ask_price: ask,
    ask_size: size,
  };
  await storeQuote(cache, event);
}

const order = (overrides: Partial<RouteInput> = {}): RouteInput => ({
  orderId: randomUUID(),
  userId: randomUUID(),
  symbol: "AAPL",
  side: "buy",
  quantity: "100",
  limitPrice: null,
  strategy: "best_price",
  ...overrides,
});

describe("route", () => {
  it("routes on the cached quotes, logs the decision with its NBBO and publishes routing.decision", async () => {
    const routing = service();
    await quote("XNYS", "AAPL", "189.20", "189.25");
    await quote("XNAS", "AAPL", "189.19", "189.25");
    await quote("XBOS", "AAPL", "189.24", "189.24");
    const nbbo = await routing.nbbo("AAPL");
    expect(nbbo.bid).toMatchObject({ price: "189.2", venueIds: ["XNYS"] });
    expect(nbbo.ask).toMatchObject({ price: "189.25", quantity: "1000" });

    const input = order();
    const decision = await routing.route(input);
    if (decision.kind !== "routed")
      throw new Error(`expected a routed decision, got ${JSON.stringify(decision)}`);
    // Same price, lower fee: best all-in price.
    expect(decision.venueId).toBe("XNAS");
    expect(decision.allInPrice).toBe("189.2509");
    expect(decision.alternatives.map((a) => a.venueId)).toContain("XNYS");

    const logged = await findRoutingDecision(db.db, decision.decisionId);
    expect(logged?.decision).toMatchObject({
      orderId: input.orderId,
      outcome: "routed",
      selectedVenueId: "XNAS",
      strategy: "best_price",
      haltId: null,
    });
    expect(logged?.decision.nbboAskPrice?.toFixed()).toBe("189.25");
    expect(logged?.decision.expectedQuantity?.toFixed()).toBe("100");
    // Every candidate with its score, the winner first.
    expect(logged?.decision.alternatives.map((c) => [c.rank, c.venueId])).toEqual([
      [1, "XNAS"],
      [2, "XNYS"],
    ]);
    expect(logged?.decision.alternatives[0]?.score).toBe(decision.score);

    await eventually("the routing.decision event", () =>
      published.decisions.some((e) => e.decision_id === decision.decisionId),
    );
    const event = published.decisions.find((e) => e.decision_id === decision.decisionId);
    // Exactly the contract: the schema other teams decode with accepts it and drops nothing.
    expect(routingDecisionEventSchema.strict().parse(event)).toEqual(event);
    expect(event).toMatchObject({
      event_type: "routing.decision",
      order_id: input.orderId,
      selected_venue_id: "XNAS",
      expected_price: "189.25",
      quantity: "100",
    });
  });

  it("records whether the customer's order is held or not held, held unless said (Rule 606(b)(3))", async () => {
    const routing = service();
    await quote("XNYS", "AAPL", "189.20", "189.25");
    const notHeld = await routing.route(order({ handling: "not_held" }));
    const held = await routing.route(order());
    expect((await findRoutingDecision(db.db, notHeld.decisionId))?.decision.handling).toBe("not_held");
    expect((await findRoutingDecision(db.db, held.decisionId))?.decision.handling).toBe("held");
    await expect(routing.route(order({ handling: "discretionary" }))).rejects.toThrow(
      /handling: expected "held" or "not_held"/,
    );
  });

  it("reflects a new quote in the NBBO from the next request on", async () => {
    const routing = service();
    await quote("XNYS", "AAPL", "189.20", "189.25");
    await quote("XNAS", "AAPL", "189.19", "189.25");
    expect((await routing.nbbo("AAPL")).ask?.price).toBe("189.25");
    await quote("XNYS", "AAPL", "189.21", "189.22");
    expect((await routing.nbbo("AAPL")).ask).toMatchObject({ price: "189.22", venueIds: ["XNYS"] });
  });

  it("refuses input core refuses, naming the field", async () => {
    await expect(service().route(order({ side: "BUY" }))).rejects.toThrow(RoutingInputError);
    await expect(service().route(order({ quantity: "10.5" }))).rejects.toThrow(
      /quantity: expected a whole number/,
    );
    await expect(service().route(order({ limitPrice: "189.255" }))).rejects.toThrow(
      /limitPrice: .*price grid/,
    );
  });

  it("logs a refusal with every failed constraint when no venue qualifies", async () => {
    const routing = service();
    await quote("XNYS", "AAPL", "189.20", "189.25");
    await quote("XNAS", "AAPL", "189.19", "189.25");
    const refused = await routing.route(
      order({ constraints: { maxFeePerShare: "0.0001", minFillRate: 0.99 } }),
    );
    if (refused.kind !== "refused") throw new Error("expected a refusal");
    expect(refused.violatedConstraints).toEqual(expect.arrayContaining(["max_fee", "min_fill_rate"]));
    const logged = await findRoutingDecision(db.db, refused.decisionId);
    expect(logged?.decision).toMatchObject({ outcome: "refused", selectedVenueId: null });
    expect(logged?.decision.excluded).toEqual(
      expect.arrayContaining([expect.objectContaining({ venueId: "XNAS", reason: "max_fee" })]),
    );
  });

  it("excludes a venue whose maximum order size the order exceeds, in the venue's words", async () => {
    const routing = service();
    await db.sql`update venue_configurations set max_order_size = 50, updated_at = now() where venue_id = 'XNAS'`;
    try {
      await quote("XNYS", "AAPL", "189.20", "189.25");
      await quote("XNAS", "AAPL", "189.19", "189.25");
      const decision = await routing.route(order());
      if (decision.kind !== "routed") throw new Error("expected a routed decision");
      expect(decision.venueId).toBe("XNYS");
      expect(decision.excluded).toContainEqual({
        venueId: "XNAS",
        reason: "excluded_venue",
        detail: "order of 100 shares above the venue's maximum 50",
      });
    } finally {
      await db.sql`update venue_configurations set max_order_size = null, updated_at = now() where venue_id = 'XNAS'`;
    }
  });

  it("splits over venues by quoted depth and logs the plan", async () => {
    const routing = service();
    await quote("XNYS", "AAPL", "189.20", "189.25", "300");
    await quote("XNAS", "AAPL", "189.19", "189.25", "300");
    const plan = await routing.split(order({ quantity: "500", strategy: "lowest_cost" }), 2);
    if (plan.kind !== "split") throw new Error("expected a split plan");
    expect(plan.routedQuantity).toBe("500");
    expect(plan.allocations.map((a) => a.venueId).sort()).toEqual(["XNAS", "XNYS"]);
    const logged = await findRoutingDecision(db.db, plan.decisionId);
    expect(logged?.decision.outcome).toBe("split");
    expect(logged?.decision.splits).toHaveLength(2);
    await expect(routing.split(order(), 0)).rejects.toThrow(/maxVenues/);
  });

  it("ranks the venues for an order", async () => {
    const routing = service();
    await quote("XNYS", "AAPL", "189.20", "189.25");
    await quote("XNAS", "AAPL", "189.19", "189.25");
    const rankings = await routing.venueRankings(order());
    expect(rankings.map((r) => r.venueId).slice(0, 2)).toEqual(["XNAS", "XNYS"]);
    expect(rankings[0]?.statistics.venueId).toBe("XNAS");
  });
});

describe("trading halts", () => {
  it("refuses a halted symbol with the halt's id and reason, and logs the refusal", async () => {
    const [halt] = await db.db
      .insert(tradingHalts)
      .values({ scope: "symbol", symbol: "HALTD", reason: "pending news" })
      .returning();
    if (halt === undefined) throw new Error("no halt");
    const input = order({ symbol: "HALTD" });
    const refused = await service().route(input);
    expect(refused).toMatchObject({ kind: "halted", haltId: halt.id, haltScope: "symbol" });
    if (refused.kind !== "halted") throw new Error("expected a halt");
    expect(refused.reason).toContain("pending news");
    const logged = await findRoutingDecision(db.db, refused.decisionId);
    expect(logged?.decision).toMatchObject({ outcome: "refused", haltId: halt.id, orderId: input.orderId });
    // Nothing was routed, so nothing is published.
    expect(published.decisions.some((e) => e.order_id === input.orderId)).toBe(false);
  });

  it("refuses a halted user in any symbol, and a user halted in one symbol only there", async () => {
    const userId = randomUUID();
    await db.db.insert(tradingHalts).values({ scope: "user", userId, reason: "account review" });
    const other = randomUUID();
    await db.db
      .insert(tradingHalts)
      .values({ scope: "user_symbol", userId: other, symbol: "AAPL", reason: "wash" });
    const routing = service();
    await quote("XNYS", "AAPL", "189.20", "189.25");
    await quote("XNYS", "MSFT", "400.00", "400.05");
    expect((await routing.routeAndExecute(order({ userId }))).kind).toBe("halted");
    expect((await routing.split(order({ userId, symbol: "MSFT" }), 2)).kind).toBe("halted");
    expect((await routing.route(order({ userId: other }))).kind).toBe("halted");
    expect((await routing.route(order({ userId: other, symbol: "MSFT" }))).kind).toBe("routed");
  });

  it("routes again once the halt is lifted", async () => {
    const [halt] = await db.db
      .insert(tradingHalts)
      .values({ scope: "symbol", symbol: "LIFTD", reason: "news" })
      .returning();
    await quote("XNYS", "LIFTD", "10.00", "10.01");
    const routing = service();
    expect((await routing.route(order({ symbol: "LIFTD" }))).kind).toBe("halted");
    await db.sql`update trading_halts set status = 'lifted', lifted_at = now() where id = ${halt?.id ?? ""}`;
    expect((await routing.route(order({ symbol: "LIFTD" }))).kind).toBe("routed");
  });
});

describe("the decision log", () => {
  it("fails each order whose decision could not be stored with a clear error, and stores the others", async () => {
    await db.sql`alter table routing_decisions add constraint it_refuse_down check (symbol <> 'DOWN') not valid`;
    try {
      const routing = service();
      await quote("XNYS", "DOWN", "5.00", "5.01");
      await quote("XNYS", "AAPL", "189.20", "189.25");
      const [down1, down2, fine] = await Promise.allSettled([
        routing.route(order({ symbol: "DOWN" })),
        routing.route(order({ symbol: "DOWN" })),
        routing.route(order()),
      ]);
      for (const down of [down1, down2]) {
        expect(down?.status).toBe("rejected");
        if (down?.status !== "rejected") continue;
        expect(String(down.reason)).toMatch(
          /routing decision for order .* could not be logged, so it was not published/,
        );
      }
      expect(fine).toMatchObject({ status: "fulfilled", value: { kind: "routed" } });
      if (fine?.status !== "fulfilled" || fine.value.kind !== "routed") return;
      expect((await findRoutingDecision(db.db, fine.value.decisionId))?.decision.symbol).toBe("AAPL");
    } finally {
      await db.sql`alter table routing_decisions drop constraint it_refuse_down`;
    }
  });
});

describe("routing events while the broker refuses them", () => {
  /** The real bus, with its publishes refused while `down` says so. */
  const flakyBus = (down: { now: boolean }): EventBus => ({
    publish: (topic, messages) =>
      down.now ? Promise.reject(new Error("broker unreachable")) : bus.publish(topic, messages),
    subscribe: (options) => bus.subscribe(options),
    ping: () => bus.ping(),
    close: async () => undefined,
  });

  it("answers at once and publishes the logged decisions, in order, once the broker is back", async () => {
    const down = { now: true };
    const routing = service({ bus: flakyBus(down), publishRetryBackoffMs: 20 });
    await quote("XNYS", "AAPL", "189.20", "189.25");
    const first = await routing.route(order());
    const second = await routing.route(order());
    if (first.kind !== "routed" || second.kind !== "routed") throw new Error("expected routed decisions");
    // Logged, though not published yet.
    expect((await findRoutingDecision(db.db, second.decisionId))?.decision.outcome).toBe("routed");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(published.decisions.some((e) => e.decision_id === first.decisionId)).toBe(false);

    down.now = false;
    await eventually("both decisions published", () =>
      [first, second].every((d) => published.decisions.some((e) => e.decision_id === d.decisionId)),
    );
    const sequence = published.decisions.map((e) => e.decision_id);
    expect(sequence.indexOf(first.decisionId)).toBeLessThan(sequence.indexOf(second.decisionId));
    await routing.close();
  });

  it("refuses new orders once too many events wait, naming why, and routes again when they went", async () => {
    const down = { now: true };
    const routing = service({ bus: flakyBus(down), publishRetryBackoffMs: 20, maxUnpublishedEvents: 2 });
    await quote("XNYS", "AAPL", "189.20", "189.25");
    await routing.route(order());
    await routing.route(order());
    const refused = routing.route(order());
    await expect(refused).rejects.toThrow(RoutingServiceError);
    await expect(refused).rejects.toThrow(/2 routing events wait for the event bus \(broker unreachable\)/);
    await expect(routing.routeAndExecute(order())).rejects.toMatchObject({ problem: "unavailable" });

    down.now = false;
    await eventually(
      "the backlog sent",
      async () => (await routing.route(order()).catch(() => undefined)) !== undefined,
    );
    await routing.close();
  });
});

describe("trading halts held in memory (listen)", () => {
  it("reads the halts again only when a change is announced, and refuses from the next order on", async () => {
    let announce = () => undefined as void;
    let unlistened = false;
    const routing = service({
      listen: (_channel, onNotify) => {
        announce = onNotify;
        return Promise.resolve({ unlisten: async () => void (unlistened = true) });
      },
    });
    await quote("XNYS", "MEMH", "20.00", "20.01");
    expect((await routing.route(order({ symbol: "MEMH" }))).kind).toBe("routed");
    const [halt] = await db.db
      .insert(tradingHalts)
      .values({ scope: "symbol", symbol: "MEMH", reason: "news pending" })
      .returning();
    expect((await routing.route(order({ symbol: "MEMH" }))).kind).toBe("routed");
    announce();
    expect(await routing.route(order({ symbol: "MEMH" }))).toMatchObject({
      kind: "halted",
      haltId: halt?.id,
    });
    await routing.close();
    expect(unlistened).toBe(true);
  });
});

describe("route and execute", () => {
  it("fails over from a venue that does not answer and records both child orders", async () => {
    const paper = createPaperVenueGateway(cache);
    const outage: VenueGateway = {
      submitOrder: (venue, childOrder) =>
        venue.venueId === "XNAS"
          ? new Promise<VenueExecutionReport>(() => undefined)
          : paper.submitOrder(venue, childOrder),
      cancelOrder: (venue, orderId) => paper.cancelOrder(venue, orderId),
    };
    const routing = service({ gateway: outage });
    await quote("XNYS", "AAPL", "189.20", "189.25");
    await quote("XNAS", "AAPL", "189.19", "189.25");
    const result = await routing.routeAndExecute(order());
    if (result.kind === "halted" || result.decision.kind !== "routed") throw new Error("expected execution");
    expect(result.decision.venueId).toBe("XNAS");
    expect(result.attempts.map((a) => [a.venueId, a.outcome])).toEqual([
      ["XNAS", "timeout"],
      ["XNYS", "executed"],
    ]);
    expect(result.filledQuantity).toBe("100");
    expect(result.failovers).toBe(1);

    const logged = await findRoutingDecision(db.db, result.decision.decisionId);
    expect(logged?.executions.map((e) => [e.venueId, e.status, e.executedQuantity.toFixed()])).toEqual([
      ["XNAS", "timeout", "0"],
      ["XNYS", "filled", "100"],
    ]);
    expect(logged?.decision.attempts).toHaveLength(2);
    const executionId = result.executions[0]?.executionId;
    await eventually("the routing.execution event", () =>
      published.executions.some((e) => e.execution_id === executionId),
    );
    const execution = published.executions.find((e) => e.execution_id === executionId);
    expect(routingExecutionEventSchema.strict().parse(execution)).toEqual(execution);
    expect(execution).toMatchObject({
      decision_id: result.decision.decisionId,
      venue_id: "XNYS",
      executed_quantity: "100",
      executed_price: "189.25",
      fee: "0.1",
    });
  });

  it("logs an unroutable order as refused without sending anything", async () => {
    const result = await service().routeAndExecute(order({ symbol: "NOQTE" }));
    if (result.kind === "halted") throw new Error("not halted");
    expect(result.decision.kind).toBe("refused");
    expect(result.attempts).toEqual([]);
  });
});

describe("venue configuration", () => {
  it("applies a change at once in this process and within the refresh in another, audited with it", async () => {
    const here = service();
    const elsewhere = service({ configRefreshMs: 100 });
    await quote("XNYS", "AAPL", "189.20", "189.25");
    await quote("XNAS", "AAPL", "189.19", "189.25");
    const before = await elsewhere.route(order());
    expect(before.kind === "routed" && before.venueId).toBe("XNAS");

    const updated = await here.configureVenue(ops, { venueId: "XNAS", enabled: false });
    expect(updated.enabled).toBe(false);
    const now = await here.route(order());
    expect(now.kind === "routed" && now.venueId).toBe("XNYS");
    await new Promise((resolve) => setTimeout(resolve, 150));
    await quote("XNYS", "AAPL", "189.20", "189.25");
    const later = await elsewhere.route(order());
    expect(later.kind === "routed" && later.venueId).toBe("XNYS");

    const audit = (await listAudit(db.db, { limit: 10, entityType: "venue_configuration" }))[0];
    expect(audit).toMatchObject({
      action: "venue_configuration.update",
      entityId: "XNAS",
      actorId: ops.actorId,
      details: { before: { enabled: true }, after: { enabled: false } },
    });
    await here.configureVenue(ops, { venueId: "XNAS", enabled: true });
    await quote("XNAS", "AAPL", "189.19", "189.25");
    const again = await here.route(order());
    expect(again.kind === "routed" && again.venueId).toBe("XNAS");
  });

  it("changes fees live: a taker rebate moves best_price to that venue", async () => {
    const routing = service();
    await routing.configureVenue(ops, { venueId: "XNYS", takerFee: "-0.0010" });
    try {
      await quote("XNYS", "AAPL", "189.20", "189.25");
      await quote("XNAS", "AAPL", "189.19", "189.25");
      const decision = await routing.route(order());
      expect(decision.kind === "routed" && decision.venueId).toBe("XNYS");
    } finally {
      await routing.configureVenue(ops, { venueId: "XNYS", takerFee: "0.0030" });
    }
  });

  it("adds a venue that the next order can go to, audited, and refuses the same venue twice", async () => {
    const routing = service();
    const added = await routing.addVenue(ops, {
      venueId: "XCHI",
      name: "NYSE Chicago",
      venueType: "exchange",
      mic: "XCHI",
      makerFee: "-0.0010",
      takerFee: "-0.0005",
      expectedLatencyMs: 2,
      supportedSymbols: ["AAPL"],
    });
    expect(added).toMatchObject({ venueId: "XCHI", enabled: true, supportedSymbols: ["AAPL"] });
    await quote("XNYS", "AAPL", "189.20", "189.25");
    await quote("XNAS", "AAPL", "189.19", "189.25");
    await quote("XCHI", "AAPL", "189.18", "189.25");
    const decision = await routing.route(order());
    // A taker rebate makes it the best all-in price at the same offer.
    expect(decision.kind === "routed" && decision.venueId).toBe("XCHI");
    await expect(
      routing.addVenue(ops, {
        venueId: "XCHI",
        name: "again",
        venueType: "exchange",
        makerFee: "0",
        takerFee: "0",
        expectedLatencyMs: 1,
      }),
    ).rejects.toThrow(new RoutingServiceError("duplicate_venue", "Venue XCHI exists already."));
    await expect(
      routing.addVenue(ops, {
        venueId: "XPSX",
        name: "x",
        venueType: "casino" as "ats",
        makerFee: "0",
        takerFee: "0",
        expectedLatencyMs: 1,
      }),
    ).rejects.toThrow(/^venueType: /);
    const audit = await listAudit(db.db, { limit: 50, entityType: "venue_configuration" });
    expect(
      audit.filter((row) => row.action === "venue_configuration.create").map((row) => row.entityId),
    ).toEqual(["XCHI"]);
    await routing.configureVenue(ops, { venueId: "XCHI", enabled: false });
  });

  it("refuses an unknown venue and a bad field by name, and records nothing", async () => {
    const routing = service();
    await expect(routing.configureVenue(ops, { venueId: "NOPE", enabled: false })).rejects.toThrow(
      new RoutingServiceError("unknown_venue", "No venue NOPE."),
    );
    await expect(routing.configureVenue(ops, { venueId: "XNAS", takerFee: "abc" })).rejects.toThrow(
      /takerFee/,
    );
    await expect(
      routing.configureVenue(ops, { venueId: "XNAS", minOrderSize: "500", maxOrderSize: "100" }),
    ).rejects.toThrow(/minOrderSize: must not exceed maxOrderSize/);
    const audit = await listAudit(db.db, { limit: 50, entityType: "venue_configuration" });
    expect(audit.some((row) => row.entityId === "NOPE")).toBe(false);
  });
});

describe("statistics", () => {
  it("counts decisions by outcome and summarizes venue executions from the log", async () => {
    const stats = await service().statistics(new Date(Date.now() - 3_600_000));
    expect(stats.decisions.routed).toBeGreaterThan(0);
    expect(stats.decisions.refused).toBeGreaterThan(0);
    expect(stats.decisions.halted).toBeGreaterThan(0);
    expect(stats.decisions.split).toBeGreaterThan(0);
    const xnas = stats.venues.find((v) => v.venueId === "XNAS");
    expect(xnas?.failures).toBeGreaterThan(0);
    const xnys = stats.venues.find((v) => v.venueId === "XNYS");
    expect(xnys?.fillRate).toBe(1);
    expect(xnys?.netFees).toBe("0.1000");
  });
});
