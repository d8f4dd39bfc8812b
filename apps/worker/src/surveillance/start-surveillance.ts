/**
 * The worker's surveillance: the stage fed by ingest, the reference data it runs with (reloaded when
 * it changes), and, when RISK_SERVICE_URL is set, the notifier that tells the Risk service of halts.
 */
import { createHash } from "node:crypto";
import type { Database } from "@nexus/db/client";
import { loadReferenceData } from "@nexus/db/queries/reference-data";
import type { EventBus } from "@nexus/platform/bus";
import { createServiceClient } from "@nexus/platform/http";
import type { Logger } from "@nexus/platform/logger";
import type { Metrics } from "@nexus/platform/metrics";
import { notifyRiskService } from "@nexus/services/surveillance";
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
  /** How often reference data is re-read and pending halts are sent to Risk (ms). */
  pollMs?: number;
}

const fingerprint = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex");

export async function startSurveillance(options: StartSurveillanceOptions): Promise<RunningSurveillance> {
  const { db, bus, logger } = options;
  const pollMs = options.pollMs ?? 2_000;
  let reference = await loadReferenceData(db);
  let referenceFingerprint = fingerprint(reference);
  const stage = new SurveillanceStage({
    ports: { db, bus, now: () => new Date() },
    reference,
    holdMs: options.env.SURVEILLANCE_HOLD_MS,
    rebuildWindowMs: options.env.SURVEILLANCE_REBUILD_WINDOW_MS,
    logger,
    metrics: createSurveillanceMetrics(options.metrics),
  });
  stage.start();

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
  let riskDown = false;

  const poll = async () => {
    const latest = await loadReferenceData(db);
    const latestFingerprint = fingerprint(latest);
    if (latestFingerprint !== referenceFingerprint) {
      reference = latest;
      referenceFingerprint = latestFingerprint;
      stage.useReference(reference);
      logger.info("surveillance: reference data changed, applied");
    }
    if (risk === undefined) return;
    const round = await notifyRiskService({ db, risk, now: () => new Date() });
    if (round.failed !== undefined && !riskDown)
      logger.warn({ err: round.failed }, "risk service unreachable; halts kept for retry");
    if (round.failed === undefined && riskDown) logger.info("risk service reachable again");
    riskDown = round.failed !== undefined;
  };
  let polling: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    polling = polling
      .then(poll)
      .catch((error: unknown) => logger.warn({ err: error }, "surveillance poll failed"));
  }, pollMs);
  timer.unref();

  return {
    stage,
    async stop() {
      clearInterval(timer);
      await polling;
      await stage.stop();
    },
  };
}
