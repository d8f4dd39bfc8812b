/**
 * The status bar's figures: what the running workers last reported (ingest rate and lag, the simulated
 * session's clock), the halts in force and the date of the stored market data.
 */
import type { Database } from "@nexus/db/client";
import { lastMarketBarDate, listReportedSimulations, readSessionFigures } from "@nexus/db/queries/simulation";
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
  /**
   * The last date of the daily bars the risk figures are valued on: under a simulated session, the last
   * before its day (MarketHistoryStore's sessionDay), else the newest stored.
   */
  marketDataAsOf: string | null;
}

/** The sessions among what workers reported that are well formed (a worker of another version may differ). */
function simulationsOf(reports: readonly unknown[]): SimulationState[] {
  return reports.flatMap((report) => {
    const parsed = simulationStateSchema.safeParse(report);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * The trading day a simulated session replays now (the first of those reported in the last
 * WORKER_STATUS_FRESH_MS), or null when no worker runs one: the day before which the market data is
 * what that session may know.
 */
export async function simulatedSessionDay(db: Database, now: Date): Promise<string | null> {
  const reports = await listReportedSimulations(db, new Date(now.getTime() - WORKER_STATUS_FRESH_MS));
  return simulationsOf(reports)[0]?.day ?? null;
}

export async function readSessionStatus(db: Database, now: Date): Promise<SessionStatus> {
  const figures = await readSessionFigures(db, new Date(now.getTime() - WORKER_STATUS_FRESH_MS));
  const simulation = simulationsOf(figures.workers.map((worker) => worker.simulation))[0] ?? null;
  return {
    workersReporting: figures.workers.length,
    simulation,
    eventsPerSecond: figures.workers.reduce((sum, worker) => sum + worker.ingestEventsPerSecond, 0),
    ingestLag: figures.workers.reduce((sum, worker) => sum + worker.ingestLag, 0),
    bus: figures.workers[0]?.bus ?? null,
    haltsInForce: figures.haltsInForce,
    marketDataAsOf:
      simulation === null ? figures.marketDataAsOf : await lastMarketBarDate(db, simulation.day),
  };
}
