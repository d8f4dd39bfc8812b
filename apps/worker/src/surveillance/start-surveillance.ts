/**
 * The worker's surveillance: the stage fed by ingest, the reference data it runs with (reloaded when
 * it changes), and the announcer of halts and lifts (risk.halts, and the Risk service when
 * RISK_SERVICE_URL is set), run at once when the stage raises a halt and on every poll otherwise.
 */
import { createHash } from "node:crypto";
import type { Database } from "@nexus/db/client";
import { loadReferenceData } from "@nexus/db/queries/reference-data";
import type { EventBus } from "@nexus/platform/bus";
import { createServiceClient } from "@nexus/platform/http";
import type { Logger } from "@nexus/platform/logger";
import type { Metrics } from "@nexus/platform/metrics";
import { announceHalts } from "@nexus/services/surveillance";
import type { WorkerEnv } from "../env.js";
import { createSurveillanceMetrics } from "./surveillance-metrics.js";
import { SurveillanceStage } from "./surveillance-stage.js";

export interface RunningSurveillance {
  stage: SurveillanceStage;
  stop(): Promise<void>;
}

export interface StartSurveillanceOptions {
  env: Pick<WorkerEnv, "SURVEILLANCE_HOLD_MS" | "SURVEILLANCE_REBUILD_WINDOW_MS" | "RISK_SERVICE_URL">;
  db: Database;
  bus: EventBus;
  logger: Logger;
  metrics: Metrics;
  /** How often reference data is re-read and pending halts and lifts are announced (ms). */
  pollMs?: number;
}

const fingerprint = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex");

export async function startSurveillance(options: StartSurveillanceOptions): Promise<RunningSurveillance> {
  const { db, bus, logger } = options;
  const pollMs = options.pollMs ?? 1_000;
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

  // One announcement round at a time; a kick while one runs queues one more.
  let announcing: Promise<void> = Promise.resolve();
  let announcementQueued = false;
  let announcerFailing = false;
  const announce = () => {
    if (announcementQueued) return announcing;
    announcementQueued = true;
    announcing = announcing.then(async () => {
      announcementQueued = false;
      const round = await announceHalts({ db, bus, risk, now }).catch((error: unknown) => ({
        announced: 0,
        failed: error,
      }));
      if (round.failed !== undefined && !announcerFailing)
        logger.warn(
          { err: round.failed },
          "halts could not be announced (bus or Risk service); kept for retry",
        );
      if (round.failed === undefined && announcerFailing) logger.info("halt announcements flowing again");
      announcerFailing = round.failed !== undefined;
    });
    return announcing;
  };

  let reference = await loadReferenceData(db);
  let referenceFingerprint = fingerprint(reference);
  const stage = new SurveillanceStage({
    ports: { db, bus, now },
    reference,
    holdMs: options.env.SURVEILLANCE_HOLD_MS,
    rebuildWindowMs: options.env.SURVEILLANCE_REBUILD_WINDOW_MS,
    logger,
    metrics: createSurveillanceMetrics(options.metrics),
    onHalts: () => void announce(),
  });
  stage.start();

  const reloadReference = async () => {
    const latest = await loadReferenceData(db);
    const latestFingerprint = fingerprint(latest);
    if (latestFingerprint === referenceFingerprint) return;
    reference = latest;
    referenceFingerprint = latestFingerprint;
    stage.useReference(reference);
    logger.info("surveillance: reference data changed, applied");
  };
  let polling: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    polling = polling
      .then(() => Promise.all([reloadReference(), announce()]))
      .then(() => undefined)
      .catch((error: unknown) => logger.warn({ err: error }, "surveillance poll failed"));
  }, pollMs);
  timer.unref();

  return {
    stage,
    async stop() {
      clearInterval(timer);
      await polling;
      await stage.stop();
      await announce();
    },
  };
}
