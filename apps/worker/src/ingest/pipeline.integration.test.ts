/**
 * The ingest pipeline over the in-memory bus (the embedded default) and the real Postgres, and the
 * embedded demo service as `npm start` runs it: no Kafka, the simulator feeding live flow.
 */
import { randomUUID } from "node:crypto";
import { migrate } from "@nexus/db/migrate";
import { InMemoryEventBus } from "@nexus/platform/bus";
import type { RawMessage } from "@nexus/platform/bus";
import { createLogger } from "@nexus/platform/logger";
import { createMetrics } from "@nexus/platform/metrics";
import { openTestSchema } from "@nexus/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  exampleOrderLine,
  exampleTradeLine,
  quoteLine,
  withFreshEventId,
} from "../../test/fixtures/events.js";
import { testWorkerEnv, waitFor } from "../../test/services.js";
import { createIngestMetrics } from "../metrics/ingest-metrics.js";
import { startWorker } from "../service.js";
import { subscribeIngest } from "./pipeline.js";

const db = openTestSchema("worker_pipeline_it");
const schema = db.schema;

beforeAll(async () => {
  await migrate(db.sql, { schema });
});
afterAll(async () => {
  await db.close();
});

const storedIds = async (): Promise<string[]> =>
  (
    await db.sql<{ id: string }[]>`
      select event_id::text as id from order_events union all select event_id::text from trade_events
      union all select event_id::text from quote_events`
  ).map((row) => row.id);

describe("ingest over the in-memory bus", () => {
  it("stores each kind once, dead-letters the undecodable message and counts both", async () => {
    const bus = new InMemoryEventBus({ retryBackoffMs: 10 });
    const metrics = createMetrics();
    const consumer = await subscribeIngest({
      bus,
      db: db.db,
      metrics: createIngestMetrics(metrics),
      groupId: "pipeline-it",
      fromBeginning: true,
    });
    const deadLetters: RawMessage[] = [];
    const dlqConsumer = await bus.subscribe({
      groupId: "pipeline-it-dlq",
      topics: ["orders.created.dlq"],
      fromBeginning: true,
      decode: (message) => ({ ok: true, value: message }),
      handleBatch: async (deliveries) => void deadLetters.push(...deliveries.map((d) => d.message)),
    });
    try {
      const order = withFreshEventId(exampleOrderLine);
      const trade = withFreshEventId(exampleTradeLine);
      const quoteId = randomUUID();
      await bus.publish("orders.created", [
        { key: "AAPL", value: order.line },
        { key: "AAPL", value: '{"event_type":"order.created"}' },
        { key: "AAPL", value: order.line },
      ]);
      await bus.publish("trades.executed", [{ key: "AAPL", value: trade.line }]);
      await bus.publish("marketdata.quotes", [{ key: "AAPL", value: quoteLine(quoteId) }]);

      await waitFor(async () => (await storedIds()).length === 3, {
        timeoutMs: 10_000,
        what: "three stored events",
      });
      expect((await storedIds()).sort()).toEqual([order.eventId, trade.eventId, quoteId].sort());
      await waitFor(async () => deadLetters.length === 1, { timeoutMs: 10_000, what: "the dead letter" });
      expect(deadLetters[0]?.headers["error"]).toBe("event_id: required");

      const text = (await metrics.render()).body;
      expect(text).toMatch(/^nexus_ingest_events_total\{topic="orders\.created"\} 2$/m);
      expect(text).toMatch(/^nexus_ingest_duplicate_events_total 1$/m);
      expect(text).toMatch(
        /^nexus_ingest_dead_lettered_total\{topic="orders\.created",cause="undecodable"\} 1$/m,
      );
    } finally {
      await dlqConsumer.stop();
      await consumer.stop();
      await bus.close();
    }
  });
});

describe("embedded demo service", () => {
  it("stores the simulator's live flow and is ready without Kafka", async () => {
    const demoDb = openTestSchema("worker_demo_it");
    const demoSchema = demoDb.schema;
    const worker = await startWorker({
      env: testWorkerEnv({ KAFKA_BROKERS: "", NEXUS_DB_SCHEMA: demoSchema, SIM_EVENTS_PER_SECOND: "200" }),
      logger: createLogger({ name: "demo-test", level: "warn" }),
    });
    try {
      await waitFor(
        async () => {
          const [row] = await demoDb.sql<{ n: string }[]>`
            select (select count(*) from order_events) + (select count(*) from quote_events) as n`;
          return Number(row?.n) >= 50;
        },
        { timeoutMs: 15_000, what: "simulated events stored" },
      );
      const ready = await fetch(`http://127.0.0.1:${worker.httpPort}/readyz`);
      expect(await ready.json()).toEqual({ status: "ready", checks: { db: "ok", bus: "ok", ingest: "ok" } });
    } finally {
      await worker.stop();
      await demoDb.close();
    }
  });
});
