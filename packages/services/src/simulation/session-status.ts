/**
 * The status bar's figures: what the running workers last reported (ingest rate and lag, the simulated
 * session's clock), the halts in force and the date of the stored market data.
 */
import type { Database } from "@nexus/db/client";
import { readSessionFigures } from "@nexus/db/queries/simulation";
import { z } from "zod";

/** A worker that has not reported for this long is taken for gone (it reports every second). */
export const WORKER_STATUS_FRESH_MS = 10_000;

/** The simulated session a worker runs, as it reports it (worker_status.simulation). */
export const simulationStateSchema = z.object({
  /** The replayed trading day, YYYY-MM-DD. */
  day: z.string(),
  /** The session's clock: the historical time of that day it has reached (ISO 8601, UTC). */
  clock: z.iso.datetime(),
  speed: z.number(),
  paused: z.boolean(),
  /** Events the simulator published per second over the last 10 s. */
  eventsPerSecond: z.number(),
});

export type SimulationState = z.output<typeof simulationStateSchema>;

export interface SessionStatus {
  /** At least one worker reported lately (else the other figures but halts and data are unknown). */
  workersReporting: number;
  /** The simulated session, or null when no worker runs one ("no simulated flow"). */
  simulation: SimulationState | null;
  /** Events stored per second, over all workers. */
  eventsPerSecond: number;
  /** Messages waiting for the ingest, over all workers: Kafka consumer lag, or the in-memory bus's backlog. */
  ingestLag: number;
  /** Which of the two `ingestLag` is: the workers' bus (`kafka`, `in-memory`), null when none reports. */
  bus: string | null;
  haltsInForce: number;
  marketDataAsOf: string | null;
}

export async function readSessionStatus(db: Database, now: Date): Promise<SessionStatus> {
  const figures = await readSessionFigures(db, new Date(now.getTime() - WORKER_STATUS_FRESH_MS));
  const simulations = figures.workers.flatMap((worker) => {
    const parsed = simulationStateSchema.safeParse(worker.simulation);
    return parsed.success ? [parsed.data] : [];
  });
  return {
    workersReporting: figures.workers.length,
    simulation: simulations[0] ?? null,
    eventsPerSecond: figures.workers.reduce((sum, worker) => sum + worker.ingestEventsPerSecond, 0),
    ingestLag: figures.workers.reduce((sum, worker) => sum + worker.ingestLag, 0),
    bus: figures.workers[0]?.bus ?? null,
    haltsInForce: figures.haltsInForce,
    marketDataAsOf: figures.marketDataAsOf,
  };
}
