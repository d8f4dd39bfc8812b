import { and, asc, eq, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Database } from "../client";
import { surveillanceAlerts, tradingProfiles } from "../schema/index";
import { arrayLiteral } from "./array-literal";
import { executePrepared } from "./prepared";

export type TradingProfileRow = typeof tradingProfiles.$inferSelect;

/** Whose profile: a trader's (all their symbols) or a symbol's (all its traders). */
export type ProfileSubject = { kind: "user"; userId: string } | { kind: "symbol"; symbol: string };

export interface ProfilePair {
  userId: string;
  symbol: string;
}

/**
 * New events arrived for these (user, symbol) pairs: their rows are marked stale, and inserted (stale)
 * when the pair is new, so the next read recomputes them. One statement per stored batch.
 */
export async function markProfilesStale(db: Database, pairs: readonly ProfilePair[]): Promise<void> {
  if (pairs.length === 0) return;
  // Raw SQL over two arrays: drizzle's builder spent ~0.5 ms of CPU on each of these statements (it
  // writes out every column of the wide row), and ingest runs one per stored batch.
  await executePrepared(
    db,
    sql`
    insert into ${tradingProfiles} (user_id, symbol, stale)
    select user_id, symbol, true
      from unnest(${arrayLiteral(pairs.map((pair) => pair.userId))}::uuid[],
                  ${arrayLiteral(pairs.map((pair) => pair.symbol))}::text[]) as pair(user_id, symbol)
    on conflict (user_id, symbol) do update set stale = true where not ${tradingProfiles.stale}`,
  );
}

const ofSubject = (subject: ProfileSubject, userColumn: string, symbolColumn = "symbol"): SQL =>
  subject.kind === "user"
    ? sql`${sql.raw(userColumn)} = ${subject.userId}`
    : sql`${sql.raw(symbolColumn)} = ${subject.symbol}`;

/**
 * Recomputes the subject's pairs that are stale, or that have events in the window and no row yet,
 * from the event tables over [windowStart, windowEnd): created orders' count and sizes, cancels per
 * created order, traded / ordered quantity, order messages per second (mean over the window and the
 * busiest second), and how long cancelled orders rested. Each row is written with stale = false in the
 * same statement that read the events, so a pair marked stale by events stored after that read stays
 * stale (the marking waits for the row lock, then sets it again).
 */
export async function refreshProfiles(
  db: Database,
  subject: ProfileSubject,
  window: { start: Date; end: Date; lookbackDays: number },
): Promise<void> {
  const start = window.start.toISOString();
  const end = window.end.toISOString();
  const inWindow = (alias: string) =>
    sql.raw(
      `${alias}.occurred_at >= '${start}'::timestamptz and ${alias}.occurred_at < '${end}'::timestamptz`,
    );
  const seconds = Math.max(1, (window.end.getTime() - window.start.getTime()) / 1000);
  await db.execute(sql`
    with pairs as (
      select user_id, symbol from order_events o where ${ofSubject(subject, "o.user_id", "o.symbol")} and ${inWindow("o")}
      group by user_id, symbol
      union
      select user_id, symbol from trading_profiles where ${ofSubject(subject, "user_id")} and stale
      except
      select user_id, symbol from trading_profiles where ${ofSubject(subject, "user_id")} and not stale
    ),
    orders as (
      select o.user_id, o.symbol,
             count(*) filter (where event_type = 'order.created') as created,
             count(*) filter (where event_type = 'order.cancelled') as cancelled,
             coalesce(avg(quantity) filter (where event_type = 'order.created'), 0) as avg_size,
             coalesce(stddev_pop(quantity) filter (where event_type = 'order.created'), 0) as stddev_size,
             coalesce(max(quantity) filter (where event_type = 'order.created'), 0) as max_size,
             coalesce(sum(quantity) filter (where event_type = 'order.created'), 0) as ordered,
             count(*) as messages
        from order_events o join pairs p using (user_id, symbol)
       where ${inWindow("o")}
       group by o.user_id, o.symbol
    ),
    peaks as (
      select user_id, symbol, max(messages) as peak from (
        select o.user_id, o.symbol, count(*) as messages
          from order_events o join pairs p using (user_id, symbol)
         where ${inWindow("o")}
         group by o.user_id, o.symbol, date_trunc('second', o.occurred_at)
      ) per_second group by user_id, symbol
    ),
    fills as (
      select f.user_id, f.symbol, count(*) as trades, sum(f.quantity) as traded from (
        select buy_user_id as user_id, symbol, quantity from trade_events t where ${inWindow("t")}
        union all
        select sell_user_id as user_id, symbol, quantity from trade_events t where ${inWindow("t")}
      ) f join pairs p using (user_id, symbol)
      group by f.user_id, f.symbol
    ),
    lifetimes as (
      select c.user_id, c.symbol,
             avg(extract(epoch from c.occurred_at - o.occurred_at) * 1000) as lifetime_ms
        from order_events c
        join pairs p using (user_id, symbol)
        join order_events o on o.order_id = c.order_id and o.event_type = 'order.created'
       where c.event_type = 'order.cancelled' and ${inWindow("c")}
       group by c.user_id, c.symbol
    )
    insert into trading_profiles as tp (
      user_id, symbol, order_count, trade_count, avg_order_size, stddev_order_size, max_order_size,
      cancel_ratio, fill_ratio, avg_messages_per_second, peak_messages_per_second, avg_order_lifetime_ms,
      lookback_days, window_start, window_end, stale, updated_at)
    select p.user_id, p.symbol, coalesce(o.created, 0), coalesce(f.trades, 0),
           round(coalesce(o.avg_size, 0), 4), round(coalesce(o.stddev_size, 0), 4), coalesce(o.max_size, 0),
           round(least(1, coalesce(o.cancelled::numeric / nullif(o.created, 0), 0)), 4),
           round(least(1, coalesce(f.traded / nullif(o.ordered, 0), 0)), 4),
           round(least(999, coalesce(o.messages, 0) / ${seconds}::numeric), 6),
           least(999, coalesce(k.peak, 0)),
           round(l.lifetime_ms)::integer,
           ${window.lookbackDays}, ${start}::timestamptz, ${end}::timestamptz, false, now()
      from pairs p
      left join orders o using (user_id, symbol)
      left join peaks k using (user_id, symbol)
      left join fills f using (user_id, symbol)
      left join lifetimes l using (user_id, symbol)
    on conflict (user_id, symbol) do update set
      order_count = excluded.order_count, trade_count = excluded.trade_count,
      avg_order_size = excluded.avg_order_size, stddev_order_size = excluded.stddev_order_size,
      max_order_size = excluded.max_order_size, cancel_ratio = excluded.cancel_ratio,
      fill_ratio = excluded.fill_ratio, avg_messages_per_second = excluded.avg_messages_per_second,
      peak_messages_per_second = excluded.peak_messages_per_second,
      avg_order_lifetime_ms = excluded.avg_order_lifetime_ms, lookback_days = excluded.lookback_days,
      window_start = excluded.window_start, window_end = excluded.window_end, stale = false,
      updated_at = excluded.updated_at`);
}

const subjectCondition = (subject: ProfileSubject) =>
  subject.kind === "user"
    ? eq(tradingProfiles.userId, subject.userId)
    : eq(tradingProfiles.symbol, subject.symbol);

/** The subject's pair rows, busiest first. */
export async function listProfileRows(db: Database, subject: ProfileSubject): Promise<TradingProfileRow[]> {
  return db
    .select()
    .from(tradingProfiles)
    .where(subjectCondition(subject))
    .orderBy(
      sql`${tradingProfiles.orderCount} desc`,
      asc(tradingProfiles.symbol),
      asc(tradingProfiles.userId),
    );
}

/** Whether any of the subject's rows is stale (a cached profile built before that is out of date). */
export async function hasStaleProfileRows(db: Database, subject: ProfileSubject): Promise<boolean> {
  const [row] = await db
    .select({ id: tradingProfiles.id })
    .from(tradingProfiles)
    .where(and(subjectCondition(subject), eq(tradingProfiles.stale, true)))
    .limit(1);
  return row !== undefined;
}

export interface AlertCount {
  alertType: (typeof surveillanceAlerts.$inferSelect)["alertType"];
  status: (typeof surveillanceAlerts.$inferSelect)["status"];
  alerts: number;
}

/** The subject's live alerts by model and status. */
export async function countSubjectAlerts(db: Database, subject: ProfileSubject): Promise<AlertCount[]> {
  const t = surveillanceAlerts;
  return db
    .select({ alertType: t.alertType, status: t.status, alerts: sql<number>`count(*)::int` })
    .from(t)
    .where(
      and(
        sql`${t.scanId} is null`,
        subject.kind === "user" ? eq(t.userId, subject.userId) : eq(t.symbol, subject.symbol),
      ),
    )
    .groupBy(t.alertType, t.status);
}
