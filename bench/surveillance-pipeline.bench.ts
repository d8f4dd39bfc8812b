/**
 * The surveillance pipeline through the real worker: Kafka -> decode -> Postgres -> event-time order ->
 * engine -> published and stored alerts.
 *
 * - surveillance.pipeline.events_per_s: a backlog of simulator events with manipulation of all six
 *   kinds (and their benign look-alikes) produced first, then the worker started on a schema that
 *   holds the shipped bars already; the clock runs from the first events handed to the stage (held or
 *   processed) to the last the engine processed. The stage's backlog is sampled meanwhile and its
 *   peak reported (surveillance.pipeline.max_backlog_events): it stays bounded because the
 *   stage pauses partitions read ahead of the others in event time.
 * - surveillance.pipeline.alert_p99_ms: then the same flow produced at a steady 2,000 events/s with event
 *   times on the wall clock, each event sent the moment its time comes by a producer process of its
 *   own (bench/pipeline-steady-load.ts), as outside producers are; after a
 *   warm-up of WARM_UP_SECONDS (the engine meets a new flow and the backlog's last alerts are still being
 *   written: a transition, not the steady state, and its slowest alerts are logged apart), for 60 s, for
 *   each alert it opened, the time from the event that raised it (its detected_at) to its row
 *   (created_at). Sixty seconds open ~120 alerts: over the ~60 of 30 s, the 99th percentile was the
 *   single slowest alert.
 *
 * Isolated like bench/ingest.bench.ts: a fresh group set to the log's end, a fresh schema.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { createInterface } from "node:readline";
import { Kafka, logLevel } from "kafkajs";
import { CONSUMED_TOPICS, deadLetterTopicOf } from "@nexus/core/events";
import { createDb } from "@nexus/db/client";
import { KafkaEventBus } from "@nexus/platform/bus";
import { createLogger } from "@nexus/platform/logger";
import { createMarketSimulator, loadSampleBars } from "@nexus/sim";
import { workerEnvSchema } from "../apps/worker/src/env.js";
import { openMigratedDatabase } from "../apps/worker/src/database.js";
import { loadShippedMarketDataOnce } from "../apps/worker/src/portfolio/shipped-market-data.js";
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

const BACKLOG_EVENTS = 200_000;
const STEADY_EVENTS_PER_S = 2_000;
const STEADY_SECONDS = 60;
const WARM_UP_SECONDS = 5;
const PRODUCE_CHUNK = 2_000;

const databaseUrl = benchDatabaseUrl;
const brokers = benchBrokers;
export const services: BenchServices = { postgres: databaseUrl, kafka: brokers.join(",") };

const log = (message: string) => process.stderr.write(`bench surveillance-pipeline: ${message}\n`);

/**
 * Starts bench/pipeline-steady-load.ts: resolves `startMs` with its flow's first event time, once its bars
 * are parsed, and `produced` with the number of events it sent, once it is done.
 */
function runSteadyLoad(durationMs: number): { startMs: Promise<number>; produced: Promise<number> } {
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      path.join(import.meta.dirname, "pipeline-steady-load.ts"),
      brokers.join(","),
      "12",
      String(STEADY_EVENTS_PER_S),
      String(durationMs),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const line = async (): Promise<Record<string, number>> => {
    const { value, done } = await lines.next();
    if (done === true) throw new Error("the steady load process stopped before its report");
    return JSON.parse(String(value)) as Record<string, number>;
  };
  const startMs = line().then((report) => Number(report.startMs));
  const produced = startMs.then(line).then((report) => Number(report.produced));
  const exited = new Promise<void>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`steady load process exited with ${code}`)),
    );
  });
  return { startMs, produced: Promise.all([produced, exited]).then(([count]) => count) };
}

export default async function bench(): Promise<BenchResult[]> {
  const logger = createLogger({ name: "bench-surveillance-pipeline", level: "warn" });
  const runId = randomUUID().replaceAll("-", "").slice(0, 12);
  const schema = `bench_pipeline_${runId}`;
  const groupId = `bench-pipeline-${runId}`;
  const kafka = new Kafka({ clientId: "bench-pipeline", brokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const bus = new KafkaEventBus({ brokers, clientId: "bench-pipeline-producer", logger });
  const db = createDb({ url: databaseUrl, schema, max: 1 });
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  try {
    await bus.ensureTopics([...CONSUMED_TOPICS, ...CONSUMED_TOPICS.map(deadLetterTopicOf)], 6);
    await startGroupAtLogEnd(admin, groupId, CONSUMED_TOPICS);

    const simulator = createMarketSimulator({
      bars: loadSampleBars().bars,
      seed: 11,
      // An hour back: the backlog's event times never reach the steady phase's, whose alerts are told by them.
      startTime: Date.now() - 3_600_000,
      eventsPerSecond: STEADY_EVENTS_PER_S,
      manipulation: { intensity: 3 },
    });
    log(`producing a backlog of ${BACKLOG_EVENTS} events with manipulation`);
    let tradingEvents = 0;
    for (let produced = 0; produced < BACKLOG_EVENTS; produced += PRODUCE_CHUNK) {
      const events = simulator.take(Math.min(PRODUCE_CHUNK, BACKLOG_EVENTS - produced));
      tradingEvents += events.filter((event) => event.event_type !== "quote").length;
      await Promise.all(
        [...toTopicMessages(events)].map(([topic, messages]) => bus.publish(topic, messages)),
      );
    }

    const env = workerEnvSchema.parse(benchWorkerVariables({ schema, groupId }));
    // The shipped bars stored first, as on any start after the first: a first start imports them before
    // it returns, while its consumer already drains the backlog, and this bench times the pipeline alone.
    const prepared = await openMigratedDatabase(env);
    await loadShippedMarketDataOnce(prepared.db, logger).finally(() => prepared.close());
    const starting = performance.now();
    worker = await startWorker({ env, logger });
    const port = worker.httpPort;
    log(`worker started in ${((performance.now() - starting) / 1000).toFixed(2)} s`);
    // From the first events stored and handed to the stage, held or processed: the stage holds events
    // until every partition with a backlog has been read past them, and that wait is the pipeline's too.
    let startedAt: number | undefined;
    let startCount = 0;
    let processed = 0;
    let maxBacklog = 0;
    const deadline = Date.now() + 10 * 60_000;
    while (processed < tradingEvents) {
      if (Date.now() > deadline)
        throw new Error(`only ${processed} of ${tradingEvents} events processed in 10 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      processed = await workerMetric(port, "nexus_surveillance_events_total");
      const backlog = await workerMetric(port, "nexus_surveillance_backlog_events");
      maxBacklog = Math.max(maxBacklog, backlog);
      if (startedAt === undefined && backlog + processed > 0) {
        startedAt = performance.now();
        startCount = processed;
      }
    }
    const seconds = (performance.now() - (startedAt ?? starting)) / 1000;
    const rate = (processed - startCount) / seconds;
    const backlogAlerts = await workerMetric(port, "nexus_surveillance_alerts_recorded_total");
    log(
      `${processed} order and trade events through the engine in ${seconds.toFixed(2)} s; ${backlogAlerts} alerts recorded`,
    );

    // Steady phase: a second flow whose event times run on the wall clock, each event produced once its
    // time has come, by a process of its own (the backlog's simulated clock is far ahead by now).
    log(`steady ${STEADY_EVENTS_PER_S} events/s for ${STEADY_SECONDS} s`);
    const load = runSteadyLoad((WARM_UP_SECONDS + STEADY_SECONDS) * 1000);
    const steadyFrom = new Date(await load.startMs);
    // This process is the worker's alone now: what it uses is what the pipeline costs at this rate.
    const cpuBefore = process.cpuUsage();
    const produced = await load.produced;
    const cpu = process.cpuUsage(cpuBefore);
    const wallMs = Date.now() - steadyFrom.getTime();
    log(
      `steady phase: ${produced} events produced; the worker used ${(((cpu.user + cpu.system) / 1000 / wallMs) * 100).toFixed(0)} % of a core`,
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const alerts = await db.sql<{ ms: string; after_s: string }[]>`
      select extract(epoch from (created_at - detected_at)) * 1000 as ms,
             extract(epoch from (detected_at - ${steadyFrom.toISOString()}::timestamptz)) as after_s
        from surveillance_alerts
       where detected_at >= ${steadyFrom.toISOString()}::timestamptz and update_count = 0 order by 1`;
    const warmUp = alerts.filter((row) => Number(row.after_s) < WARM_UP_SECONDS);
    const latencies = alerts.filter((row) => Number(row.after_s) >= WARM_UP_SECONDS);
    const slowest = (rows: readonly { ms: string; after_s: string }[]) =>
      rows
        .slice(-5)
        .map((row) => `${Number(row.ms).toFixed(0)} ms at ${Number(row.after_s).toFixed(1)} s`)
        .join(", ");
    log(`steady phase: warm-up's slowest alerts ${slowest(warmUp)}; measured's ${slowest(latencies)}`);
    const values = latencies.map((row) => Number(row.ms));
    if (values.length < 10)
      throw new Error(`only ${values.length} alerts in the steady phase: too few for a p99`);
    const p99 = values[Math.min(values.length - 1, Math.ceil(values.length * 0.99) - 1)] ?? Number.NaN;
    const p50 = values[Math.floor(values.length / 2)] ?? Number.NaN;
    // Events the hold did not put back in order: a shorter hold is only worth its latency while this stays 0.
    const late = await workerMetric(port, "nexus_surveillance_late_events_total");
    log(
      `steady phase: ${values.length} new alerts, event -> row p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms; ${late} late events`,
    );

    return [
      {
        name: "surveillance.pipeline.events_per_s",
        value: rate,
        unit: "events/s",
        target: 20_000,
        better: "higher",
      },
      {
        name: "surveillance.pipeline.max_backlog_events",
        value: maxBacklog,
        unit: "events",
        target: 50_000,
        better: "lower",
      },
      { name: "surveillance.pipeline.alert_p99_ms", value: p99, unit: "ms", target: 100, better: "lower" },
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
