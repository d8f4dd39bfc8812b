/**
 * The worker's service API (SERVICE_API_PORT) on the real Postgres, Redis and Kafka: it routes an order
 * with the quotes in the worker's cache, refuses a halt made meanwhile (its halts are kept by NOTIFY), and
 * the port is configured and validated like the worker's others.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { TOPICS } from "@nexus/core/events";
import { Decimal } from "@nexus/core/money";
import { createApiKey } from "@nexus/db/queries/auth";
import { insertVenueConfiguration } from "@nexus/db/queries/routing";
import { tradingHalts } from "@nexus/db/schema";
import { createTestDatabase, type TestSchema } from "@nexus/db/testing";
import { parseEnv } from "@nexus/platform/env";
import { KafkaEventBus } from "@nexus/platform/bus";
import { RedisCache } from "@nexus/platform/cache";
import type { ServiceApiServer } from "@nexus/api/service-api";
import { storeQuote } from "@nexus/services/routing";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workerEnvSchema } from "../env.js";
import { waitFor } from "../../test/services.js";
import { startServiceApi } from "./service-api.js";

const run = randomUUID().slice(0, 8);
const symbol = `S${run.slice(0, 6).toUpperCase()}`;
let db: TestSchema;
let cache: RedisCache;
let bus: KafkaEventBus;
let server: ServiceApiServer;
let key: string;

beforeAll(async () => {
  db = await createTestDatabase("worker_service_api");
  cache = new RedisCache({ url: "redis://127.0.0.1:6379", keyPrefix: `it-worker-service-api-${run}:` });
  bus = new KafkaEventBus({
    brokers: [process.env.KAFKA_BROKERS ?? "127.0.0.1:9092"],
    clientId: `it-worker-service-api-${run}`,
    logger: pino({ level: "silent" }),
  });
  await bus.ensureTopics([TOPICS.routingDecisions, TOPICS.routingExecutions], 3);
  await insertVenueConfiguration(db.db, {
    venueId: "XNAS",
    name: "XNAS",
    venueType: "exchange",
    makerFee: new Decimal("-0.002"),
    takerFee: new Decimal("0.0009"),
    expectedLatencyMs: 1,
  });
  // As an admin's key looks (nxk_ prefix, SHA-256 stored): the worker holds no key-issuing code.
  key = `nxk_${randomBytes(32).toString("base64url")}`;
  await createApiKey(db.db, {
    name: "orders",
    prefix: key.slice(0, 12),
    keyHash: createHash("sha256").update(key).digest("hex"),
    scopes: ["routing:route", "portfolio:read"],
  });
  server = await startServiceApi({
    port: 0,
    env: {
      REDIS_URL: "redis://127.0.0.1:6379",
      TRUSTED_PROXY_COUNT: 0,
      ORDERS_SERVICE_URL: undefined,
      MARKET_DATA_URL: undefined,
    },
    database: db,
    bus,
    cache,
    logger: pino({ level: "silent" }),
  });
}, 60_000);

afterAll(async () => {
  await server.close();
  await cache.deleteByPrefix("");
  await Promise.all([cache.close(), bus.close(), db.close()]);
});

async function route(): Promise<{ status: number; kind: unknown; haltId: unknown }> {
  // The worker's quote consumer keeps these fresh from marketdata.quotes.
  await storeQuote(cache, {
    event_id: randomUUID(),
    event_type: "quote",
    occurred_at: new Date().toISOString(),
    venue_id: "XNAS",
    symbol,
    bid_price: "10.00",
    bid_size: "500",
    ask_price: "10.01",
    ask_size: "500",
  });
  const answer = await fetch(`http://127.0.0.1:${server.port}/api/trpc/routing.route`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({
      json: {
        orderId: randomUUID(),
        userId: randomUUID(),
        symbol,
        side: "buy",
        quantity: "100",
        strategy: "best_price",
      },
    }),
  });
  const body = (await answer.json()) as { result?: { data: { json: { kind: unknown; haltId?: unknown } } } };
  return { status: answer.status, kind: body.result?.data.json.kind, haltId: body.result?.data.json.haltId };
}

describe("the worker's service API", () => {
  it("answers portfolio figures from the worker's own analytics", async () => {
    const userId = randomUUID();
    const input = encodeURIComponent(JSON.stringify({ json: { userId } }));
    const answer = await fetch(`http://127.0.0.1:${server.port}/api/trpc/portfolio.summary?input=${input}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { result: { data: { json: Record<string, unknown> } } };
    expect(body.result.data.json).toMatchObject({ userId, openPositions: 0, marketValue: "0" });
  });

  it("routes with the worker's cached quotes, and refuses a halt made meanwhile with its id", async () => {
    expect(await route()).toMatchObject({ status: 200, kind: "routed" });
    const [halt] = await db.db
      .insert(tradingHalts)
      .values({ scope: "symbol", symbol, reason: "regulatory halt" })
      .returning();
    const halted = await waitFor(async () => {
      const answer = await route();
      return answer.kind === "halted" && answer;
    });
    expect(halted).toMatchObject({ status: 200, haltId: halt?.id });
  });

  it("fails to start on a port already taken, naming the cause, and leaves nothing open", async () => {
    const second = startServiceApi({
      port: server.port,
      env: {
        REDIS_URL: "redis://127.0.0.1:6379",
        TRUSTED_PROXY_COUNT: 0,
        ORDERS_SERVICE_URL: "http://127.0.0.1:9/orders",
        MARKET_DATA_URL: undefined,
      },
      database: db,
      bus,
      cache,
      logger: pino({ level: "silent" }),
    });
    await expect(second).rejects.toThrow(/EADDRINUSE/);
  });

  it("is configured by SERVICE_API_PORT: unset none, a port number, a bad value refused by name", () => {
    const unset = parseEnv(workerEnvSchema, {});
    expect(unset.ok && unset.env.SERVICE_API_PORT).toBeUndefined();
    const set = parseEnv(workerEnvSchema, { SERVICE_API_PORT: "3002" });
    expect(set.ok && set.env.SERVICE_API_PORT).toBe(3002);
    for (const bad of ["70000", "api"]) {
      const parsed = parseEnv(workerEnvSchema, { SERVICE_API_PORT: bad });
      expect(parsed.ok ? "" : parsed.message).toMatch(/^SERVICE_API_PORT: expected a port number/);
    }
  });
});
