/**
 * The ingest service against the real Kafka broker and Postgres. Topic names are the contract's, so
 * this file isolates itself by its own consumer group, its own Postgres schema and fresh event ids,
 * and asserts only on its own events.
 */
import { randomUUID } from "node:crypto";
import { Kafka, Partitioners, logLevel } from "kafkajs";
import type { Producer } from "kafkajs";
import { createLogger } from "@nexus/platform/logger";
import { openTestSchema } from "@nexus/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleOrderLine, exampleTradeLine, withFreshEventId } from "../test/fixtures/events.js";
import { KAFKA_BROKERS, TEST_DATABASE_URL, startTcpProxy, testWorkerEnv, waitFor } from "../test/services.js";
import type { RunningWorker } from "./service.js";
import { startWorker } from "./service.js";

const logger = createLogger({ name: "worker-test", level: "warn" });
const db = openTestSchema("worker_ingest_it");
const schema = db.schema;
const kafka = new Kafka({
  clientId: "worker-it-other-team",
  brokers: KAFKA_BROKERS.split(","),
  logLevel: logLevel.NOTHING,
});
let producer: Producer;
let worker: RunningWorker;

/** Produces like another team's client would: plain kafkajs, key = symbol, no headers. */
const produce = (topic: string, value: string, key = "AAPL") =>
  producer.send({ topic, messages: [{ key, value }] });

const storedCount = async (table: "order_events" | "trade_events", eventId: string): Promise<number> => {
  const rows = await db.sql.unsafe<{ n: string }[]>(
    `select count(*) as n from ${table} where event_id = $1`,
    [eventId],
  );
  return Number(rows[0]?.n ?? 0);
};
const waitStored = (table: "order_events" | "trade_events", eventId: string) =>
  waitFor(async () => (await storedCount(table, eventId)) > 0, { what: `${table} ${eventId}` });

const metricsText = async (port: number) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();

beforeAll(async () => {
  worker = await startWorker({
    env: testWorkerEnv({ NEXUS_DB_SCHEMA: schema, INGEST_GROUP_ID: `worker-it-${randomUUID()}` }),
    logger,
  });
  producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  // A new group starts at the end of the log once it has joined: keep producing a probe until one is
  // stored, so nothing this file produces afterwards can fall before the group's starting offset.
  await waitFor(
    async () => {
      const probe = withFreshEventId(exampleOrderLine);
      await produce("orders.created", probe.line);
      return waitFor(async () => (await storedCount("order_events", probe.eventId)) > 0, {
        timeoutMs: 3_000,
      }).catch(() => false);
    },
    { timeoutMs: 60_000, intervalMs: 0, what: "the consumer group to join" },
  );
});

afterAll(async () => {
  await producer?.disconnect();
  await worker?.stop();
  await db.close();
});

describe("ingest from Kafka", () => {
  it("stores the two example messages of docs/events.md, as another team's producer sends them", async () => {
    const order = withFreshEventId(exampleOrderLine);
    const trade = withFreshEventId(exampleTradeLine);
    await produce("orders.created", order.line);
    await produce("trades.executed", trade.line);
    await waitStored("order_events", order.eventId);
    await waitStored("trade_events", trade.eventId);

    const [storedOrder] = await db.sql.unsafe<Record<string, string>[]>(
      "select price::text, quantity::text, account_id, user_id::text, capacity::text from order_events where event_id = $1",
      [order.eventId],
    );
    expect(storedOrder).toMatchObject({ capacity: "principal" });
    expect(Number(storedOrder?.price)).toBe(189.3);
    expect(Number(storedOrder?.quantity)).toBe(50000);
    // docs/events.md: account_id defaults to user_id.
    expect(storedOrder?.account_id).toBe(storedOrder?.user_id);

    const [storedTrade] = await db.sql.unsafe<Record<string, string>[]>(
      "select price::text, buy_account_id, sell_account_id, aggressor_side::text from trade_events where event_id = $1",
      [trade.eventId],
    );
    expect(storedTrade).toMatchObject({
      buy_account_id: "3c2b1a09-8f7e-4d6c-9b5a-493827160554",
      sell_account_id: "8e7d6c5b-4a39-4281-9f0e-d1c2b3a49586",
      aggressor_side: "buy",
    });
    expect(Number(storedTrade?.price)).toBe(189.25);
  });

  it("stores an order event delivered twice only once", async () => {
    const twice = withFreshEventId(exampleOrderLine);
    const after = withFreshEventId(exampleOrderLine);
    await produce("orders.created", twice.line);
    await produce("orders.created", twice.line);
    // Same key, same partition: once `after` is stored, both copies before it were handled.
    await produce("orders.created", after.line);
    await waitStored("order_events", after.eventId);

    expect(await storedCount("order_events", twice.eventId)).toBe(1);
    expect(await metricsText(worker.httpPort)).toMatch(
      /^nexus_ingest_duplicate_events_total\{[^}]*\} [1-9]/m,
    );
  });

  it("dead-letters garbage on orders.created with an error header and goes on to the next message", async () => {
    const marker = `garbage-${randomUUID()}`;
    const next = withFreshEventId(exampleOrderLine);
    await produce("orders.created", `{"not": "an order", "marker": "${marker}"`);
    await produce("orders.created", next.line);
    await waitStored("order_events", next.eventId);

    const dlqConsumer = kafka.consumer({ groupId: `worker-it-dlq-${randomUUID()}` });
    await dlqConsumer.connect();
    await dlqConsumer.subscribe({ topic: "orders.created.dlq", fromBeginning: true });
    let deadLetter: { value: string; headers: Record<string, string> } | undefined;
    await dlqConsumer.run({
      eachMessage: async ({ message }) => {
        const value = message.value?.toString() ?? "";
        if (!value.includes(marker)) return;
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([name, header]) => [name, String(header)]),
        );
        deadLetter = { value, headers };
      },
    });
    try {
      const found = await waitFor(async () => deadLetter, { what: "the dead letter" });
      expect(found.value).toBe(`{"not": "an order", "marker": "${marker}"`);
      expect(found.headers["error"]).toBe("(json): not valid JSON");
      expect(found.headers["source-offset"]).toMatch(/^\d+$/);
    } finally {
      await dlqConsumer.disconnect();
    }
    expect(await metricsText(worker.httpPort)).toMatch(
      /^nexus_ingest_dead_lettered_total\{[^}]*topic="orders\.created"[^}]*\} [1-9]/m,
    );
  });

  it("exposes events ingested by topic, throughput and batch durations on /metrics", async () => {
    const text = await metricsText(worker.httpPort);
    expect(text).toMatch(/^nexus_ingest_events_total\{[^}]*topic="orders\.created"[^}]*\} [1-9]/m);
    expect(text).toMatch(/^nexus_ingest_events_per_second\{[^}]*\} [0-9.]+$/m);
    expect(text).toMatch(/^nexus_ingest_batch_duration_seconds_count\{[^}]*\} [1-9]/m);
  });
});

describe("readiness", () => {
  it("reports 503 naming the database when it becomes unreachable, while /healthz stays up", async () => {
    const url = new URL(TEST_DATABASE_URL);
    const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.port = String(proxy.port);
    const cutOff = await startWorker({
      env: testWorkerEnv({
        DATABASE_URL: url.toString(),
        NEXUS_DB_SCHEMA: schema,
        INGEST_GROUP_ID: `worker-it-ready-${randomUUID()}`,
      }),
      logger,
    });
    try {
      const base = `http://127.0.0.1:${cutOff.httpPort}`;
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      // Cut once start-up's connections are open: postgres.js reads the array types on each new
      // connection without awaiting that read (connection.js, ReadyForQuery), so a connection reset in
      // that instant is an unhandled rejection inside the driver, not the outage this test is about.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await proxy.cut();
      const response = await fetch(`${base}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({
        status: "not ready",
        failed: ["db"],
        checks: { bus: "ok" },
      });
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      await cutOff.stop();
    }
  });
});
