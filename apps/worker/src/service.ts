/**
 * The ingest service wired together: database (migrated), event bus, the ingest consumer, the
 * embedded demo's live flow, and the health/metrics HTTP server. `main.ts` runs it as a process;
 * integration tests start and stop it in-process.
 */
import { randomInt } from "node:crypto";
import { CONSUMED_TOPICS, PUBLISHED_TOPICS, deadLetterTopicOf } from "@nexus/core/events";
import { listenPort } from "@nexus/db/queries/listen-port";
import { InMemoryEventBus, KafkaEventBus } from "@nexus/platform/bus";
import type { EventBus } from "@nexus/platform/bus";
import { createCache } from "@nexus/platform/cache";
import type { Logger } from "@nexus/platform/logger";
import { createMetrics } from "@nexus/platform/metrics";
import { createMarketHistory } from "@nexus/services/portfolio";
import { replaceReference } from "@nexus/services/surveillance";
import { openMigratedDatabase } from "./database.js";
import type { WorkerEnv } from "./env.js";
import { startHealthServer } from "./http/health-server.js";
import { startServiceApi } from "./http/service-api.js";
import { subscribeIngest } from "./ingest/pipeline.js";
import { watchConsumer } from "./metrics/consumer-watch.js";
import { createIngestMetrics } from "./metrics/ingest-metrics.js";
import { subscribePositions } from "./portfolio/position-consumer.js";
import { subscribeQuoteCache } from "./routing/quote-cache-consumer.js";
import { startRoutedFlow } from "./routing/routed-flow.js";
import { startVenuePerformanceSchedule } from "./routing/venue-performance-schedule.js";
import { demoPortfolioHolders } from "./portfolio/demo-holders.js";
import { startSnapshotSchedule } from "./portfolio/snapshot-schedule.js";
import { startPortfolioStream } from "./portfolio/portfolio-stream.js";
import { loadShippedMarketDataOnce } from "./portfolio/shipped-market-data.js";
import { startSimulatorFeed } from "./sim-feed.js";
import { followSimulationControl } from "./simulation/control-follower.js";
import { startStatusReporter } from "./simulation/status-reporter.js";
import { SCAN_REQUEST_TOPIC, subscribeScanRequests } from "./surveillance/scan-requests.js";
import { createProfileInvalidator } from "./surveillance/profile-invalidator.js";
import { startSurveillance } from "./surveillance/start-surveillance.js";

export interface RunningWorker {
  /**
   * Port of /healthz, /readyz, /metrics and the /ws/portfolio WebSocket (WORKER_PORT, or the bound one
   * when WORKER_PORT is 0).
   */
  httpPort: number;
  /** Port of the service API (SERVICE_API_PORT, or the bound one when 0); undefined when not started. */
  serviceApiPort?: number;
  /** Stops consuming, lets the batch in hand finish and commit, then closes bus, HTTP and DB. */
  stop(): Promise<void>;
}

export interface StartWorkerOptions {
  env: WorkerEnv;
  logger: Logger;
  /** Read a group's topics from the start when it has no committed offset (benchmarks). */
  fromBeginning?: boolean;
}

async function openEventBus(env: WorkerEnv, logger: Logger): Promise<EventBus> {
  if (env.KAFKA_BROKERS === undefined)
    return new InMemoryEventBus({ logger, maxBatchSize: env.INGEST_BATCH_MAX });
  const bus = new KafkaEventBus({ brokers: env.KAFKA_BROKERS, clientId: "nexus-worker", logger });
  // The broker may run with auto-create off: the dead-letter and published topics are ours to produce,
  // and creating a missing consumed topic lets a fresh cluster start (an existing one is left as it is).
  await bus.ensureTopics(
    [
      ...CONSUMED_TOPICS,
      ...CONSUMED_TOPICS.map(deadLetterTopicOf),
      ...PUBLISHED_TOPICS,
      SCAN_REQUEST_TOPIC,
      deadLetterTopicOf(SCAN_REQUEST_TOPIC),
    ],
    env.KAFKA_TOPIC_PARTITIONS,
  );
  return bus;
}

export async function startWorker({
  env,
  logger,
  fromBeginning,
}: StartWorkerOptions): Promise<RunningWorker> {
  const startedAt = new Date();
  const handle = await openMigratedDatabase(env);

  const bus = await openEventBus(env, logger);
  const metrics = createMetrics({ labels: { service: "worker" } });
  const ingestMetrics = createIngestMetrics(metrics);
  const surveillance = await startSurveillance({ env, database: handle, bus, logger, metrics });
  const cache = createCache({ url: env.REDIS_URL, logger });
  const profiles = createProfileInvalidator({ db: handle.db, cache, logger });
  const consumer = await subscribeIngest({
    bus,
    db: handle.db,
    metrics: ingestMetrics,
    onStored: (fresh, receivedMs) => {
      surveillance.stage.accept(fresh, receivedMs);
      profiles.accept(fresh);
    },
    untilRoom: () => surveillance.stage.roomForMore(),
    onSettled: (batch) => surveillance.stage.settled(batch),
    onAssignment: () => surveillance.stage.reassigned(),
    groupId: env.INGEST_GROUP_ID,
    ...(fromBeginning ? { fromBeginning } : {}),
  });
  surveillance.stage.controlFlow(consumer);
  // Positions and risk: both sides of every trade (own group); the shipped bars are loaded below.
  const positions = await subscribePositions({
    bus,
    db: handle.db,
    cache,
    groupId: `${env.INGEST_GROUP_ID}.positions`,
    ...(fromBeginning ? { fromBeginning } : {}),
  });
  // Venue quotes for the router's NBBO, in the cache every routing process reads (own group).
  const quotes = await subscribeQuoteCache({ bus, cache, groupId: `${env.INGEST_GROUP_ID}.routing-quotes` });
  const scans = await subscribeScanRequests({
    bus,
    db: handle.db,
    groupId: `${env.INGEST_GROUP_ID}.scans`,
    logger,
  });
  const watch = watchConsumer({
    consumer,
    metrics: ingestMetrics,
    logger,
    stallAfterMs: env.INGEST_STALL_AFTER_MS,
  });

  // The simulated session: the live flow of the embedded default, where nobody else produces; against
  // Kafka only when asked (SIM_PUBLISH_TO_KAFKA), publishing there like any outside producer.
  const embeddedBus = env.KAFKA_BROKERS === undefined;
  const feed =
    (embeddedBus || env.SIM_PUBLISH_TO_KAFKA) && env.SIM_EVENTS_PER_SECOND > 0
      ? startSimulatorFeed({
          bus,
          eventsPerSecond: env.SIM_EVENTS_PER_SECOND,
          seed: env.SIM_SEED ?? randomInt(2 ** 31),
          logger,
          ...(env.SIM_DAY === undefined ? {} : { day: env.SIM_DAY }),
          speed: env.SIM_SPEED,
          manipulationIntensity: env.SIM_MANIPULATION_INTENSITY,
        })
      : undefined;
  // The admin's pause, resume and speed reach the simulator through the database (the web holds no engine state).
  const control =
    feed === undefined
      ? undefined
      : await followSimulationControl({ database: handle, feed, startedAt, logger });
  // Routing: the firm's customers' (the session's noise traders) and the demo traders' orders through the
  // router, over the simulated venues and the matching engine. The demo traders' books are the embedded
  // default's: against Kafka the firm's own flow and cashiering own them.
  const holders = feed !== undefined && embeddedBus ? await demoPortfolioHolders(handle.db, new Date()) : [];
  const routedFlow =
    feed === undefined || (env.SIM_ROUTED_ORDERS_PER_SECOND === 0 && holders.length === 0)
      ? undefined
      : await startRoutedFlow({
          bus,
          db: handle.db,
          cache,
          sharedCache: env.REDIS_URL !== undefined,
          listen: listenPort(handle.sql),
          seed: env.SIM_SEED ?? randomInt(2 ** 31),
          logger,
          groupId: `${env.INGEST_GROUP_ID}.routed-flow`,
          clients: feed.customers(),
          ordersPerSecond: env.SIM_ROUTED_ORDERS_PER_SECOND,
          holders,
        });
  // Surveillance knows the simulated desks, owners and market makers as it would a firm's real ones, and
  // the routed fills' counterparties (the house desk, the venues' books) as the market makers they are.
  if (feed !== undefined) {
    const reference = feed.referenceData();
    await replaceReference(
      { db: handle.db, actor: { actorType: "system", actorId: "simulator", ip: null }, now: new Date() },
      { ...reference, marketMakers: [...reference.marketMakers, ...(routedFlow?.counterparties ?? [])] },
    );
  }
  // The web app's status bar: this worker's rates, lag and simulated session, every second (before the
  // shipped bars' import below, so the bar shows the session from its first seconds).
  const status = await startStatusReporter({
    db: handle.db,
    logger,
    ingest: () => ingestMetrics.current(),
    bus: embeddedBus ? "in-memory" : "kafka",
    ...(feed === undefined ? {} : { simulation: () => feed.state() }),
  });

  // The shipped bars on a first start (some 10-20 s for 138,000 bars): after the live flow has started, so
  // the first alerts do not wait for them (issue 15: live alerts within a minute of `npm start`); the demo
  // books' symbols first, so their VaR does not wait for the rest; before anything below that values books.
  await loadShippedMarketDataOnce(
    handle.db,
    logger,
    holders.flatMap((holder) => holder.symbols),
  );
  const venuePerformance = startVenuePerformanceSchedule({ db: handle.db, logger, everyMs: 60_000 });
  // Each account's daily snapshot, rewritten every 5 minutes until its day ends (time-weighted returns).
  const snapshots = startSnapshotSchedule({
    db: handle.db,
    market: createMarketHistory(handle.db, { marketDataUrl: env.MARKET_DATA_URL, logger }),
    logger,
    everyMs: 300_000,
  });
  // A user's metrics to other clients over WebSocket (/ws/portfolio on the HTTP server below).
  const portfolioStream = startPortfolioStream({
    database: handle,
    cache,
    logger,
    marketDataUrl: env.MARKET_DATA_URL,
  });

  // Other services' tRPC calls (API keys), on a node:http server of their own (SERVICE_API_PORT).
  const serviceApi =
    env.SERVICE_API_PORT === undefined
      ? undefined
      : await startServiceApi({ port: env.SERVICE_API_PORT, env, database: handle, bus, cache, logger });
  const http = await startHealthServer({
    port: env.WORKER_PORT,
    checks: {
      db: async () => (await handle.sql`select 1 as up`).length === 1,
      bus: () => bus.ping(),
      ingest: async () => {
        const stalled = await watch.check();
        return stalled.length === 0 || { ready: false, detail: { stalled } };
      },
    },
    upgrade: (request, socket, head) => portfolioStream.handleUpgrade(request, socket, head),
    renderMetrics: async () => {
      // A scrape while the broker is away still answers, with the last lag read.
      await watch.check().catch(() => undefined);
      ingestMetrics.refresh();
      return metrics.render();
    },
  });
  logger.info(
    {
      port: http.port,
      serviceApiPort: serviceApi?.port,
      bus: env.KAFKA_BROKERS ? "kafka" : "in-memory",
      database: env.DATABASE_URL ? "DATABASE_URL" : `embedded PGlite in ${env.NEXUS_DATA_DIR}`,
      schema: env.NEXUS_DB_SCHEMA,
    },
    "worker ingesting",
  );

  return {
    httpPort: http.port,
    serviceApiPort: serviceApi?.port,
    async stop() {
      watch.stop();
      await status.stop();
      await control?.stop();
      await feed?.stop();
      await routedFlow?.stop();
      await venuePerformance.stop();
      await snapshots.stop();
      await consumer.stop();
      await scans.stop();
      await surveillance.stop();
      await positions.stop();
      await quotes.stop();
      await profiles.idle();
      await portfolioStream.close();
      await serviceApi?.close();
      await cache.close();
      await http.close();
      await bus.close();
      await handle.close();
    },
  };
}
