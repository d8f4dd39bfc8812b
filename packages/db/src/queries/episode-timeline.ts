import type { TimelineEntry } from "@nexus/core/surveillance";
import { sql } from "drizzle-orm";
import type { Database } from "../client";
import { isoUtc } from "./iso-utc";

export interface EpisodeQuery {
  userId: string;
  symbol: string;
  /** The episode's first and last event, inclusive (ISO-8601). */
  from: string;
  to: string;
  /** At most this many steps, the earliest first. */
  limit: number;
}

/**
 * A user's steps in a symbol during an episode, read from the stored events: each order message and each
 * fill on either side, in time order. For an alert whose detector keeps counts rather than orders as
 * evidence (quote stuffing counts messages), this is what the reviewer charts: the band of orders placed
 * and pulled, price by time.
 */
export async function episodeTimeline(db: Database, query: EpisodeQuery): Promise<TimelineEntry[]> {
  const { userId, symbol, from, to, limit } = query;
  const between = sql`occurred_at between ${from}::timestamptz and ${to}::timestamptz and symbol = ${symbol}`;
  const rows = await db.execute<{
    at: string;
    kind: TimelineEntry["event"];
    order_id: string;
    side: "buy" | "sell";
    price: string | null;
    quantity: string;
  }>(sql`
    select ${isoUtc(sql`occurred_at`)} as at,
           kind, order_id, side, trim_scale(price)::text as price, trim_scale(quantity)::text as quantity
      from (
        select occurred_at, replace(event_type::text, 'order.', '') as kind, order_id, side::text as side, price, quantity
          from order_events
         where user_id = ${userId} and ${between}
        union all
        select occurred_at, 'filled',
               case when buy_user_id = ${userId} then buy_order_id else sell_order_id end,
               case when buy_user_id = ${userId} then 'buy' else 'sell' end, price, quantity
          from trade_events
         where (buy_user_id = ${userId} or sell_user_id = ${userId}) and ${between}
      ) steps
     -- At one instant an order is placed before it fills and fills before what is left is pulled.
     order by occurred_at,
              case kind when 'created' then 0 when 'modified' then 1 when 'filled' then 2 else 3 end
     limit ${limit}`);
  return rows.map((row) => ({
    at: row.at,
    event: row.kind,
    orderId: row.order_id,
    userId,
    side: row.side,
    price: row.price,
    quantity: row.quantity,
  }));
}
