/**
 * The daily portfolio_snapshots, taken by the worker (issue 14): every `everyMs` each account is valued
 * and today's (UTC) snapshot written again, so a day's row ends as the last valuation taken in it, its
 * end-of-day value, and the first run of a new day starts that day's row (takeDailySnapshots). Running
 * again, after a restart or on a second replica, rewrites the same row: one per user and date.
 */
import type { Database } from "@nexus/db/client";
import type { Logger } from "@nexus/platform/logger";
import { takeDailySnapshots } from "@nexus/services/portfolio";
import type { MarketHistoryStore } from "@nexus/services/portfolio";
import { startRepeatingJob } from "../repeating-job.js";
import type { RepeatingJob } from "../repeating-job.js";

export interface SnapshotScheduleOptions {
  db: Database;
  market: MarketHistoryStore;
  logger: Logger;
  everyMs: number;
  clock?: () => Date;
}

export function startSnapshotSchedule(options: SnapshotScheduleOptions): RepeatingJob {
  const clock = options.clock ?? (() => new Date());
  return startRepeatingJob({
    run: async () => {
      const taken = await takeDailySnapshots({ db: options.db, market: options.market, clock });
      options.logger.debug(taken, "portfolio snapshots taken");
    },
    everyMs: options.everyMs,
    logger: options.logger,
    what: "portfolio snapshots",
  });
}
