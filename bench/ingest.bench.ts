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
import {
  benchBrokers,
  benchDatabaseUrl,
  benchWorkerVariables,
  startGroupAtLogEnd,
  workerMetric,
} from "./bench-worker.js";
import type { BenchResult, BenchServices } from "./types.js";

const EVENTS = 300_000;
const PRODUCE_CHUNK = 10_000;
const TARGET_EVENTS_PER_S = 20_000;

const databaseUrl = benchDatabaseUrl;
const brokers = benchBrokers;
export const services: BenchServices = { postgres: databaseUrl, kafka: brokers.join(",") };

const log = (message: string) => process.stderr.write(`bench ingest: ${message}\n`);

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
    await startGroupAtLogEnd(admin, groupId, CONSUMED_TOPICS);

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
    const env = workerEnvSchema.parse(benchWorkerVariables({ schema, groupId }));
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
      ingested = await workerMetric(port, "nexus_ingest_events_total");
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
