/**
 * The worker's configuration: the shared service settings (DATABASE_URL, KAFKA_BROKERS, ...) plus its
 * own. The only module of the worker that reads the environment (docs/conventions.md, Environment).
 */
import { z } from "zod";
import { baseEnvSchema, loadEnv } from "@nexus/platform/env";
import { MAX_SPEED, MIN_SPEED, parseSpeed } from "@nexus/sim";

export const workerEnvSchema = baseEnvSchema.extend({
  /**
   * Postgres schema holding the tables (migrated at start). `public` in production; tests and
   * benchmarks point a worker at a schema of their own.
   */
  NEXUS_DB_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, { error: "expected a lower-case schema name" })
    .default("public"),
  /** Port of /healthz, /readyz, /metrics; 0 binds any free port (tests). */
  WORKER_PORT: z.coerce.number().int().min(0).max(65535).default(3001),
  /**
   * Port of the service API, the tRPC router for other services (API keys) on a node:http server of its
   * own (http/service-api.ts); 0 binds any free port; unset, none is started and other services use the
   * web app's /api/trpc.
   */
  SERVICE_API_PORT: z
    .string()
    .regex(/^\d{1,5}$/, { error: "expected a port number from 0 to 65535" })
    .transform(Number)
    .refine((port) => port <= 65_535, { error: "expected a port number from 0 to 65535" })
    .optional(),
  /**
   * Kafka consumer group of the ingest service. Replicas share it (and so the partitions); a
   * different group re-reads the topics independently (a blue/green deploy, tests, benchmarks).
   */
  INGEST_GROUP_ID: z.string().min(1).default("nexus-ingest"),
  /**
   * Most events written by one persist call where the worker sizes batches itself: the in-memory
   * bus's delivery batches and `nexus replay --ingest`. Kafka batches are sized by fetch bytes.
   */
  INGEST_BATCH_MAX: z.coerce.number().int().min(1).max(100_000).default(5000),
  /** Partitions of a contract topic the worker has to create (missing on a fresh cluster). */
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().min(1).max(1000).default(6),
  /**
   * Live flow the simulator publishes, events per wall-clock second at the session's starting speed
   * (0 turns it off). Runs on the embedded default; against Kafka only with SIM_PUBLISH_TO_KAFKA.
   */
  SIM_EVENTS_PER_SECOND: z.coerce.number().min(0).max(100_000).default(50),
  /**
   * With KAFKA_BROKERS set, whether this worker also runs the simulator, publishing to Kafka like any
   * outside producer (`npm start` sets it unless `--no-sim`). One replica should, not every one.
   */
  SIM_PUBLISH_TO_KAFKA: z
    .enum(["true", "false"], { error: "expected true or false" })
    .default("false")
    .transform((value) => value === "true"),
  /**
   * The trading day of the shipped bars the session replays (YYYY-MM-DD); unset: the first with two years
   * of the data before it (the risk figures' history ends the day before the replayed one).
   */
  SIM_DAY: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "expected a date as YYYY-MM-DD" })
    .optional(),
  /** Simulated time per wall-clock time at the start (`10x`); the admin page changes it while running. */
  SIM_SPEED: z
    .string()
    .transform((text, context) => {
      const speed = parseSpeed(text);
      if (speed === undefined)
        context.addIssue({ code: "custom", message: `expected ${MIN_SPEED}x to ${MAX_SPEED}x, e.g. 10x` });
      return speed ?? MIN_SPEED;
    })
    .default(MIN_SPEED),
  /**
   * Orders a second the embedded demo's customers (its noise traders) send through the router (0: none;
   * the demo traders' orders, which build and tend their books, go through it whatever this is).
   */
  SIM_ROUTED_ORDERS_PER_SECOND: z.coerce.number().min(0).max(1_000).default(2),
  /**
   * Manipulation the embedded demo's simulator injects, of all six kinds with their benign look-alikes:
   * attempted episodes of each kind per 10,000 agent actions of a symbol (0 turns it off). The default
   * gives an episode every few minutes (issue 15); the session's first minute runs at a higher one
   * (sim-feed.ts, OPENING_INTENSITY), so that alerts are there within a minute of the start.
   */
  SIM_MANIPULATION_INTENSITY: z.coerce.number().min(0).max(100).default(1),
  /**
   * Seed of the embedded demo's simulator, to reproduce a run (the worker logs the one it used). Unset,
   * each start draws its own: the simulator's event ids follow from the seed, so a fixed default made
   * every event after a restart a duplicate of one already stored, and the screens stood still.
   */
  SIM_SEED: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  /**
   * A partition with lag and no committed progress for this long is stalled: /readyz answers 503
   * naming it. Long enough to ride out a database failover with its retries, short enough to page.
   */
  INGEST_STALL_AFTER_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(30_000),
  /**
   * How long the surveillance stage holds an event for events of other topics stamped earlier (Kafka
   * orders one topic at a time; a fill may be consumed before its order). Event-to-alert latency
   * includes it. On the pipeline bench's steady flow (a producer of its own, one broker),
   * nexus_surveillance_late_events_total read 0-134 per 73,000 events held 50 ms and 55-113 held
   * 25 ms: the rest of the skew is stalls longer than either, so the longer hold only added latency.
   * Producers that linger to batch (Kafka's Java client: linger.ms 5) stay well within 25 ms.
   */
  SURVEILLANCE_HOLD_MS: z.coerce.number().int().min(0).max(10_000).default(25),
  /**
   * Events the surveillance stage may hold before the ingest waits for it (backpressure): bounds the
   * worker's memory when the flow outruns the engine; the rest waits in Kafka as consumer lag.
   */
  SURVEILLANCE_MAX_BACKLOG: z.coerce.number().int().min(1_000).max(10_000_000).default(20_000),
  /**
   * Stored history replayed to rebuild a symbol's detector state when this worker takes the symbol
   * over (start, partition moved). Longer than the detectors' windows and the alerts' 60 s merge window.
   */
  SURVEILLANCE_REBUILD_WINDOW_MS: z.coerce.number().int().min(0).max(86_400_000).default(600_000),
  /** The Risk service told of each halt and lift (POST {url}/halts, the risk.halts message); unset: none. */
  RISK_SERVICE_URL: z.url({ protocol: /^https?$/, error: "expected an http(s):// URL" }).optional(),
  /** The notifications service told of alerts (POST {url}/alerts, the surveillance.alerts message); unset: none. */
  NOTIFICATIONS_URL: z.url({ protocol: /^https?$/, error: "expected an http(s):// URL" }).optional(),
  /** The lowest severity sent to NOTIFICATIONS_URL. */
  NOTIFY_MIN_SEVERITY: z.enum(["low", "medium", "high", "critical"]).default("high"),
  /** Upper bound on a graceful stop (finish the batch in hand, commit, close) before forcing exit. */
  WORKER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
});

export type WorkerEnv = z.infer<typeof workerEnvSchema>;

export const loadWorkerEnv = (): WorkerEnv => loadEnv(workerEnvSchema);
