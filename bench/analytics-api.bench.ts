/**
 * analytics.api.var100_cold_p95_ms and analytics.api.var100_warm_p95_ms (issue 14): `portfolio.valueAtRisk`
 * (the four methods, 99 %, 1 day, 252 days, as the Portfolio screen asks) of a 100-position book, through
 * the tRPC HTTP API as a service calls it (API key with portfolio:read): the service API server
 * (@nexus/api/service-api, the worker's SERVICE_API_PORT), in this process. Cold: the user's cached figures
 * were dropped just before (as a trade drops them), so the request reads the book, computes in the risk
 * thread pool and stores the result in Redis; warm: the same request again, answered from Redis. The book
 * is made of trades applied by the position keeper, on the shipped five years of daily bars.
 * Also analytics.api.var100_hist_cold_p95_ms: the historical method alone, cold; and
 * analytics.api.returns5y_ms: `portfolio.historicalReturns` (daily, the whole five years) of the same book,
 * cold like the first, as its p95 (the target is < 20 ms).
 */
import { randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import { startServiceApiServer } from "@nexus/api/service-api";
import type { ServiceApiServer } from "@nexus/api/service-api";
import type { TradeExecutedEvent } from "@nexus/core/events";
import { createDb } from "@nexus/db/client";
import { createApiKey } from "@nexus/db/queries/auth";
import { insertTradeEvents } from "@nexus/db/queries/events";
import { createTestDatabase } from "@nexus/db/testing";
import { RedisCache } from "@nexus/platform/cache";
import { createLogger } from "@nexus/platform/logger";
import { MemoryRateLimiter } from "@nexus/platform/rate-limit";
import {
  MarketHistoryStore,
  RiskThreadPool,
  applyExecutedTrades,
  createPortfolioAnalytics,
  importMarketData,
} from "@nexus/services/portfolio";
import { loadDailyBars, loadSectors } from "@nexus/sim";
import { generateApiKey } from "../packages/api/src/auth/tokens.js";
import { toMarketBarRow } from "../apps/worker/src/portfolio/bar-rows.js";
import type { BenchResult, BenchServices } from "./types.js";

const POSITIONS = 100;
const COLD_RUNS = 30;
const WARM_RUNS = 300;
const WARMUP = 5;
const TARGET_COLD_P95_MS = 50;
const TARGET_WARM_P95_MS = 5;
const TARGET_RETURNS_5Y_MS = 20;

const databaseUrl =
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
export const services: BenchServices = { postgres: databaseUrl, redis: redisUrl };

const log = (message: string) => process.stderr.write(`bench analytics-api: ${message}\n`);

/**
 * A GET as another service makes it, on a kept-alive connection. node:http rather than fetch: the caller
 * shares this process, and fetch (undici) spent more than a millisecond of CPU a request of its own inside
 * the very latency being measured (bench/routing-api-load.ts has the figures).
 */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
function get(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const call = request(url, { agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
      );
      response.on("error", reject);
    });
    call.on("error", reject);
    call.end();
  });
}

function p95(samples: number[]): number {
  const sorted = Float64Array.from(samples).sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? Number.NaN;
}

export default async function bench(): Promise<BenchResult[]> {
  const run = randomUUID().slice(0, 8);
  const db = await createTestDatabase("bench_analytics_api");
  const pool = createDb({ url: databaseUrl, schema: db.schema, max: 10 });
  const cache = new RedisCache({ url: redisUrl, keyPrefix: `bench-analytics-${run}:` });
  const threads = new RiskThreadPool();
  let server: ServiceApiServer | undefined;
  try {
    const { bars } = loadDailyBars();
    await importMarketData(
      { db: db.db, actor: { actorType: "system", actorId: null, ip: null } },
      { source: "bench", bars: bars.map(toMarketBarRow), securities: loadSectors() },
    );
    // The 100 symbols with the most bars, each bought at its last close from a dealer.
    const lastClose = new Map<string, { close: string; count: number }>();
    for (const bar of bars) {
      const seen = lastClose.get(bar.symbol);
      lastClose.set(bar.symbol, { close: bar.close.toFixed(), count: (seen?.count ?? 0) + 1 });
    }
    const symbols = [...lastClose].sort((a, b) => b[1].count - a[1].count).slice(0, POSITIONS);
    const trader = randomUUID();
    const dealer = randomUUID();
    const trades: TradeExecutedEvent[] = symbols.map(([symbol, { close }]) => ({
      event_id: randomUUID(),
      event_type: "trade.executed",
      occurred_at: new Date().toISOString(),
      trade_id: randomUUID(),
      symbol,
      price: close,
      quantity: "100",
      buy_order_id: randomUUID(),
      sell_order_id: randomUUID(),
      buy_user_id: trader,
      sell_user_id: dealer,
      aggressor_side: "buy",
    }));
    await insertTradeEvents(db.db, trades);
    await applyExecutedTrades(db.db, trades);
    const { key, prefix, keyHash } = generateApiKey();
    await createApiKey(db.db, { name: "bench-risk", prefix, keyHash, scopes: ["portfolio:read"] });

    const portfolio = createPortfolioAnalytics({
      db: pool.db,
      cache,
      pool: threads,
      market: new MarketHistoryStore(pool.db),
      clock: () => new Date(),
    });
    // The service API other services call (the worker's SERVICE_API_PORT server), on this book's analytics.
    server = await startServiceApiServer({
      port: 0,
      logger: createLogger({ name: "bench-analytics-api", level: "warn" }),
      deps: { db: pool.db, rateLimiter: new MemoryRateLimiter(), trustedProxyCount: 0, portfolio },
    });
    const { port } = server;

    const timed = async (procedure: string, input: Record<string, unknown>): Promise<number> => {
      const query = encodeURIComponent(JSON.stringify({ json: { userId: trader, ...input } }));
      const started = performance.now();
      const { status, body } = await get(
        `http://127.0.0.1:${port}/api/trpc/portfolio.${procedure}?input=${query}`,
        { authorization: `Bearer ${key}` },
      );
      const elapsed = performance.now() - started;
      if (status !== 200) throw new Error(`${procedure} answered ${status}: ${body.slice(0, 300)}`);
      return elapsed;
    };
    const measure = async (
      input: Record<string, unknown>,
      runs: number,
      cold: boolean,
      procedure = "valueAtRisk",
    ) => {
      const samples: number[] = [];
      for (let i = 0; i < WARMUP + runs; i++) {
        if (cold) await portfolio.invalidate(trader);
        const elapsed = await timed(procedure, input);
        if (i >= WARMUP) samples.push(elapsed);
      }
      return p95(samples);
    };
    const screen = { confidence: 0.99, horizon: "1D", lookbackDays: 252 };
    const cold = await measure(screen, COLD_RUNS, true);
    const warm = await measure(screen, WARM_RUNS, false);
    const historicalCold = await measure({ ...screen, methods: ["historical"] }, COLD_RUNS, true);
    const returns5y = await measure({ frequency: "daily" }, COLD_RUNS, true, "historicalReturns");
    log(
      `cold p95 ${cold.toFixed(1)} ms, warm p95 ${warm.toFixed(2)} ms, historical cold ${historicalCold.toFixed(1)} ms, returns 5y cold p95 ${returns5y.toFixed(1)} ms`,
    );
    return [
      {
        name: "analytics.api.var100_cold_p95_ms",
        value: cold,
        unit: "ms",
        target: TARGET_COLD_P95_MS,
        better: "lower",
      },
      {
        name: "analytics.api.var100_warm_p95_ms",
        value: warm,
        unit: "ms",
        target: TARGET_WARM_P95_MS,
        better: "lower",
      },
      {
        name: "analytics.api.var100_hist_cold_p95_ms",
        value: historicalCold,
        unit: "ms",
        target: TARGET_COLD_P95_MS,
        better: "lower",
      },
      {
        name: "analytics.api.returns5y_ms",
        value: returns5y,
        unit: "ms",
        target: TARGET_RETURNS_5Y_MS,
        better: "lower",
      },
    ];
  } finally {
    agent.destroy();
    await server?.close();
    await cache.deleteByPrefix("").catch(() => undefined);
    await threads.close();
    await pool.close();
    await Promise.all([cache.close(), db.close()]);
  }
}
