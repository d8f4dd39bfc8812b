/**
 * The worker process under SIGTERM, against the real Kafka and Postgres: it exits 0 after committing
 * the batch in hand, and a restarted worker in the same group neither loses nor re-reads anything.
 */
import { randomUUID } from "node:crypto";
import { Kafka, Partitioners, logLevel } from "kafkajs";
import type { Producer } from "kafkajs";
import { openTestSchema } from "@nexus/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleOrderLine, withFreshEventId } from "../test/fixtures/events.js";
import type { WorkerProcess } from "../test/processes.js";
import { startWorkerProcess } from "../test/processes.js";
import { KAFKA_BROKERS, TEST_DATABASE_URL, waitFor } from "../test/services.js";

const db = openTestSchema("worker_main_it");
const schema = db.schema;
const env = {
  DATABASE_URL: TEST_DATABASE_URL,
  KAFKA_BROKERS,
  NEXUS_DB_SCHEMA: schema,
  INGEST_GROUP_ID: `worker-it-sigterm-${randomUUID()}`,
};
const kafka = new Kafka({
  clientId: "worker-it-sigterm",
  brokers: KAFKA_BROKERS.split(","),
  logLevel: logLevel.NOTHING,
});
let producer: Producer;
let running: WorkerProcess | undefined;

const storedOf = async (eventIds: readonly string[]): Promise<number> => {
  const rows = await db.sql<
    { n: string }[]
  >`select count(*) as n from order_events where event_id = any(${eventIds}::uuid[])`;
  return Number(rows[0]?.n ?? 0);
};

/** Orders with fresh ids spread over symbols, so they land on several partitions. */
function orders(count: number): { ids: string[]; messages: { key: string; value: string }[] } {
  const ids: string[] = [];
  const messages = Array.from({ length: count }, (_, index) => {
    const symbol = ["AAPL", "MSFT", "GOOG", "AMZN", "IBM", "XOM"][index % 6] ?? "AAPL";
    const { eventId, line } = withFreshEventId(
      exampleOrderLine.replace('"symbol":"AAPL"', `"symbol":"${symbol}"`),
    );
    ids.push(eventId);
    return { key: symbol, value: line };
  });
  return { ids, messages };
}

const duplicatesReported = async (port: number): Promise<number> => {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return Number(/^nexus_ingest_duplicate_events_total\{[^}]*\} (\d+)/m.exec(text)?.[1] ?? Number.NaN);
};

beforeAll(async () => {
  producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
});

afterAll(async () => {
  if (running && running.child.exitCode === null) {
    running.child.kill("SIGTERM");
    await running.exited;
  }
  await producer?.disconnect();
  await db.close();
});

describe("worker process", () => {
  it("commits the batch in hand on SIGTERM, exits 0, and a restart stores the rest without re-reading", async () => {
    running = await startWorkerProcess(env);
    // The new group starts at the log end once joined: probe until one order is stored.
    await waitFor(
      async () => {
        const probe = orders(1);
        await producer.send({ topic: "orders.created", messages: probe.messages });
        return waitFor(async () => (await storedOf(probe.ids)) === 1, { timeoutMs: 3_000 }).catch(
          () => false,
        );
      },
      { timeoutMs: 60_000, intervalMs: 0, what: "the consumer group to join" },
    );

    const first = orders(3_000);
    await producer.send({ topic: "orders.created", messages: first.messages });
    await waitFor(async () => (await storedOf(first.ids)) > 0, { what: "the first batch" });

    running.child.kill("SIGTERM");
    expect(await running.exited).toBe(0);

    // Produced while no worker runs: must not be lost.
    const second = orders(2_000);
    await producer.send({ topic: "orders.created", messages: second.messages });

    running = await startWorkerProcess(env);
    const all = [...first.ids, ...second.ids];
    await waitFor(async () => (await storedOf(all)) === all.length, { what: "every order stored" });
    // Everything committed before the stop stayed committed: the restart re-read none of it.
    expect(await duplicatesReported(running.httpPort)).toBe(0);

    running.child.kill("SIGTERM");
    expect(await running.exited).toBe(0);
    // Two worker start-ups and a group join each: allow for a loaded 2-core CI machine.
  }, 180_000);
});
