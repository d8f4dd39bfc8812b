import { Decimal } from "@nexus/core/money";
import { desc, sql } from "drizzle-orm";
import type { Database } from "../client";
import { tradeEvents } from "../schema/index";

export type EventTable = "order_events" | "trade_events" | "quote_events";

export interface EventTableCount {
  table: EventTable;
  count: number;
  /** True when taken from planner statistics (tables of a million rows and more) rather than counted. */
  estimated: boolean;
}

/**
 * Above this size an exact count(*) would scan millions of rows on every page load; the planner's
 * estimate (refreshed by autovacuum's ANALYZE) is close enough for a dashboard tile.
 */
const exactCountLimit = 1_000_000;

export async function eventCounts(db: Database): Promise<EventTableCount[]> {
  const tables: EventTable[] = ["order_events", "trade_events", "quote_events"];
  // The exact count is an uncorrelated sub-select under CASE: Postgres runs it only when the
  // estimate is below the limit. to_regclass resolves the table through the search_path.
  const rows = await db.execute<{ table: EventTable; count: string; estimated: boolean }>(
    sql.join(
      tables.map(
        (table) => sql`select ${table} as "table",
        case when c.reltuples >= ${exactCountLimit} then c.reltuples::bigint
             else (select count(*) from ${sql.identifier(table)}) end as count,
        c.reltuples >= ${exactCountLimit} as estimated
        from pg_class c where c.oid = to_regclass(${table})`,
      ),
      sql` union all `,
    ),
  );
  return rows.map((row) => ({ table: row.table, count: Number(row.count), estimated: row.estimated }));
}

export interface MinuteActivity {
  minute: Date;
  orders: number;
  trades: number;
  quotes: number;
}

/**
 * Events per minute for the `minutes` whole minutes up to `now` (default the last hour), oldest first,
 * with zero rows for quiet minutes so a chart has no gaps. `now` is passed in (deterministic tests).
 */
export async function eventsPerMinute(
  db: Database,
  options: { now: Date; minutes?: number },
): Promise<MinuteActivity[]> {
  const minutes = options.minutes ?? 60;
  const now = options.now.toISOString();
  const rows = await db.execute<{ minute: string; orders: string; trades: string; quotes: string }>(sql`
    with bounds as (
      select date_trunc('minute', ${now}::timestamptz) - make_interval(mins => ${minutes - 1}) as first_minute,
             ${now}::timestamptz as until
    ),
    events as (
      select date_trunc('minute', occurred_at) as minute, 'order' as kind from order_events, bounds
        where occurred_at >= bounds.first_minute and occurred_at <= bounds.until
      union all
      select date_trunc('minute', occurred_at), 'trade' from trade_events, bounds
        where occurred_at >= bounds.first_minute and occurred_at <= bounds.until
      union all
      select date_trunc('minute', occurred_at), 'quote' from quote_events, bounds
        where occurred_at >= bounds.first_minute and occurred_at <= bounds.until
    )
    select m.minute,
           count(e.kind) filter (where e.kind = 'order') as orders,
           count(e.kind) filter (where e.kind = 'trade') as trades,
           count(e.kind) filter (where e.kind = 'quote') as quotes
    from bounds,
         generate_series(bounds.first_minute, bounds.first_minute + make_interval(mins => ${minutes - 1}), interval '1 minute') as m(minute)
    left join events e on e.minute = m.minute
    group by m.minute
    order by m.minute`);
  return rows.map((row) => ({
    minute: new Date(row.minute),
    orders: Number(row.orders),
    trades: Number(row.trades),
    quotes: Number(row.quotes),
  }));
}

export type LatestTrade = typeof tradeEvents.$inferSelect;

export function latestTrades(db: Database, options: { limit: number }): Promise<LatestTrade[]> {
  return db.select().from(tradeEvents).orderBy(desc(tradeEvents.occurredAt)).limit(options.limit);
}

export interface SymbolActivity {
  symbol: string;
  trades: number;
  volume: Decimal;
  notional: Decimal;
  lastPrice: Decimal;
}

/** Most traded symbols since `since` (by trade count), with exact volume and notional. */
export async function symbolsByActivity(
  db: Database,
  options: { since: Date; limit: number },
): Promise<SymbolActivity[]> {
  const rows = await db.execute<{
    symbol: string;
    trades: string;
    volume: string;
    notional: string;
    last_price: string;
  }>(sql`
    select symbol,
           count(*) as trades,
           sum(quantity) as volume,
           sum(price * quantity) as notional,
           (array_agg(price order by occurred_at desc))[1] as last_price
    from ${tradeEvents}
    where occurred_at >= ${options.since.toISOString()}::timestamptz
    group by symbol
    order by count(*) desc, symbol
    limit ${options.limit}`);
  return rows.map((row) => ({
    symbol: row.symbol,
    trades: Number(row.trades),
    volume: new Decimal(row.volume),
    notional: new Decimal(row.notional),
    lastPrice: new Decimal(row.last_price),
  }));
}
