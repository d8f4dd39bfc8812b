import type { OrderEvent, TradeExecutedEvent } from "@nexus/core/events";
import { SAME_INSTANT_RANK } from "@nexus/core/events";
import { sql } from "drizzle-orm";
import type { Database } from "../client";

/** The stored order and trade events of a period, as the contract events they were stored from. */
export type StoredTradingEvent = OrderEvent | TradeExecutedEvent;

export interface EventHistoryQuery {
  symbols: readonly string[];
  /** Inclusive, ISO-8601. */
  from: string;
  /** Exclusive, ISO-8601. */
  to: string;
}

/*
 * Timestamps come back with every stored digit (microseconds) and decimals without the storage
 * scale's trailing zeros, so a replayed event reads like the one received (evidence shows "10.5",
 * not "10.500000000000").
 */
const isoUtc = (column: string) =>
  sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);
const decimalText = (column: string) => sql.raw(`trim_scale(${column})::text`);

interface OrderRow extends Record<string, unknown> {
  event_id: string;
  event_type: OrderEvent["event_type"];
  occurred_at: string;
  order_id: string;
  user_id: string;
  account_id: string;
  symbol: string;
  side: OrderEvent["side"];
  order_type: OrderEvent["order_type"];
  price: string | null;
  quantity: string;
  capacity: "agency" | "principal";
  venue_id: string | null;
  time_in_force: OrderEvent["time_in_force"] | null;
}

interface TradeRow extends Record<string, unknown> {
  event_id: string;
  occurred_at: string;
  trade_id: string;
  symbol: string;
  price: string;
  quantity: string;
  buy_order_id: string;
  sell_order_id: string;
  buy_user_id: string;
  sell_user_id: string;
  buy_account_id: string;
  sell_account_id: string;
  aggressor_side: TradeExecutedEvent["aggressor_side"];
  venue_id: string | null;
}

function orderEventOf(row: OrderRow): OrderEvent {
  return {
    event_id: row.event_id,
    event_type: row.event_type,
    occurred_at: row.occurred_at,
    order_id: row.order_id,
    user_id: row.user_id,
    account_id: row.account_id,
    symbol: row.symbol,
    side: row.side,
    order_type: row.order_type,
    price: row.price,
    quantity: row.quantity,
    capacity: row.capacity,
    ...(row.venue_id === null ? {} : { venue_id: row.venue_id }),
    ...(row.time_in_force === null ? {} : { time_in_force: row.time_in_force }),
  };
}

function tradeEventOf(row: TradeRow): TradeExecutedEvent {
  return {
    event_id: row.event_id,
    event_type: "trade.executed",
    occurred_at: row.occurred_at,
    trade_id: row.trade_id,
    symbol: row.symbol,
    price: row.price,
    quantity: row.quantity,
    buy_order_id: row.buy_order_id,
    sell_order_id: row.sell_order_id,
    buy_user_id: row.buy_user_id,
    sell_user_id: row.sell_user_id,
    buy_account_id: row.buy_account_id,
    sell_account_id: row.sell_account_id,
    aggressor_side: row.aggressor_side,
    ...(row.venue_id === null ? {} : { venue_id: row.venue_id }),
  };
}

/**
 * The symbols' stored order and trade events with from <= occurred_at < to, in event-time order (events
 * of one instant as a venue emits them: entry, trade, cancel). The surveillance worker rebuilds a
 * symbol's detector state from it when it takes the symbol over, and historical scans replay it.
 */
export async function readEventHistory(
  db: Database,
  query: EventHistoryQuery,
): Promise<StoredTradingEvent[]> {
  if (query.symbols.length === 0) return [];
  const symbols = sql`(${sql.join(
    query.symbols.map((symbol) => sql`${symbol}`),
    sql`, `,
  )})`;
  const period = sql`occurred_at >= ${query.from}::timestamptz and occurred_at < ${query.to}::timestamptz`;
  const [orders, trades] = await Promise.all([
    db.execute<OrderRow>(sql`
      select event_id, event_type, ${isoUtc("occurred_at")} as occurred_at, order_id, user_id, account_id,
             symbol, side, order_type, ${decimalText("price")} as price, ${decimalText("quantity")} as quantity,
             capacity, venue_id, time_in_force
        from order_events where symbol in ${symbols} and ${period}`),
    db.execute<TradeRow>(sql`
      select event_id, ${isoUtc("occurred_at")} as occurred_at, trade_id, symbol,
             ${decimalText("price")} as price, ${decimalText("quantity")} as quantity, buy_order_id,
             sell_order_id, buy_user_id, sell_user_id, buy_account_id, sell_account_id, aggressor_side, venue_id
        from trade_events where symbol in ${symbols} and ${period}`),
  ]);
  const events: StoredTradingEvent[] = [...orders].map(orderEventOf);
  for (const row of trades) events.push(tradeEventOf(row));
  // ISO-8601 UTC strings of one width sort as the instants they name.
  return events.sort(
    (a, b) =>
      (a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : 0) ||
      SAME_INSTANT_RANK[a.event_type] - SAME_INSTANT_RANK[b.event_type],
  );
}
