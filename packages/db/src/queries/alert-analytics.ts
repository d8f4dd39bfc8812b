import { sql } from "drizzle-orm";
import type { Database } from "../client";
import type { surveillanceAlerts } from "../schema/index";

type AlertType = (typeof surveillanceAlerts.$inferSelect)["alertType"];

export interface AlertAnalyticsQuery {
  from: Date;
  to: Date;
  /** The width of one point of the alerts-over-time series. */
  bucket: "hour" | "day";
  /** The age the open-alert bands are measured at. */
  now: Date;
}

export interface AlertAnalytics {
  /** Live alerts detected per bucket and model (buckets without alerts are left out). */
  overTime: { bucket: Date; alertType: AlertType; alerts: number }[];
  /** Of the alerts detected in the period and closed: how many were dismissed (closed with no action). */
  dismissals: { alertType: AlertType; closed: number; dismissed: number }[];
  /** Hours from detection to disposition of the closed alerts detected in the period. */
  timeToClose: { alertType: AlertType; closed: number; medianHours: number; p90Hours: number }[];
  /** Alerts still open (open, under review, escalated) by how long they have waited, whenever detected. */
  openByAge: { band: OpenAgeBand; alerts: number }[];
}

/** Age bands of the open-alert chart, youngest first. */
export const OPEN_AGE_BANDS = ["under 1 h", "1-24 h", "1-3 days", "3-7 days", "over 7 days"] as const;
export type OpenAgeBand = (typeof OPEN_AGE_BANDS)[number];

const CLOSED = sql.raw(`('closed_no_action', 'closed_reported')`);
const OPEN = sql.raw(`('open', 'under_review', 'escalated')`);

/** The compliance analytics over live alerts (historical scans' alerts are left out). */
export async function readAlertAnalytics(db: Database, query: AlertAnalyticsQuery): Promise<AlertAnalytics> {
  const from = query.from.toISOString();
  const to = query.to.toISOString();
  const period = sql`scan_id is null and detected_at >= ${from}::timestamptz and detected_at < ${to}::timestamptz`;
  const now = sql`${query.now.toISOString()}::timestamptz`;
  const [overTime, dismissals, timeToClose, openByAge] = await Promise.all([
    db.execute<{ bucket: string; alert_type: AlertType; alerts: number }>(sql`
      select date_trunc(${query.bucket}, detected_at, 'UTC') as bucket, alert_type, count(*)::int as alerts
        from surveillance_alerts where ${period}
       group by 1, 2 order by 1, 2`),
    db.execute<{ alert_type: AlertType; closed: number; dismissed: number }>(sql`
      select alert_type, count(*)::int as closed,
             (count(*) filter (where status = 'closed_no_action'))::int as dismissed
        from surveillance_alerts where ${period} and status in ${CLOSED}
       group by 1 order by 1`),
    db.execute<{ alert_type: AlertType; closed: number; median_hours: number; p90_hours: number }>(sql`
      select alert_type, count(*)::int as closed,
             percentile_cont(0.5) within group (order by extract(epoch from disposition_at - detected_at) / 3600)
               as median_hours,
             percentile_cont(0.9) within group (order by extract(epoch from disposition_at - detected_at) / 3600)
               as p90_hours
        from surveillance_alerts where ${period} and status in ${CLOSED} and disposition_at is not null
       group by 1 order by 1`),
    db.execute<{ band: OpenAgeBand; alerts: number }>(sql`
      select case
               when ${now} - detected_at < interval '1 hour' then ${OPEN_AGE_BANDS[0]}
               when ${now} - detected_at < interval '1 day' then ${OPEN_AGE_BANDS[1]}
               when ${now} - detected_at < interval '3 days' then ${OPEN_AGE_BANDS[2]}
               when ${now} - detected_at < interval '7 days' then ${OPEN_AGE_BANDS[3]}
               else ${OPEN_AGE_BANDS[4]}
             end as band, count(*)::int as alerts
        from surveillance_alerts where scan_id is null and status in ${OPEN}
       group by 1`),
  ]);
  const bands = new Map([...openByAge].map((row) => [row.band, row.alerts]));
  return {
    overTime: [...overTime].map((row) => ({
      bucket: new Date(row.bucket),
      alertType: row.alert_type,
      alerts: row.alerts,
    })),
    dismissals: [...dismissals].map((row) => ({
      alertType: row.alert_type,
      closed: row.closed,
      dismissed: row.dismissed,
    })),
    timeToClose: [...timeToClose].map((row) => ({
      alertType: row.alert_type,
      closed: row.closed,
      medianHours: Number(row.median_hours),
      p90Hours: Number(row.p90_hours),
    })),
    openByAge: OPEN_AGE_BANDS.map((band) => ({ band, alerts: bands.get(band) ?? 0 })),
  };
}
