/**
 * The worker's surveillance: the stage fed by ingest, the reference data it runs with (reloaded when
 * it changes), the announcer of halts and lifts (risk.halts, and the Risk service when
 * RISK_SERVICE_URL is set), run at once when the stage raises a halt and on every poll otherwise, and
 * the alerts' outbox (messages stored but not yet published), on every poll.
 */
import { createHash } from "node:crypto";
import type { DbHandle } from "@nexus/db/client";
import { SURVEILLANCE_CONFIG_CHANNEL } from "@nexus/db/queries/detector-configs";
import { claimScansToFanOut } from "@nexus/db/queries/surveillance-scans";
import { loadReferenceData } from "@nexus/db/queries/reference-data";
import type { EventBus } from "@nexus/platform/bus";
import { createServiceClient } from "@nexus/platform/http";
import type { Logger } from "@nexus/platform/logger";
import type { Metrics } from "@nexus/platform/metrics";
import { announceHalts, loadDetectorSettings, publishUnpublishedAlerts } from "@nexus/services/surveillance";
import type { WorkerEnv } from "../env.js";
import { createSurveillanceMetrics } from "./surveillance-metrics.js";
import { SCAN_REQUEST_TOPIC, scanRequestMessages } from "./scan-requests.js";
import { SurveillanceStage } from "./surveillance-stage.js";
import { AlertNotifier } from "./alert-notifier.js";
import { outboxRounds } from "./outbox-rounds.js";

export interface RunningSurveillance {
  stage: SurveillanceStage;
  stop(): Promise<void>;
}

export interface StartSurveillanceOptions {
  env: Pick<
    WorkerEnv,
    | "SURVEILLANCE_HOLD_MS"
    | "SURVEILLANCE_MAX_BACKLOG"
    | "SURVEILLANCE_REBUILD_WINDOW_MS"
    | "RISK_SERVICE_URL"
    | "NOTIFICATIONS_URL"
    | "NOTIFY_MIN_SEVERITY"
  >;
  database: DbHandle;
  bus: EventBus;
  logger: Logger;
  metrics: Metrics;
  /** How often reference data is re-read, pending halts and lifts announced and waiting alert messages published (ms). */
  pollMs?: number;
  /** How long a stored alert's message is left to the stage before the outbox's round publishes it (ms). */
  alertOutboxGraceMs?: number;
  /** The longest stop() waits for each piece of work in hand (ms). */
  stopWithinMs?: number;
}

const fingerprint = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex");

export async function startSurveillance(options: StartSurveillanceOptions): Promise<RunningSurveillance> {
  const { bus, logger } = options;
  const { db } = options.database;
  const metrics = createSurveillanceMetrics(options.metrics);
  const pollMs = options.pollMs ?? 1_000;
  const stopWithinMs = options.stopWithinMs ?? 3_000;
  const now = () => new Date();
  const risk =
    options.env.RISK_SERVICE_URL === undefined
      ? undefined
      : createServiceClient({
          name: "risk",
          baseUrl: options.env.RISK_SERVICE_URL,
          timeoutMs: 2_000,
          retry: { maxAttempts: 2, initialDelayMs: 100, maxDelayMs: 1_000 },
          breaker: { consecutiveFailures: 5, halfOpenAfterMs: 10_000 },
        });

  const notifier =
    options.env.NOTIFICATIONS_URL === undefined
      ? undefined
      : new AlertNotifier({
          client: createServiceClient({
            name: "notifications",
            baseUrl: options.env.NOTIFICATIONS_URL,
            timeoutMs: 2_000,
            retry: { maxAttempts: 2, initialDelayMs: 100, maxDelayMs: 1_000 },
            breaker: { consecutiveFailures: 5, halfOpenAfterMs: 10_000 },
          }),
          minSeverity: options.env.NOTIFY_MIN_SEVERITY,
          logger,
          onDropped: () => metrics.recordNotificationDropped(),
        });

  const halts = outboxRounds({
    round: () => announceHalts({ db, bus, risk, now }),
    logger,
    failing: "halts could not be announced (bus or Risk service); kept for retry",
    flowing: "halt announcements flowing again",
  });
  const alertMessages = outboxRounds({
    round: () => publishUnpublishedAlerts({ db, bus, now }, { graceMs: options.alertOutboxGraceMs }),
    logger,
    failing: "alerts could not be published on surveillance.alerts; stored, their messages kept for retry",
    flowing: "alert messages flowing again",
  });

  const reference = await loadReferenceData(db);
  const settings = await loadDetectorSettings(db);
  let fingerprints = { reference: fingerprint(reference), settings: fingerprint(settings) };
  const stage = new SurveillanceStage({
    ports: { db, bus, now },
    reference,
    settings,
    holdMs: options.env.SURVEILLANCE_HOLD_MS,
    maxBacklog: options.env.SURVEILLANCE_MAX_BACKLOG,
    rebuildWindowMs: options.env.SURVEILLANCE_REBUILD_WINDOW_MS,
    logger,
    metrics,
    onRecorded: (recorded) => {
      if (recorded.halts.length > 0) void halts.kick();
      notifier?.notify(recorded.messages);
    },
  });
  stage.start();

  /** Applies reference data and detector settings that changed since last read. */
  const reload = async () => {
    const [latestReference, latestSettings] = await Promise.all([
      loadReferenceData(db),
      loadDetectorSettings(db),
    ]);
    const latest = { reference: fingerprint(latestReference), settings: fingerprint(latestSettings) };
    if (latest.reference !== fingerprints.reference) {
      stage.useReference(latestReference);
      logger.info("surveillance: reference data changed, applied");
    }
    if (latest.settings !== fingerprints.settings) {
      stage.useDetectorSettings(latestSettings);
      logger.info("surveillance: detector settings changed, applied");
    }
    fingerprints = latest;
  };
  let reloading: Promise<void> = Promise.resolve();
  const reloadNow = () => {
    reloading = reloading
      .then(reload)
      .catch((error: unknown) => logger.warn({ err: error }, "surveillance reload failed"));
  };
  /** Scans requested through the API: the first worker to claim one publishes its symbols' requests. */
  let fanningOut: Promise<void> = Promise.resolve();
  const fanOutNow = () => {
    fanningOut = fanningOut
      .then(async () => {
        for (const scan of await claimScansToFanOut(db, now())) {
          await bus.publish(SCAN_REQUEST_TOPIC, scanRequestMessages(scan.id, scan.symbols));
          logger.info(
            { scanId: scan.id, symbols: scan.symbols.length },
            "scan fanned out to the worker group",
          );
        }
      })
      .catch((error: unknown) => logger.warn({ err: error }, "scan fan-out failed"));
  };
  // A change commits with a NOTIFY (detector-configs.ts): applied at once. The poll below is the safety
  // net for a lost connection (and for a database that does not deliver notifications).
  const listening = await options.database.sql
    .listen(SURVEILLANCE_CONFIG_CHANNEL, (change) =>
      change === "scan_requested" ? fanOutNow() : reloadNow(),
    )
    .catch((error: unknown) => {
      logger.warn({ err: error }, "surveillance: LISTEN refused, configuration changes apply on the poll");
      return undefined;
    });
  let polling: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    polling = polling
      .then(() =>
        Promise.all([
          (reloadNow(), reloading),
          (fanOutNow(), fanningOut),
          halts.kick(),
          alertMessages.kick(),
        ]),
      )
      .then(() => undefined)
      .catch((error: unknown) => logger.warn({ err: error }, "surveillance poll failed"));
  }, pollMs);
  timer.unref();

  return {
    stage,
    /**
     * Stops polling and listening and lets the round in hand finish, each for at most `stopWithinMs`:
     * with the database unreachable they would wait on it, and nothing here needs them to finish (the
     * events are stored and rebuilt at the next start, halts stay in the outbox, alerts in the table).
     */
    async stop() {
      clearInterval(timer);
      const within = (work: Promise<unknown>) =>
        Promise.race([
          work.catch(() => undefined),
          new Promise((resolve) => setTimeout(resolve, stopWithinMs).unref()),
        ]);
      await within(
        Promise.all([
          listening?.unlisten(),
          polling,
          reloading,
          fanningOut,
          halts.settled(),
          alertMessages.settled(),
        ]),
      );
      await within(stage.stop());
      await within(notifier?.stop() ?? Promise.resolve());
    },
  };
}
