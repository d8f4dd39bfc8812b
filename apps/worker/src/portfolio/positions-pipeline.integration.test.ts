/**
 * Trades on Kafka -> the worker's positions -> VaR -> a further trade -> the user's cached figures gone
 * at once and the next VaR computed on the new book: real Kafka, Postgres and Redis, the worker as it
 * runs in production, and the analytics as the web server runs them (worker threads, Redis cache).
 */
import { randomUUID } from "node:crypto";
import { Kafka, Partitioners, logLevel } from "kafkajs";
import type { Producer } from "kafkajs";
import { listPositions } from "@nexus/db/queries/portfolio";
import { openTestSchema } from "@nexus/db/testing";
import { RedisCache } from "@nexus/platform/cache";
import { createLogger } from "@nexus/platform/logger";
import {
  MarketHistoryStore,
  RiskThreadPool,
  createPortfolioAnalytics,
  portfolioCachePrefix,
} from "@nexus/services/portfolio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KAFKA_BROKERS, testWorkerEnv, untilGroupJoined, waitFor } from "../../test/services.js";
import type { RunningWorker } from "../service.js";
import { startWorker } from "../service.js";
import { tradeMessage } from "../../test/fixtures/trade-message.js";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const logger = createLogger({ name: "positions-it", level: "warn" });
const db = openTestSchema("worker_positions_it");
const kafka = new Kafka({
  clientId: "positions-it",
  brokers: KAFKA_BROKERS.split(","),
  logLevel: logLevel.NOTHING,
});
const cache = new RedisCache({ url: REDIS_URL });
const pool = new RiskThreadPool({ size: 1 });
let producer: Producer;
let worker: RunningWorker;

const trader = randomUUID();
const dealer = randomUUID();

const holding = async (userId: string, symbol: string) =>
  (await listPositions(db.db, userId)).find((position) => position.symbol === symbol)?.quantity.toFixed();

beforeAll(async () => {
  worker = await startWorker({
    env: testWorkerEnv({
      NEXUS_DB_SCHEMA: db.schema,
      INGEST_GROUP_ID: `positions-it-${randomUUID()}`,
      REDIS_URL,
    }),
    logger,
  });
  producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await untilGroupJoined(async () => {
    const probeBuyer = randomUUID();
    await producer.send({
      topic: "trades.executed",
      messages: [tradeMessage("AAPL", "1", "150", probeBuyer, randomUUID())],
    });
    return async () => (await holding(probeBuyer, "AAPL")) === "1";
  });
}, 120_000);

afterAll(async () => {
  await producer?.disconnect();
  await worker?.stop();
  await Promise.all([cache.close(), pool.close()]);
  await db.close();
});

describe("positions from trades.executed", () => {
  it("keeps both sides, and a trade drops the trader's cached VaR at once", async () => {
    const analytics = createPortfolioAnalytics({
      db: db.db,
      cache,
      pool,
      market: new MarketHistoryStore(db.db),
      clock: () => new Date(),
    });
    const request = { metric: "var" as const, methods: ["historical" as const], confidence: 0.99 };

    await producer.send({
      topic: "trades.executed",
      messages: [tradeMessage("AAPL", "1000", "150.10", trader, dealer)],
    });
    await waitFor(async () => (await holding(trader, "AAPL")) === "1000", { what: "the AAPL position" });
    expect(await holding(dealer, "AAPL")).toBe("-1000");
    const before = (await analytics.risk(trader, request)) as Array<{ var: string; components: unknown[] }>;
    expect(Number(before[0]?.var)).toBeGreaterThan(0);
    expect(before[0]?.components).toHaveLength(1);

    await producer.send({
      topic: "trades.executed",
      messages: [tradeMessage("XOM", "2000", "80.00", trader, dealer)],
    });
    await waitFor(async () => (await holding(trader, "XOM")) === "2000", { what: "the XOM position" });
    // The worker dropped the trader's entries when it applied the trade: nothing is left to delete.
    expect(await cache.deleteByPrefix(portfolioCachePrefix(trader))).toBe(0);
    const after = (await analytics.risk(trader, request)) as Array<{ var: string; components: unknown[] }>;
    expect(after[0]?.components).toHaveLength(2);
    expect(after[0]?.var).not.toBe(before[0]?.var);
  });
});
