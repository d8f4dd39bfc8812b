import { and, asc, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Database } from "../client";
import { executionLogs, routingDecisions, venuePerformance } from "../schema/index";

export type VenuePerformanceRow = typeof venuePerformance.$inferSelect;
export type PerformancePeriod = VenuePerformanceRow["periodType"];

const PERIOD_UNITS: Record<PerformancePeriod, string> = { hour: "hour", day: "day", month: "month" };

/** The start of the UTC period holding `at`, as `date_trunc(unit, at, 'UTC')` gives it. */
function utcPeriodStart(periodType: PerformancePeriod, at: Date): Date {
  const [year, month, day, hour] = [at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), at.getUTCHours()];
  if (periodType === "hour") return new Date(Date.UTC(year, month, day, hour));
  if (periodType === "day") return new Date(Date.UTC(year, month, day));
  return new Date(Date.UTC(year, month, 1));
}

/** The first UTC period boundary at or after `at`. */
function utcPeriodEnd(periodType: PerformancePeriod, at: Date): Date {
  const start = utcPeriodStart(periodType, at);
  if (start.getTime() === at.getTime()) return start;
  if (periodType === "month") return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return new Date(start.getTime() + (periodType === "hour" ? 3_600_000 : 86_400_000));
}

/**
 * Aggregates execution_logs into venue_performance for every period of `periodType` that starts in
 * [from, to) (UTC periods), replacing the rows of those periods: running it again, on demand or on the
 * daily schedule, gives the same rows. Rule 605-style figures: fill rate is executed / requested shares,
 * price improvement is volume-weighted per share and its rate the share of executions improved on the
 * NBBO; failed child orders (reject, timeout, error) count as orders and rejects.
 */
export async function aggregateVenuePerformance(
  db: Database,
  periodType: PerformancePeriod,
  from: Date,
  to: Date,
): Promise<number> {
  const l = executionLogs;
  // A literal, not a parameter: Postgres matches the grouped expression to the selected one by its text.
  const unit = sql.raw(`'${PERIOD_UNITS[periodType]}'`);
  const period = sql`date_trunc(${unit}, ${l.executedAt}, 'UTC')`;
  // The periods starting in [from, to) as a range of executed_at itself, which the index on (venue_id,
  // executed_at) can serve: a filter on date_trunc(executed_at) read every row of the table on every run.
  // Those periods run from the start of from's period to the first boundary at or after `to`: a period
  // that starts before `to` ends by that boundary, and none that starts at or after it is included.
  // The index leads with venue_id, which Postgres before 18 cannot skip over: the venues are walked one
  // index probe each (a loose index scan), and each venue's range is read from the index by a lateral
  // subquery: as a plain join, or once Postgres flattens the subquery into one (`offset 0` stops that),
  // it is planned as a hash join over a scan of the whole table. The subquery takes the table's name, so
  // the columns below name its rows.
  const rows = await db.execute<{ venue_id: string }>(sql`
    with recursive venues (venue_id) as (
      (select venue_id from ${l} order by venue_id limit 1)
      union all
      select (select e.venue_id from ${l} e where e.venue_id > venues.venue_id order by e.venue_id limit 1)
      from venues where venues.venue_id is not null
    )
    insert into ${venuePerformance} (
      venue_id, period_type, period_start, order_count, fill_rate, latency_p50_ms, latency_p99_ms,
      avg_price_improvement, price_improvement_rate, executed_volume, executed_notional, total_fees,
      reject_count, updated_at)
    select ${l.venueId}, ${periodType}, ${period}, count(*)::int,
      coalesce(round(sum(${l.executedQuantity}) / nullif(sum(${l.requestedQuantity}), 0), 4), 0),
      round(percentile_cont(0.5) within group (order by ${l.latencyMs}))::int,
      round(percentile_cont(0.99) within group (order by ${l.latencyMs}))::int,
      coalesce(round(sum(${l.priceImprovement} * ${l.executedQuantity}) / nullif(sum(${l.executedQuantity}), 0), 6), 0),
      coalesce(round((count(*) filter (where ${l.executedQuantity} > 0 and ${l.priceImprovement} > 0))::numeric
        / nullif(count(*) filter (where ${l.executedQuantity} > 0), 0), 4), 0),
      sum(${l.executedQuantity}),
      coalesce(sum(${l.executedQuantity} * ${l.executedPrice}), 0),
      sum(${l.fee}),
      (count(*) filter (where ${l.status} in ('rejected', 'timeout', 'error')))::int,
      now()
    from venues cross join lateral (
      select * from ${l}
      where ${l.venueId} = venues.venue_id
        and ${l.executedAt} >= ${utcPeriodStart(periodType, from).toISOString()}::timestamptz
        and ${l.executedAt} < ${utcPeriodEnd(periodType, to).toISOString()}::timestamptz
      offset 0
    ) as ${l}
    group by ${l.venueId}, ${period}
    on conflict (venue_id, period_type, period_start) do update set
      order_count = excluded.order_count, fill_rate = excluded.fill_rate,
      latency_p50_ms = excluded.latency_p50_ms, latency_p99_ms = excluded.latency_p99_ms,
      avg_price_improvement = excluded.avg_price_improvement,
      price_improvement_rate = excluded.price_improvement_rate, executed_volume = excluded.executed_volume,
      executed_notional = excluded.executed_notional, total_fees = excluded.total_fees,
      reject_count = excluded.reject_count, updated_at = now()
    returning venue_id`);
  return rows.length;
}

/** Stored venue performance of one period type since `since`, oldest period first. */
export function listVenuePerformance(
  db: Database,
  options: { periodType: PerformancePeriod; since: Date },
): Promise<VenuePerformanceRow[]> {
  return db
    .select()
    .from(venuePerformance)
    .where(
      and(
        eq(venuePerformance.periodType, options.periodType),
        gte(venuePerformance.periodStart, options.since),
      ),
    )
    .orderBy(asc(venuePerformance.periodStart), asc(venuePerformance.venueId));
}

/** Routed decisions in one time bucket for one venue and strategy. */
export interface RoutingDistributionRow {
  bucketStart: string;
  venueId: string;
  strategy: string;
  decisions: number;
}

/** Where orders were routed over time: routed decisions per bucket, venue and strategy, oldest first. */
export async function routingDistribution(
  db: Database,
  options: { since: Date; bucketSeconds: number },
): Promise<RoutingDistributionRow[]> {
  const d = routingDecisions;
  // A literal (a whole number of seconds), not a parameter, so the grouped and selected bucket are one expression.
  const seconds = sql.raw(String(Math.max(1, Math.trunc(options.bucketSeconds))));
  const bucket = sql`to_timestamp(floor(extract(epoch from ${d.decidedAt}) / ${seconds}) * ${seconds})`;
  const rows = await db
    .select({
      bucketStart: sql<string>`${bucket}`,
      venueId: sql<string>`${d.selectedVenueId}`,
      strategy: d.strategy,
      decisions: sql<number>`count(*)::int`,
    })
    .from(d)
    .where(and(gte(d.decidedAt, options.since), eq(d.outcome, "routed")))
    .groupBy(bucket, d.selectedVenueId, d.strategy)
    .orderBy(asc(bucket), asc(d.selectedVenueId), asc(d.strategy));
  return rows.map((row) => ({ ...row, bucketStart: new Date(row.bucketStart).toISOString() }));
}

/** One answered child order: how much was asked for and how much the venue filled. */
export interface FillObservation {
  venueId: string;
  requested: string;
  executed: string;
}

/**
 * The newest `limit` answered child orders of these venues,
 * newest first: the observations a censored fill-probability estimate learns from. Failed orders
 * (timeout, reject, error) say nothing of the venue's liquidity and are left out.
 */
export async function listFillObservations(
  db: Database,
  options: { venueIds: readonly string[]; limit: number },
): Promise<FillObservation[]> {
  if (options.venueIds.length === 0) return [];
  const l = executionLogs;
  const rows = await db
    .select({ venueId: l.venueId, requested: l.requestedQuantity, executed: l.executedQuantity })
    .from(l)
    .where(
      and(
        inArray(l.venueId, [...options.venueIds]),
        inArray(l.status, ["filled", "partially_filled", "unfilled"]),
      ),
    )
    .orderBy(desc(l.executedAt))
    .limit(options.limit);
  return rows.map((row) => ({
    venueId: row.venueId,
    requested: row.requested.toFixed(),
    executed: row.executed.toFixed(),
  }));
}
