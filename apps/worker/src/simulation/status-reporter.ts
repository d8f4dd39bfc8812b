/**
 * Writes this worker's figures for the web app's status bar every second (worker_status): events stored
 * per second, ingest lag, and the simulated session it runs. The web server holds no engine state, so
 * it reads them from there; a row left by a worker that died is pruned at the next start of any worker.
 */
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { Database } from "@nexus/db/client";
import { pruneWorkerStatus, removeWorkerStatus, reportWorkerStatus } from "@nexus/db/queries/simulation";
import type { Logger } from "@nexus/platform/logger";
import type { SimulationState } from "@nexus/services/simulation";
import { startRepeatingJob } from "../repeating-job.js";

/** Rows older than this are a worker gone without stopping. */
const STALE_AFTER_MS = 60_000;

export interface StatusReporterOptions {
  db: Database;
  logger: Logger;
  /** Events stored per second and messages waiting for the ingest, now. */
  ingest: () => { eventsPerSecond: number; lag: number };
  /** Where the worker's events come from, which says what its lag is. */
  bus: "kafka" | "in-memory";
  /** The simulated session, if this worker runs one. */
  simulation?: () => SimulationState;
  everyMs?: number;
  now?: () => Date;
}

export interface StatusReporter {
  /** Stops reporting and removes this worker's row. */
  stop(): Promise<void>;
}

export async function startStatusReporter(options: StatusReporterOptions): Promise<StatusReporter> {
  const now = options.now ?? (() => new Date());
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  await pruneWorkerStatus(options.db, new Date(now().getTime() - STALE_AFTER_MS));
  const job = startRepeatingJob({
    run: () => {
      const ingest = options.ingest();
      return reportWorkerStatus(options.db, {
        workerId,
        updatedAt: now(),
        ingestEventsPerSecond: ingest.eventsPerSecond,
        ingestLag: ingest.lag,
        bus: options.bus,
        simulation: options.simulation?.() ?? null,
      });
    },
    everyMs: options.everyMs ?? 1_000,
    logger: options.logger,
    what: "worker status report",
  });
  return {
    async stop() {
      await job.stop();
      await removeWorkerStatus(options.db, workerId).catch((error: unknown) =>
        options.logger.debug({ err: error }, "worker status row not removed"),
      );
    },
  };
}
