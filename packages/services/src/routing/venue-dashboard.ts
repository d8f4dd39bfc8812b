import { kaplanMeierLiquidity, type LiquidityCurve } from "@nexus/core/routing";
import type { Database } from "@nexus/db/client";
import { listVenueConfigurations } from "@nexus/db/queries/routing";
import {
  aggregateVenuePerformance,
  listFillObservations,
  listVenuePerformance,
  type PerformancePeriod,
  type VenuePerformanceRow,
} from "@nexus/db/queries/venue-performance";

const DAY_MS = 86_400_000;

/** The UTC day `at` falls in, as [start, next day's start). */
export function utcDayOf(at: Date): { from: Date; to: Date } {
  const from = new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);
  return { from, to: new Date(from.getTime() + DAY_MS) };
}

/**
 * venue_performance refreshed from execution_logs now (on demand), for the periods of `periodType` from
 * `since` to `now`, and read back. The worker runs the same aggregation for each finished day.
 */
export async function refreshVenuePerformance(
  db: Database,
  options: { periodType: PerformancePeriod; since: Date; now: Date },
): Promise<VenuePerformanceRow[]> {
  await aggregateVenuePerformance(db, options.periodType, options.since, options.now);
  return listVenuePerformance(db, { periodType: options.periodType, since: options.since });
}

/** A dark pool's learned hidden-liquidity curve (what `smart` uses), from its logged child orders. */
export interface VenueLiquidityCurve {
  venueId: string;
  curve: LiquidityCurve;
}

/**
 * The Kaplan-Meier curves of the dark pools, each over its newest `window` answered child orders: the
 * estimate a router builds from its own executions (censored-liquidity.ts), here from every router's
 * executions in the log.
 */
export async function darkLiquidityCurves(db: Database, window = 500): Promise<VenueLiquidityCurve[]> {
  const dark = (await listVenueConfigurations(db)).filter((venue) => venue.venueType === "dark_pool");
  return Promise.all(
    dark.map(async ({ venueId }) => {
      const observations = await listFillObservations(db, { venueIds: [venueId], limit: window });
      return {
        venueId,
        curve: kaplanMeierLiquidity(
          observations.map((o) => ({ requested: Number(o.requested), filled: Number(o.executed) })),
        ),
      };
    }),
  );
}
