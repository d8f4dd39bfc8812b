/**
 * What the benches that run the real worker share: where the services are, the worker's environment
 * for a run of its own (schema, consumer group), reading its /metrics, and starting a fresh consumer
 * group at the log's current end so it reads that run's events and nothing an earlier run left.
 */
import type { Admin } from "kafkajs";

export const benchDatabaseUrl =
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const benchBrokers = (process.env.KAFKA_BROKERS ?? "127.0.0.1:9092").split(",");

/** The worker's variables for a bench run over Kafka in its own schema and consumer group. */
export function benchWorkerVariables(run: { schema: string; groupId: string }): Record<string, string> {
  return {
    DATABASE_URL: benchDatabaseUrl,
    KAFKA_BROKERS: benchBrokers.join(","),
    NEXUS_DB_SCHEMA: run.schema,
    INGEST_GROUP_ID: run.groupId,
    WORKER_PORT: "0",
    LOG_LEVEL: "warn",
  };
}

/** The sum over label sets of a metric on the worker's /metrics. */
export async function workerMetric(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  let total = 0;
  for (const match of text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+(?:\\.\\d+)?)`, "gm")))
    total += Number(match[1]);
  return total;
}

/**
 * Runs a call on topics created a moment ago, again while the broker answers with a retriable error: a
 * broker that has just started (bench/run.ts starts one when none answers) can still say "not the leader"
 * after the topics' creation returned, and kafkajs's admin gives that error up at once.
 */
export async function whileLeadersSettle<T>(call: () => Promise<T>): Promise<T> {
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

/** Sets a new group's offsets to the topics' current ends: it will read what is produced from now on. */
export async function startGroupAtLogEnd(
  admin: Admin,
  groupId: string,
  topics: readonly string[],
): Promise<void> {
  for (const topic of topics) {
    const ends = await whileLeadersSettle(() => admin.fetchTopicOffsets(topic));
    await admin.setOffsets({
      groupId,
      topic,
      partitions: ends.map(({ partition, high }) => ({ partition, offset: high })),
    });
  }
}
