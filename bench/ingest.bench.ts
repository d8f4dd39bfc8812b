/**
 * worker.ingest.events_per_s: Kafka -> Postgres, sustained, through the real worker (KafkaEventBus,
 * decode, dead-letter check, bulk inserts, offset commits).
 *
 * The contract fixes topic names, so the run isolates itself otherwise: a fresh consumer group whose
 * offsets are set to the current end of every consumed topic before anything is produced (so it reads
 * exactly this run's events, whatever earlier runs left in the log), and a fresh Postgres schema (so
 * every stored row is this run's). EVENTS simulator events are produced first; then the worker starts
 * and the clock runs from the first persisted batch to the last, which leaves out the group join.
 */
import { randomUUID } from "node:crypto";
import { Kafka, logLevel } from "kafkajs";
import { CONSUMED_TOPICS, deadLetterTopicOf } from "@nexus/core/events";
import { createDb } from "@nexus/db/client";
import { KafkaEventBus } from "@nexus/platform/bus";
import { createLogger } from "@nexus/platform/logger";
import { createMarketSimulator, loadSampleBars } from "@nexus/sim";
import { workerEnvSchema } from "../apps/worker/src/env.js";
import { startWorker } from "../apps/worker/src/service.js";
import { toTopicMessages } from "../apps/worker/src/sim-feed.js";
import type { BenchResult, BenchServices } from "./types.js";

const EVENTS = 300_000;
const PRODUCE_CHUNK = 10_000;
const TARGET_EVENTS_PER_S = 20_000;

const databaseUrl =
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const brokers = (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(",");
export const services: BenchServices = { postgres: databaseUrl, kafka: brokers.join(",") };

const log = (message: string) => process.stderr.write(`bench ingest: ${message}\n`);

async function ingestedSoFar(port: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  let total = 0;
  for (const match of text.matchAll(/^nexus_ingest_events_total\{[^}]*\} (\d+)/gm)) total += Number(match[1]);
  return total;
}

/**
 * Runs a call on topics created a moment ago, again while the broker answers with a retriable error: a
 * broker that has just started (bench/run.ts starts one when none answers) can still say "not the leader"
 * after the topics' creation returned, and kafkajs's admin gives that error up at once.
 */
async function whileLeadersSettle<T>(call: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      // kafkajs's error classes are not named exports of its CommonJS build: its `retriable` flag is read.
      const retriable = error instanceof Error && "retriable" in error && error.retriable === true;
      if (!retriable || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export default async function bench(): Promise<BenchResult[]> {
  const logger = createLogger({ name: "bench-ingest", level: "warn" });
  const runId = randomUUID().replaceAll("-", "").slice(0, 12);
  const schema = `bench_ingest_${runId}`;
  const groupId = `bench-ingest-${runId}`;

  const kafka = new Kafka({ clientId: "bench-ingest", brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const bus = new KafkaEventBus({ brokers, clientId: "bench-ingest-producer", logger });
  const db = createDb({ url: databaseUrl, schema, max: 1 });
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  try {
    await bus.ensureTopics([...CONSUMED_TOPICS, ...CONSUMED_TOPICS.map(deadLetterTopicOf)], 6);
    // The group starts where the log ends now: it will read this run's events and nothing older.
    for (const topic of CONSUMED_TOPICS) {
      const ends = await whileLeadersSettle(() => admin.fetchTopicOffsets(topic));
      await admin.setOffsets({
        groupId,
        topic,
        partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
      });
    }

    log(`producing ${EVENTS} simulator events`);
    const simulator = createMarketSimulator({
      bars: loadSampleBars().bars,
      seed: 7,
      startTime: Date.parse("2026-11-24T14:30:00Z"),
    });
    for (let produced = 0; produced < EVENTS; produced += PRODUCE_CHUNK) {
      const slice = toTopicMessages(simulator.take(Math.min(PRODUCE_CHUNK, EVENTS - produced)));
      await Promise.all([...slice].map(([topic, messages]) => bus.publish(topic, messages)));
    }

    log("consuming");
    const env = workerEnvSchema.parse({
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: brokers.join(","),
      NEXUS_DB_SCHEMA: schema,
      INGEST_GROUP_ID: groupId,
      WORKER_PORT: "0",
      LOG_LEVEL: "warn",
    });
    worker = await startWorker({ env, logger });
    const port = worker.httpPort;
    let startedAt: number | undefined;
    let startCount = 0;
    let ingested = 0;
    const deadline = Date.now() + 10 * 60_000;
    while (ingested < EVENTS) {
      if (Date.now() > deadline)
        throw new Error(`only ${ingested} of ${EVENTS} events ingested after 10 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      ingested = await ingestedSoFar(port);
      if (startedAt === undefined && ingested > 0) {
        startedAt = performance.now();
        startCount = ingested;
      }
    }
    const seconds = (performance.now() - (startedAt ?? 0)) / 1000;
    const rate = (ingested - startCount) / seconds;

    const [stored] = await db.sql<{ n: string }[]>`
      select (select count(*) from order_events) + (select count(*) from trade_events)
           + (select count(*) from quote_events) as n`;
    if (Number(stored?.n) !== EVENTS) throw new Error(`expected ${EVENTS} stored rows, found ${stored?.n}`);
    log(`${EVENTS} events stored; ${ingested - startCount} in ${seconds.toFixed(2)} s after the first batch`);

    return [
      {
        name: "worker.ingest.events_per_s",
        value: rate,
        unit: "events/s",
        target: TARGET_EVENTS_PER_S,
        better: "higher",
      },
    ];
  } finally {
    await worker?.stop();
    await db.sql.unsafe(`drop schema if exists "${schema}" cascade`);
    await db.close();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
    await bus.close();
  }
}
