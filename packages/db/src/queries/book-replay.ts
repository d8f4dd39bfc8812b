import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { isoUtc } from "./iso-utc";

export interface ReplayBounds {
  /** Start of the UTC day of `at`: the replay rebuilds the book from there (day orders end with the day). */
  origin: string;
  /** Just after `at` (one microsecond, the storage's resolution): events before it are in the book. */
  through: string;
  /** The symbol's first event time after `at` (where "one event forward" goes), and just after it. */
  next: { at: string; through: string } | null;
}

/**
 * Where a replay of `symbol` at `at` reads: from the start of that UTC day through `at` inclusive,
 * and the instant of the next event. Times are computed by Postgres so a microsecond `at` (an event's
 * own time, reached by stepping) is bounded exactly.
 */
export async function replayBounds(db: Database, symbol: string, at: string): Promise<ReplayBounds> {
  const atTime = sql`${at}::timestamptz`;
  const nextOf = (table: string) =>
    sql`(select min(occurred_at) from ${sql.raw(table)} where symbol = ${symbol} and occurred_at > ${atTime})`;
  const [row] = await db.execute<{
    origin: string;
    through: string;
    next: string | null;
    after_next: string | null;
  }>(sql`
    with next as (select least(${nextOf("order_events")}, ${nextOf("trade_events")}) as at)
    select ${isoUtc(sql`date_trunc('day', ${atTime} at time zone 'UTC') at time zone 'UTC'`)} as origin,
           ${isoUtc(sql`${atTime} + interval '1 microsecond'`)} as through,
           ${isoUtc(sql`next.at`)} as next,
           ${isoUtc(sql`next.at + interval '1 microsecond'`)} as after_next
      from next`);
  // One row always: the CTE has one.
  const { origin, through, next, after_next: afterNext } = row as NonNullable<typeof row>;
  return {
    origin,
    through,
    next: next === null || afterNext === null ? null : { at: next, through: afterNext },
  };
}
