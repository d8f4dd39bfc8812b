/**
 * Historical scans over 1,000,000 stored orders (with their trades) of the simulator's flow:
 * - surveillance.scan.orders_per_s: one process scanning every symbol (`runHistoricalScan`, as
 *   `nexus scan` without Kafka runs it).
 * - surveillance.scan.fanout_1_worker.orders_per_s and .fanout_2_workers.orders_per_s: the same scan
 *   fanned out by symbol over Kafka to one, then two, worker processes of one group (as `nexus scan`
 *   with Kafka runs it); the clock runs from publishing the requests to the scan's completion, once
 *   every worker has joined the group and it is stable (start-up and rebalancing are not timed).
 * Orders per second counts the order events of the period (trades are read and processed too). Each
 * symbol's events are streamed from Postgres while the engine runs, so both figures include the
 * database's time on this machine (Postgres shares its CPUs with the scanning processes).
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import type { OrderEvent, TradeExecutedEvent } from "@nexus/core/events";
import { Kafka, logLevel } from "kafkajs";
import type { Admin } from "kafkajs";
import { createDb } from "@nexus/db/client";
import { insertOrderEvents, insertTradeEvents } from "@nexus/db/queries/events";
import { findScan } from "@nexus/db/queries/surveillance-scans";
import { migrate } from "@nexus/db/migrate";
import { KafkaEventBus } from "@nexus/platform/bus";
import { createLogger } from "@nexus/platform/logger";
import { runHistoricalScan, startScan } from "@nexus/services/surveillance";
import { createMarketSimulator, loadSampleBars } from "@nexus/sim";
import { SCAN_REQUEST_TOPIC, scanRequestMessages } from "../apps/worker/src/surveillance/scan-requests.js";
import { benchBrokers, benchDatabaseUrl, benchWorkerVariables } from "./bench-worker.js";
import type { BenchResult, BenchServices } from "./types.js";

const ORDERS = 1_000_000;
const START = Date.parse("2026-03-02T14:30:00Z");

const databaseUrl = benchDatabaseUrl;
const brokers = benchBrokers;
export const services: BenchServices = { postgres: databaseUrl, kafka: brokers.join(",") };

const log = (message: string) => process.stderr.write(`bench surveillance-scan: ${message}\n`);
const root = path.resolve(import.meta.dirname, "..");

function startWorkerProcess(schema: string, groupId: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "apps/worker/src/main.ts"], {
    cwd: root,
    env: { ...process.env, ...benchWorkerVariables({ schema, groupId }) },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

/** Until the group has exactly `members` members and is stable (each member holds its partitions). */
async function untilGroupStable(admin: Admin, groupId: string, members: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const [group] = (await admin.describeGroups([groupId])).groups;
    if (group?.state === "Stable" && group.members.length === members) return;
    if (Date.now() > deadline)
      throw new Error(`the scan group ${groupId} did not settle with ${members} member(s)`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export default async function bench(): Promise<BenchResult[]> {
  const runId = randomUUID().replaceAll("-", "").slice(0, 12);
  const schema = `bench_scan_${runId}`;
  const handle = createDb({ url: databaseUrl, schema, max: 4 });
  const logger = createLogger({ name: "bench-scan", level: "warn" });
  const bus = new KafkaEventBus({ brokers, clientId: "bench-scan", logger });
  const admin = new Kafka({ clientId: "bench-scan-admin", brokers, logLevel: logLevel.NOTHING }).admin();
  const workers: ChildProcess[] = [];
  try {
    await migrate(handle.sql, { schema });
    log(`storing ${ORDERS} orders of the simulator's flow`);
    const simulator = createMarketSimulator({
      bars: loadSampleBars().bars,
      seed: 5,
      startTime: START,
      eventsPerSecond: 400,
    });
    let orders = 0;
    let lastTime = START;
    while (orders < ORDERS) {
      const chunk = simulator.take(50_000);
      const orderEvents = chunk.filter((event): event is OrderEvent => event.event_type.startsWith("order."));
      const trades = chunk.filter(
        (event): event is TradeExecutedEvent => event.event_type === "trade.executed",
      );
      await Promise.all([insertOrderEvents(handle.db, orderEvents), insertTradeEvents(handle.db, trades)]);
      orders += orderEvents.length;
      lastTime = Date.parse(chunk.at(-1)?.occurred_at ?? "") || lastTime;
    }
    await handle.sql`analyze`;
    const period = { from: new Date(START).toISOString(), to: new Date(lastTime + 1).toISOString() };
    const context = {
      db: handle.db,
      actor: { actorType: "cli" as const, actorId: "bench", ip: null },
      now: new Date(),
    };

    log("scanning in one process");
    const inProcessStart = performance.now();
    const scanned = await runHistoricalScan(context, period);
    const inProcessSeconds = (performance.now() - inProcessStart) / 1000;
    log(
      `${scanned.eventsScanned} events of ${scanned.symbols.length} symbols in ${inProcessSeconds.toFixed(2)} s, ${scanned.alertsRaised} alerts`,
    );

    const fannedOut = async (workerCount: number): Promise<number> => {
      const groupId = `bench-scan-${runId}-${workerCount}`;
      for (let index = 0; index < workerCount; index++) workers.push(startWorkerProcess(schema, groupId));
      // Until the group has joined: a probe scan of one symbol completes.
      const probe = await startScan(
        context,
        { ...period, symbols: [scanned.symbols[0] ?? "AAPL"] },
        "caller",
      );
      await bus.publish(SCAN_REQUEST_TOPIC, scanRequestMessages(probe.id, probe.symbols));
      while ((await findScan(handle.db, probe.id))?.status !== "completed")
        await new Promise((r) => setTimeout(r, 200));
      // Every member in, and the rebalance a later join starts over, before the clock starts.
      await untilGroupStable(admin, `${groupId}.scans`, workerCount);
      const scan = await startScan(context, period, "caller");
      const startedAt = performance.now();
      await bus.publish(SCAN_REQUEST_TOPIC, scanRequestMessages(scan.id, scan.symbols));
      while ((await findScan(handle.db, scan.id))?.status !== "completed")
        await new Promise((r) => setTimeout(r, 100));
      const seconds = (performance.now() - startedAt) / 1000;
      log(`fanned out to ${workerCount} worker(s): ${seconds.toFixed(2)} s`);
      for (const child of workers.splice(0)) child.kill("SIGTERM");
      return orders / seconds;
    };
    await bus.ensureTopics([SCAN_REQUEST_TOPIC], 6);
    await admin.connect();
    const oneWorker = await fannedOut(1);
    const twoWorkers = await fannedOut(2);

    return [
      {
        name: "surveillance.scan.orders_per_s",
        value: orders / inProcessSeconds,
        unit: "orders/s",
        target: 200_000,
        better: "higher",
      },
      {
        name: "surveillance.scan.fanout_1_worker.orders_per_s",
        value: oneWorker,
        unit: "orders/s",
        target: 200_000,
        better: "higher",
      },
      {
        name: "surveillance.scan.fanout_2_workers.orders_per_s",
        value: twoWorkers,
        unit: "orders/s",
        target: oneWorker,
        better: "higher",
      },
    ];
  } finally {
    for (const child of workers) child.kill("SIGTERM");
    await admin.disconnect();
    await bus.close();
    await handle.sql.unsafe(`drop schema if exists "${schema}" cascade`);
    await handle.close();
  }
}
