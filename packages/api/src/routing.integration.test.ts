/**
 * The routing API over REST (as the Orders service calls it) and tRPC, on the real Postgres, Redis and
 * Kafka: each procedure needs its scope on the key, input errors are 400s naming the field, halts are
 * refused with their id, and ops edit venues live.
 */
import { randomUUID } from "node:crypto";
import { TOPICS } from "@nexus/core/events";
import { Decimal } from "@nexus/core/money";
import { insertVenueConfiguration } from "@nexus/db/queries/routing";
import { tradingHalts } from "@nexus/db/schema";
import { createTestDatabase, type TestSchema } from "@nexus/db/testing";
import { KafkaEventBus, type EventBus } from "@nexus/platform/bus";
import { RedisCache } from "@nexus/platform/cache";
import { MemoryRateLimiter } from "@nexus/platform/rate-limit";
import { RoutingService, createPaperVenueGateway, storeQuote } from "@nexus/services/routing";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createUserWithRole, rejection, signIn } from "../test/harness";
import type { ApiKeyScope } from "./auth/scopes";
import { createRestHandler } from "./openapi";
import { createCaller } from "./root";
import { createTRPCContext } from "./trpc";

const run = randomUUID().slice(0, 8);
let db: TestSchema;
let cache: RedisCache;
let bus: KafkaEventBus;
let routing: RoutingService;
let rest: (req: Request) => Promise<Response>;
let adminSession: string;
const keys = {} as Record<"route" | "execute" | "read" | "none" | "allButRoute", string>;

const deps = () => ({ db: db.db, rateLimiter: new MemoryRateLimiter(), trustedProxyCount: 1, routing });

async function callerFor(auth: { session?: string; apiKey?: string }) {
  const headers = new Headers({ "x-forwarded-for": "203.0.113.9" });
  if (auth.session !== undefined) headers.set("cookie", `nexus_session=${auth.session}`);
  if (auth.apiKey !== undefined) headers.set("authorization", `Bearer ${auth.apiKey}`);
  return createCaller(await createTRPCContext({ ...deps(), headers, resHeaders: new Headers() }));
}

async function keyWith(...scopes: ApiKeyScope[]) {
  const admin = await callerFor({ session: adminSession });
  return (await admin.apiKeys.create({ name: `orders-${scopes.join("+") || "none"}`, scopes })).key;
}

async function quote(venueId: string, symbol: string, bid: string, ask: string) {
  await storeQuote(cache, {
    event_id: randomUUID(),
    event_type: "quote",
    occurred_at: new Date().toISOString(),
    venue_id: venueId,
    symbol,
    bid_price: bid,
    bid_size: "500",
    ask_price: ask,
    ask_size: "500",
  });
}

beforeAll(async () => {
  db = await createTestDatabase("api_routing");
  cache = new RedisCache({ url: "redis://127.0.0.1:6379", keyPrefix: `it-api-routing-${run}:` });
  bus = new KafkaEventBus({
    brokers: ["127.0.0.1:9092"],
    clientId: `it-api-${run}`,
    logger: pino({ level: "silent" }),
  });
  await bus.ensureTopics([TOPICS.routingDecisions, TOPICS.routingExecutions], 3);
  routing = new RoutingService({ db: db.db, bus, cache, gateway: createPaperVenueGateway(cache) });
  rest = createRestHandler(deps());
  for (const [venueId, takerFee] of [
    ["XNYS", "0.0030"],
    ["XNAS", "0.0009"],
  ] as const) {
    await insertVenueConfiguration(db.db, {
      venueId,
      name: venueId,
      venueType: "exchange",
      makerFee: new Decimal("-0.002"),
      takerFee: new Decimal(takerFee),
      expectedLatencyMs: 1,
    });
  }
  const admin = await createUserWithRole(db.db, "admin");
  adminSession = await signIn(db.db, admin.email, admin.password);
  keys.route = await keyWith("routing:route");
  keys.execute = await keyWith("routing:execute");
  keys.read = await keyWith("routing:read");
  keys.none = await keyWith();
  keys.allButRoute = await keyWith("routing:execute", "routing:read");
}, 60_000);

afterAll(async () => {
  await cache.deleteByPrefix("");
  await Promise.all([cache.close(), bus.close(), db.close()]);
});

const order = (overrides: Record<string, unknown> = {}) => ({
  orderId: randomUUID(),
  userId: randomUUID(),
  symbol: "AAPL",
  side: "buy",
  quantity: "100",
  strategy: "best_price",
  ...overrides,
});

function call(method: "GET" | "POST", path: string, key: string, body?: unknown) {
  return rest(
    new Request(`http://localhost/api/v1/routing/${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

/** Every REST routing procedure, the scope it needs, and a valid request. */
const requests: Record<string, { scope: keyof typeof keys; send: (key: string) => Promise<Response> }> = {
  route: { scope: "route", send: (key) => call("POST", "route", key, order()) },
  split: { scope: "route", send: (key) => call("POST", "split", key, { order: order(), maxVenues: 2 }) },
  nbbo: { scope: "route", send: (key) => call("GET", "nbbo?symbol=AAPL", key) },
  "venue-rankings": { scope: "route", send: (key) => call("POST", "venue-rankings", key, order()) },
  "route-and-execute": { scope: "execute", send: (key) => call("POST", "route-and-execute", key, order()) },
  stats: { scope: "read", send: (key) => call("GET", "stats?sinceMinutes=60", key) },
  performance: { scope: "read", send: (key) => call("GET", "performance?periodType=day&sinceHours=24", key) },
};

describe("API key scopes", () => {
  it.each(Object.entries(requests))(
    "/routing/%s answers a key with its scope and refuses keys without it with 403",
    async (_path, { scope, send }) => {
      await quote("XNYS", "AAPL", "189.20", "189.25");
      await quote("XNAS", "AAPL", "189.19", "189.25");
      expect((await send(keys[scope])).status).toBe(200);
      expect((await send(keys.none)).status).toBe(403);
      for (const other of ["route", "execute", "read"] as const) {
        if (other !== scope) expect((await send(keys[other])).status).toBe(403);
      }
    },
  );

  it("keeps a key without scopes to what every key may do (auth.me), and lists each key's scopes", async () => {
    const me = await rest(
      new Request("http://localhost/api/v1/auth/me", { headers: { authorization: `Bearer ${keys.none}` } }),
    );
    expect(me.status).toBe(200);
    const admin = await callerFor({ session: adminSession });
    const listed = await admin.apiKeys.list();
    expect(listed.find((k) => k.name === "orders-routing:execute+routing:read")?.scopes).toEqual([
      "routing:execute",
      "routing:read",
    ]);
    expect((await admin.apiKeys.scopes()).map((s) => s.scope)).toEqual(
      expect.arrayContaining(["routing:route", "routing:execute", "routing:read"]),
    );
  });

  it("keeps a key that may route and execute out of portfolios and surveillance (least privilege)", async () => {
    const routingKey = await keyWith("routing:route", "routing:execute", "routing:read");
    const get = (path: string) =>
      rest(
        new Request(`http://localhost/api/v1${path}`, { headers: { authorization: `Bearer ${routingKey}` } }),
      );
    expect((await get(`/portfolio/${randomUUID()}/positions`)).status).toBe(403);
    expect((await get("/surveillance/halts")).status).toBe(403);
  });

  it("refuses an unknown scope at key creation, naming the field", async () => {
    const admin = await callerFor({ session: adminSession });
    const refused = await rejection(
      admin.apiKeys.create({ name: "x", scopes: ["alerts:delete" as ApiKeyScope] }),
    );
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.message).toContain('"scopes"');
  });
});

describe("REST routing", () => {
  it("routes an order and answers with the decision, decimals as strings", async () => {
    await quote("XNYS", "AAPL", "189.20", "189.25");
    await quote("XNAS", "AAPL", "189.19", "189.25");
    const response = await call("POST", "route", keys.route, order());
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      kind: "routed",
      venueId: "XNAS",
      expectedPrice: "189.25",
      nbbo: { ask: { price: "189.25" } },
    });
  });

  it("answers 400 naming the field for input core refuses, and for a wrong wire type", async () => {
    for (const [body, field] of [
      [order({ side: "BUY" }), "side"],
      [order({ quantity: "10.5" }), "quantity"],
      [order({ limitPrice: "189.255" }), "limitPrice"],
      [order({ constraints: { minFillRate: 2 } }), "constraints.minFillRate"],
      [order({ quantity: 100 }), "quantity"],
      [order({ limitprice: "189.25" }), 'Unrecognized key: "limitprice"'],
    ] as const) {
      const response = await call("POST", "route", keys.route, body);
      expect(response.status).toBe(400);
      // A wrong wire type is named in `issues` (the REST adapter's zod report), a value core refuses in the message.
      const { message, issues } = (await response.json()) as {
        message: string;
        issues?: { path: string[]; message: string }[];
      };
      const named = [message, ...(issues ?? []).map((issue) => `${issue.path.join(".")}: ${issue.message}`)];
      expect(
        named.some((text) => text.includes(field.startsWith("Unrecognized") ? field : `${field}:`)),
        `${field} in ${JSON.stringify(named)}`,
      ).toBe(true);
    }
  });

  it("refuses a halted symbol with the halt's id", async () => {
    const [halt] = await db.db
      .insert(tradingHalts)
      .values({ scope: "symbol", symbol: "HALTD", reason: "regulatory halt" })
      .returning();
    const response = await call("POST", "route-and-execute", keys.execute, order({ symbol: "HALTD" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ kind: "halted", haltId: halt?.id, haltScope: "symbol" });
  });

  it("executes and reports the fills", async () => {
    await quote("XNYS", "AAPL", "189.20", "189.25");
    await quote("XNAS", "AAPL", "189.19", "189.25");
    const response = await call("POST", "route-and-execute", keys.execute, order());
    const body = (await response.json()) as {
      kind: string;
      filledQuantity: string;
      decision: { kind: string };
    };
    expect(body).toMatchObject({ kind: "executed", filledQuantity: "100", decision: { kind: "routed" } });
  });
});

describe("REST routing while the event bus is down", () => {
  it("answers 503 with the reason once too many routing events wait, after answering the orders before", async () => {
    const down: EventBus = {
      publish: () => Promise.reject(new Error("broker unreachable")),
      subscribe: (options) => bus.subscribe(options),
      ping: async () => false,
      close: async () => undefined,
    };
    const paused = new RoutingService({
      db: db.db,
      bus: down,
      cache,
      gateway: createPaperVenueGateway(cache),
      maxUnpublishedEvents: 1,
      publishRetryBackoffMs: 60_000,
    });
    const pausedRest = createRestHandler({ ...deps(), routing: paused });
    await quote("XNYS", "AAPL", "189.20", "189.25");
    const send = () =>
      pausedRest(
        new Request("http://localhost/api/v1/routing/route", {
          method: "POST",
          headers: { authorization: `Bearer ${keys.route}`, "content-type": "application/json" },
          body: JSON.stringify(order()),
        }),
      );
    expect((await send()).status).toBe(200);
    // The decision's event is tried on the next turn, and refused at once.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const refused = await send();
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { message: string }).message).toMatch(
      /Routing is paused: 1 routing events wait for the event bus \(broker unreachable\)/,
    );
    await paused.close();
  });
});

describe("tRPC routing for people", () => {
  it("lets a trader route their own orders only", async () => {
    const trader = await createUserWithRole(db.db, "trader");
    const caller = await callerFor({ session: await signIn(db.db, trader.email, trader.password) });
    await quote("XNAS", "AAPL", "189.19", "189.25");
    expect((await caller.routing.route(order({ userId: trader.id }))).kind).toBe("routed");
    const refused = await rejection(caller.routing.route(order()));
    expect(refused).toMatchObject({
      code: "FORBIDDEN",
      message: "userId: a trader routes only their own orders.",
    });
    expect((await rejection(caller.routing.venues())).code).toBe("FORBIDDEN");
    expect((await rejection(caller.routing.stats({ sinceMinutes: 60 }))).code).toBe("FORBIDDEN");
  });

  it("lets ops edit a venue, applied to the next order and audited, and read the decision log", async () => {
    const opsUser = await createUserWithRole(db.db, "ops");
    const caller = await callerFor({ session: await signIn(db.db, opsUser.email, opsUser.password) });
    await caller.routing.updateVenue({ venueId: "XNAS", enabled: false });
    await quote("XNYS", "AAPL", "189.20", "189.25");
    await quote("XNAS", "AAPL", "189.19", "189.25");
    const decision = await caller.routing.route(order());
    expect(decision.kind === "routed" && decision.venueId).toBe("XNYS");
    expect((await caller.routing.venues()).find((v) => v.venueId === "XNAS")?.enabled).toBe(false);
    const [audit] = await db.sql<{ actor_id: string; details: unknown }[]>`
      select actor_id, details from audit_log where entity_type = 'venue_configuration' order by id desc limit 1`;
    expect(audit?.actor_id).toBe(opsUser.id);
    await caller.routing.updateVenue({ venueId: "XNAS", enabled: true });

    const bad = await rejection(caller.routing.updateVenue({ venueId: "XNAS", takerFee: "lots" }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.message).toContain("takerFee");
    expect((await rejection(caller.routing.updateVenue({ venueId: "NOPE", enabled: true }))).code).toBe(
      "NOT_FOUND",
    );

    const venue = {
      venueId: "IEXG",
      name: "IEX",
      venueType: "exchange",
      makerFee: "0.0009",
      takerFee: "0.0009",
      expectedLatencyMs: 1,
    } as const;
    expect((await caller.routing.addVenue({ ...venue, enabled: false })).venueId).toBe("IEXG");
    expect((await rejection(caller.routing.addVenue(venue))).code).toBe("CONFLICT");

    const listed = await caller.routing.decisions({ limit: 5 });
    expect(listed[0]?.id).toBe(decision.decisionId);
    const detail = await caller.routing.decision({ id: decision.decisionId });
    expect(detail.decision.selectedVenueId).toBe("XNYS");
    expect((await rejection(caller.routing.decision({ id: randomUUID() }))).code).toBe("NOT_FOUND");
  });

  it("shows ops the venue dashboard: performance aggregated on demand, distribution, breakers, dark curves", async () => {
    const opsUser = await createUserWithRole(db.db, "ops");
    const caller = await callerFor({ session: await signIn(db.db, opsUser.email, opsUser.password) });
    await quote("XNYS", "AAPL", "189.20", "189.25");
    await quote("XNAS", "AAPL", "189.19", "189.25");
    const executed = await caller.routing.routeAndExecute(order({ strategy: "lowest_cost" }));
    if (executed.kind !== "executed" || executed.decision.kind !== "routed")
      throw new Error("expected a fill");
    const venueId = executed.decision.venueId;

    const performance = await caller.routing.performance({ periodType: "hour", sinceHours: 1 });
    const row = performance.find((p) => p.venueId === venueId);
    // Earlier tests executed here too: every child order of this venue filled in full.
    expect(row).toMatchObject({ periodType: "hour", fillRate: "1", rejectCount: 0 });
    const distribution = await caller.routing.distribution({ sinceMinutes: 5, bucketSeconds: 60 });
    expect(distribution.some((d) => d.venueId === venueId && d.strategy === "lowest_cost")).toBe(true);
    expect(await caller.routing.breakerHistory({ sinceHours: 1 })).toEqual([]);
    expect(await caller.routing.liquidityCurves()).toEqual([]);

    const trader = await createUserWithRole(db.db, "trader");
    const traderCaller = await callerFor({ session: await signIn(db.db, trader.email, trader.password) });
    for (const refused of [
      traderCaller.routing.performance({ periodType: "hour", sinceHours: 1 }),
      traderCaller.routing.distribution({ sinceMinutes: 5, bucketSeconds: 60 }),
      traderCaller.routing.breakerHistory({ sinceHours: 1 }),
      traderCaller.routing.liquidityCurves(),
    ]) {
      expect((await rejection(refused)).code).toBe("FORBIDDEN");
    }
  });
});
