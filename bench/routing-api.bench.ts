/**
 * routing.api.requests_per_s and routing.api.p99_ms (issue 12): `routing.route` through the tRPC HTTP API
 * as another service calls it (API key, superjson body), with the load from a second process
 * (bench/routing-api-load.ts). The server is the service API other services call, the worker's
 * SERVICE_API_PORT (apps/worker/src/http/service-api.ts, node:http), not the web app's Next.js /api/trpc;
 * it runs in this process alone, without the worker's consumers (ingest, surveillance) beside it.
 * Each request does the real work: the key's look-up (remembered for 2 s), the halt check (halts held in
 * memory), the venue quotes from Redis, the decision, its routing_decisions row and its routing.decisions
 * event on Kafka (sent once the row is committed, off the answer's path; closing the server waits for them). A fresh Postgres schema and a Redis key prefix of its own isolate the run; the quotes are
 * refreshed every 100 ms, as the worker's quote consumer would from marketdata.quotes, so they stay within
 * the router's TTL.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { TOPICS } from "@nexus/core/events";
import { Decimal } from "@nexus/core/money";
import { createDb } from "@nexus/db/client";
import { createApiKey } from "@nexus/db/queries/auth";
import { insertVenueConfiguration } from "@nexus/db/queries/routing";
import { createTestDatabase } from "@nexus/db/testing";
import { KafkaEventBus } from "@nexus/platform/bus";
import { RedisCache } from "@nexus/platform/cache";
import { createLogger } from "@nexus/platform/logger";
import type { ServiceApiServer } from "@nexus/api/service-api";
import { storeQuote } from "@nexus/services/routing";
import { startServiceApi } from "../apps/worker/src/http/service-api.js";
import { generateApiKey } from "../packages/api/src/auth/tokens.js";
import type { BenchResult, BenchServices } from "./types.js";

const DURATION_MS = 15_000;
const WARMUP_MS = 3_000;
const CONCURRENCY = 16;
const TARGET_REQUESTS_PER_S = 2_000;
const TARGET_P99_MS = 20;

const databaseUrl =
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const brokers = (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(",");
export const services: BenchServices = { postgres: databaseUrl, redis: redisUrl, kafka: brokers.join(",") };

const log = (message: string) => process.stderr.write(`bench routing-api: ${message}\n`);

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

/** Runs the load process and returns what it printed. */
function runLoad(url: string, key: string) {
  return new Promise<{
    warmupRequests: number;
    requests: number;
    errors: number;
    elapsedMs: number;
    latencies: number[];
  }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...process.execArgv, path.join(import.meta.dirname, "routing-api-load.ts"), url, key].concat([
        String(DURATION_MS),
        String(CONCURRENCY),
        String(WARMUP_MS),
      ]),
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load process exited with ${code}`)),
    );
  });
}

export default async function bench(): Promise<BenchResult[]> {
  const logger = createLogger({ name: "bench-routing-api", level: "warn" });
  const run = randomUUID().slice(0, 8);
  const db = await createTestDatabase("bench_routing_api");
  // The schema's own handle keeps a test-sized pool; the server gets one the size of the worker's (10).
  const pool = createDb({ url: databaseUrl, schema: db.schema, max: 10 });
  const cache = new RedisCache({ url: redisUrl, keyPrefix: `bench-routing-${run}:` });
  const bus = new KafkaEventBus({ brokers, clientId: `bench-routing-${run}`, logger });
  let server: ServiceApiServer | undefined;
  let refresher: NodeJS.Timeout | undefined;
  try {
    await bus.ensureTopics([TOPICS.routingDecisions, TOPICS.routingExecutions], 3);
    for (const [venueId, takerFee] of [
      ["XNYS", "0.0030"],
      ["XNAS", "0.0009"],
      ["ARCX", "0.0025"],
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
    const { key, prefix, keyHash } = generateApiKey();
    await createApiKey(db.db, { name: "bench-orders", prefix, keyHash, scopes: ["routing:route"] });
    const refreshQuotes = () =>
      Promise.all(
        ["XNYS", "XNAS", "ARCX"].map((venueId, i) =>
          storeQuote(cache, {
            event_id: randomUUID(),
            event_type: "quote",
            occurred_at: new Date().toISOString(),
            venue_id: venueId,
            symbol: "AAPL",
            bid_price: `189.2${i}`,
            bid_size: "5000",
            ask_price: "189.25",
            ask_size: "5000",
          }),
        ),
      );
    await refreshQuotes();
    refresher = setInterval(() => void refreshQuotes().catch(() => undefined), 100);

    // As the worker starts it (SERVICE_API_PORT), on a pool of its own like the worker's.
    server = await startServiceApi({
      port: 0,
      env: {
        REDIS_URL: redisUrl,
        TRUSTED_PROXY_COUNT: 0,
        ORDERS_SERVICE_URL: undefined,
        MARKET_DATA_URL: undefined,
      },
      database: pool,
      bus,
      cache,
      logger,
    });
    const { port } = server;
    log(`service API on ${port}; ${CONCURRENCY} concurrent callers for ${DURATION_MS / 1000} s`);
    const cpuBefore = process.cpuUsage();
    const load = await runLoad(`http://127.0.0.1:${port}/api/trpc`, key);
    const cpu = process.cpuUsage(cpuBefore);
    if (load.errors > 0) log(`${load.errors} requests failed`);
    // What one request costs the server's thread, whatever else the machine runs: 1000 / this is the
    // ceiling of one core in requests per second.
    const cpuMs = (cpu.user + cpu.system) / 1000 / (load.requests + load.warmupRequests);
    log(
      `server CPU ${cpuMs.toFixed(2)} ms per request (one core serves at most ${Math.round(1000 / cpuMs)}/s)`,
    );
    const [decisions] = await db.sql<{ n: number }[]>`select count(*)::int as n from routing_decisions`;
    log(`${load.requests} requests answered, ${decisions?.n ?? 0} decisions logged`);
    const sorted = Float64Array.from(load.latencies).sort();
    return [
      {
        name: "routing.api.requests_per_s",
        value: (load.requests - load.errors) / (load.elapsedMs / 1000),
        unit: "requests/s",
        target: TARGET_REQUESTS_PER_S,
        better: "higher",
      },
      {
        name: "routing.api.p99_ms",
        value: quantile(sorted, 0.99),
        unit: "ms",
        target: TARGET_P99_MS,
        better: "lower",
      },
    ];
  } finally {
    if (refresher !== undefined) clearInterval(refresher);
    await server?.close();
    await cache.deleteByPrefix("").catch(() => undefined);
    await pool.close();
    await Promise.all([cache.close(), bus.close(), db.close()]);
  }
}
