import type { OrderEvent, QuoteEvent, TradeExecutedEvent } from "@nexus/core/events";
import { buyAccountId, orderAccountId, orderCapacity, sellAccountId } from "@nexus/core/events";
import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Database } from "../client";
import { orderEvents, quoteEvents, tradeEvents } from "../schema/index";
import { arrayLiteral } from "./array-literal";
import { executePrepared } from "./prepared";

/**
 * Hot path of the Kafka -> Postgres ingest. Each batch of up to `rowsPerStatement` events is one
 * `INSERT ... SELECT FROM unnest(<one array per column>)`: a fixed 9-14 parameters whatever the batch
 * size (multi-row VALUES needs rows x columns parameters and a new statement text per batch size),
 * so it is prepared once per connection and reused (prepared.ts). ON CONFLICT DO NOTHING on event_id makes Kafka's
 * at-least-once redelivery (and a duplicate inside one batch) harmless; the functions return the
 * event ids actually stored, so what runs after the store (surveillance) sees each event once.
 */
const rowsPerStatement = 1000;

/**
 * Column name, its Postgres type (for the array cast), and how to read it from a contract event.
 */
type ColumnOf<Event> = readonly [name: string, pgType: string, read: (event: Event) => string | null];

function insertUnnest<Event>(
  table: PgTable,
  columns: readonly ColumnOf<Event>[],
  batch: readonly Event[],
): SQL {
  const names = sql.raw(columns.map(([name]) => `"${name}"`).join(", "));
  const arrays = sql.join(
    columns.map(([, pgType, read]) => sql`${arrayLiteral(batch.map(read))}::${sql.raw(pgType)}[]`),
    sql`, `,
  );
  return sql`insert into ${table} (${names}) select * from unnest(${arrays}) on conflict (event_id) do nothing returning event_id`;
}

async function insertEvents<Event extends { event_id: string }>(
  db: Database,
  table: PgTable,
  columns: readonly ColumnOf<Event>[],
  events: readonly Event[],
): Promise<string[]> {
  const stored: string[] = [];
  for (let start = 0; start < events.length; start += rowsPerStatement) {
    const rows = await executePrepared<{ event_id: string }>(
      db,
      insertUnnest(table, columns, events.slice(start, start + rowsPerStatement)),
    );
    for (const row of rows) stored.push(row.event_id);
  }
  return stored;
}

const orderColumns: readonly ColumnOf<OrderEvent>[] = [
  ["event_id", "uuid", (e) => e.event_id],
  ["event_type", "order_event_type", (e) => e.event_type],
  ["occurred_at", "timestamptz", (e) => e.occurred_at],
  ["order_id", "uuid", (e) => e.order_id],
  ["user_id", "uuid", (e) => e.user_id],
  ["account_id", "text", orderAccountId],
  ["symbol", "text", (e) => e.symbol],
  ["side", "side", (e) => e.side],
  ["order_type", "order_type", (e) => e.order_type],
  ["price", "numeric", (e) => e.price],
  ["quantity", "numeric", (e) => e.quantity],
  ["capacity", "order_capacity", orderCapacity],
  ["venue_id", "text", (e) => e.venue_id ?? null],
  ["time_in_force", "time_in_force", (e) => e.time_in_force ?? null],
];

const tradeColumns: readonly ColumnOf<TradeExecutedEvent>[] = [
  ["event_id", "uuid", (e) => e.event_id],
  ["occurred_at", "timestamptz", (e) => e.occurred_at],
  ["trade_id", "uuid", (e) => e.trade_id],
  ["symbol", "text", (e) => e.symbol],
  ["price", "numeric", (e) => e.price],
  ["quantity", "numeric", (e) => e.quantity],
  ["buy_order_id", "uuid", (e) => e.buy_order_id],
  ["sell_order_id", "uuid", (e) => e.sell_order_id],
  ["buy_user_id", "uuid", (e) => e.buy_user_id],
  ["sell_user_id", "uuid", (e) => e.sell_user_id],
  ["buy_account_id", "text", buyAccountId],
  ["sell_account_id", "text", sellAccountId],
  ["aggressor_side", "side", (e) => e.aggressor_side],
  ["venue_id", "text", (e) => e.venue_id ?? null],
];

const quoteColumns: readonly ColumnOf<QuoteEvent>[] = [
  ["event_id", "uuid", (e) => e.event_id],
  ["occurred_at", "timestamptz", (e) => e.occurred_at],
  ["venue_id", "text", (e) => e.venue_id],
  ["symbol", "text", (e) => e.symbol],
  ["bid_price", "numeric", (e) => e.bid_price],
  ["bid_size", "numeric", (e) => e.bid_size],
  ["ask_price", "numeric", (e) => e.ask_price],
  ["ask_size", "numeric", (e) => e.ask_size],
];

export const insertOrderEvents = (db: Database, events: readonly OrderEvent[]): Promise<string[]> =>
  insertEvents(db, orderEvents, orderColumns, events);

export const insertTradeEvents = (db: Database, events: readonly TradeExecutedEvent[]): Promise<string[]> =>
  insertEvents(db, tradeEvents, tradeColumns, events);

export const insertQuoteEvents = (db: Database, events: readonly QuoteEvent[]): Promise<string[]> =>
  insertEvents(db, quoteEvents, quoteColumns, events);
