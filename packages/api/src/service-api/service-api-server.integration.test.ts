/**
 * The service API server on the real Postgres, Redis and Kafka, as another service calls it: a key with the
 * routing scope routes an order (logged in routing_decisions), a key without it is refused 403, bad input is
 * a 400 naming the field, a browser's session is no identity here, and tRPC's own client (httpBatchLink,
 * superjson) works against it unchanged.
 */
import { randomUUID } from "node:crypto";
import { TOPICS } from "@nexus/core/events";
import { Decimal } from "@nexus/core/money";
import { createApiKey } from "@nexus/db/queries/auth";
import { listenPort } from "@nexus/db/queries/listen-port";
import { insertVenueConfiguration } from "@nexus/db/queries/routing";
import { createTestDatabase, type TestSchema } from "@nexus/db/testing";
import { KafkaEventBus } from "@nexus/platform/bus";
import { RedisCache } from "@nexus/platform/cache";
import { MemoryRateLimiter } from "@nexus/platform/rate-limit";
import { RoutingService, createPaperVenueGateway, storeQuote } from "@nexus/services/routing";
import { TRPCClientError, createTRPCClient, httpBatchLink } from "@trpc/client";
import { pino } from "pino";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createUserWithRole, signIn } from "../../test/harness";
import type { ApiKeyScope } from "../auth/scopes";
import { generateApiKey } from "../auth/tokens";
import type { AppRouter } from "../root";
import { startServiceApiServer, type ServiceApiServer } from "./service-api-server";

const run = randomUUID().slice(0, 8);
let db: TestSchema;
let cache: RedisCache;
let bus: KafkaEventBus;
let routing: RoutingService;
let server: ServiceApiServer;
let base: string;
const keys = {} as Record<"route" | "portfolio", string>;

async function keyWith(...scopes: ApiKeyScope[]): Promise<string> {
  const { key, prefix, keyHash } = generateApiKey();
  await createApiKey(db.db, { name: `orders-${scopes.join("+")}`, prefix, keyHash, scopes });
  return key;
}

async function quote(venueId: string, bid: string, ask: string) {
  await storeQuote(cache, {
    event_id: randomUUID(),
    event_type: "quote",
    occurred_at: new Date().toISOString(),
    venue_id: venueId,
    symbol: "AAPL",
    bid_price: bid,
    bid_size: "500",
    ask_price: ask,
    ask_size: "500",
  });
}

beforeAll(async () => {
  db = await createTestDatabase("api_service_api");
  cache = new RedisCache({ url: "redis://127.0.0.1:6379", keyPrefix: `it-service-api-${run}:` });
  bus = new KafkaEventBus({
    brokers: [process.env.KAFKA_BROKERS ?? "127.0.0.1:9092"],
    clientId: `it-service-api-${run}`,
    logger: pino({ level: "silent" }),
  });
  await bus.ensureTopics([TOPICS.routingDecisions, TOPICS.routingExecutions], 3);
  routing = new RoutingService({
    db: db.db,
    bus,
    cache,
    gateway: createPaperVenueGateway(cache),
    listen: listenPort(db.sql),
  });
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
  keys.route = await keyWith("routing:route");
  keys.portfolio = await keyWith("portfolio:read");
  server = await startServiceApiServer({
    port: 0,
    host: "127.0.0.1",
    deps: { db: db.db, rateLimiter: new MemoryRateLimiter(), trustedProxyCount: 0, routing },
    logger: pino({ level: "silent" }),
  });
  base = `http://127.0.0.1:${server.port}/api/trpc`;
}, 60_000);

afterAll(async () => {
  await server.close();
  await routing.close();
  await cache.deleteByPrefix("");
  await Promise.all([cache.close(), bus.close(), db.close()]);
});

const order = (overrides: Record<string, unknown> = {}) => ({
  orderId: randomUUID(),
  userId: randomUUID(),
  symbol: "AAPL",
  side: "buy",
  quantity: "100",
  limitPrice: null,
  strategy: "best_price",
  ...overrides,
});

function route(key: string | undefined, input: unknown, headers: Record<string, string> = {}) {
  return fetch(`${base}/routing.route`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
      ...headers,
    },
    body: JSON.stringify({ json: input }),
  });
}

interface ErrorBody {
  error: {
    json: { message: string; code: number; data: { code: string; httpStatus: number; path: string } };
  };
}

describe("the service API server", () => {
  it("routes an order for a key with routing:route, logged in routing_decisions", async () => {
    await quote("XNYS", "189.20", "189.25");
    await quote("XNAS", "189.19", "189.25");
    const sent = order();
    const answer = await route(keys.route, sent);
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { result: { data: { json: Record<string, unknown> } } };
    expect(body.result.data.json).toMatchObject({ kind: "routed", orderId: sent.orderId, venueId: "XNAS" });
    const logged = await db.sql<{ selected_venue_id: string }[]>`
      select selected_venue_id from routing_decisions where order_id = ${sent.orderId}`;
    expect(logged.map((row) => row.selected_venue_id)).toEqual(["XNAS"]);
  });

  it("refuses a key without the routing scope with 403, and no key with 401", async () => {
    const refused = await route(keys.portfolio, order());
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as ErrorBody;
    expect(body.error.json.data).toMatchObject({ code: "FORBIDDEN", httpStatus: 403, path: "routing.route" });
    expect((await route(undefined, order())).status).toBe(401);
  });

  it("answers bad input with 400 naming the field", async () => {
    for (const [input, field] of [
      [order({ side: "BUY" }), "side"],
      [order({ quantity: undefined }), "quantity"],
    ] as const) {
      const answer = await route(keys.route, input);
      expect(answer.status).toBe(400);
      const body = (await answer.json()) as ErrorBody;
      expect(body.error.json.data.code).toBe("BAD_REQUEST");
      expect(body.error.json.message).toContain(`${field}: `);
    }
  });

  it("never takes a browser's session cookie for an identity", async () => {
    const ops = await createUserWithRole(db.db, "ops");
    const session = await signIn(db.db, ops.email, ops.password);
    const answer = await route(undefined, order(), { cookie: `nexus_session=${session}` });
    expect(answer.status).toBe(401);
  });

  it("serves tRPC's own client with batching and superjson, errors included", async () => {
    const client = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: base,
          transformer: superjson,
          headers: { authorization: `Bearer ${keys.route}` },
        }),
      ],
    });
    await quote("XNYS", "189.20", "189.25");
    await quote("XNAS", "189.19", "189.25");
    const [me, nbbo, routed] = await Promise.all([
      client.auth.me.query(),
      client.routing.nbbo.query({ symbol: "AAPL" }),
      client.routing.route.mutate(order()),
    ]);
    expect(me).toMatchObject({ kind: "service", apiKey: { name: "orders-routing:route" } });
    expect(nbbo).toMatchObject({ symbol: "AAPL", ask: { price: "189.25" }, bid: { price: "189.2" } });
    expect(routed).toMatchObject({ kind: "routed", venueId: "XNAS" });
    const failure = await client.routing.route
      .mutate(order({ side: "BUY" }))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TRPCClientError);
    expect((failure as TRPCClientError<AppRouter>).data).toMatchObject({
      code: "BAD_REQUEST",
      httpStatus: 400,
    });
  });

  it("logs its own failures, not the callers' mistakes", async () => {
    const logged: unknown[] = [];
    const logger = pino({ level: "error" }, { write: (line: string) => void logged.push(JSON.parse(line)) });
    // No routing service in this process: routing.route is an internal error, and is logged.
    const bare = await startServiceApiServer({
      port: 0,
      deps: { db: db.db, rateLimiter: new MemoryRateLimiter(), trustedProxyCount: 0 },
      logger,
    });
    try {
      const url = `http://127.0.0.1:${bare.port}/api/trpc/routing.route`;
      const headers = { "content-type": "application/json", authorization: `Bearer ${keys.route}` };
      const failed = await fetch(url, { method: "POST", headers, body: JSON.stringify({ json: order() }) });
      expect(failed.status).toBe(500);
      expect((await fetch(url, { method: "POST", headers, body: "{}" })).status).toBe(400);
      expect(logged).toEqual([
        expect.objectContaining({ msg: "tRPC procedure failed", path: "routing.route" }),
      ]);
    } finally {
      await bare.close();
    }
  });

  it("answers 404 outside /api/trpc", async () => {
    const answer = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(answer.status).toBe(404);
  });
});
