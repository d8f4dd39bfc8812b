/**
 * venue_performance kept up to date by the worker: each run aggregates execution_logs for today and
 * yesterday by day (so yesterday's row is final after the first run past midnight UTC) and for the last
 * two hours by hour. The dashboard and the API aggregate on demand as well (refreshVenuePerformance).
 */
import { aggregateVenuePerformance } from "@nexus/db/queries/venue-performance";
import type { Database } from "@nexus/db/client";
import type { Logger } from "@nexus/platform/logger";
import { utcDayOf } from "@nexus/services/routing";
import { startRepeatingJob } from "../repeating-job.js";
import type { RepeatingJob } from "../repeating-job.js";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface VenuePerformanceScheduleOptions {
  db: Database;
  logger: Logger;
  everyMs: number;
  now?: () => number;
}

/** Aggregates the days and hours a run covers (see above); resolves with the rows written. */
export async function aggregateRecentVenuePerformance(db: Database, at: Date): Promise<number> {
  const today = utcDayOf(at);
  const days = await aggregateVenuePerformance(db, "day", new Date(today.from.getTime() - DAY_MS), today.to);
  const hours = await aggregateVenuePerformance(db, "hour", new Date(at.getTime() - 2 * HOUR_MS), today.to);
  return days + hours;
}

export function startVenuePerformanceSchedule(options: VenuePerformanceScheduleOptions): RepeatingJob {
  const now = options.now ?? Date.now;
  return startRepeatingJob({
    run: () => aggregateRecentVenuePerformance(options.db, new Date(now())),
    everyMs: options.everyMs,
    logger: options.logger,
    what: "venue performance aggregation",
  });
}
