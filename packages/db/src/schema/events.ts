import { index, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { contractDecimal, timestamptz } from "./columns";
import { side } from "./enums";

/**
 * The raw consumed events of docs/events.md, stored as received by the worker's
 * Kafka -> Postgres ingest: one column per contract field, `event_id` as primary key so redelivery
 * (at-least-once) stores nothing twice. Sized for 10M+ rows: btree on (symbol, occurred_at) for the
 * per-symbol replays, BRIN on occurred_at (orders, quotes) for time-range scans (rows arrive roughly in time order,
 * so a BRIN index is a few pages instead of a multi-GB btree).
 */
export const orderEventType = pgEnum("order_event_type", [
  "order.created",
  "order.modified",
  "order.cancelled",
]);
export const orderType = pgEnum("order_type", ["limit", "market"]);
export const orderCapacity = pgEnum("order_capacity", ["agency", "principal"]);
export const timeInForce = pgEnum("time_in_force", ["day", "ioc", "gtc", "fok"]);

const ingestedAt = () => timestamptz("ingested_at").notNull().defaultNow();

export const orderEvents = pgTable(
  "order_events",
  {
    eventId: uuid("event_id").primaryKey(),
    eventType: orderEventType("event_type").notNull(),
    occurredAt: timestamptz("occurred_at").notNull(),
    orderId: uuid("order_id").notNull(),
    userId: uuid("user_id").notNull(),
    /** Contract default: the user id when the message has none. */
    accountId: text("account_id").notNull(),
    symbol: text("symbol").notNull(),
    side: side("side").notNull(),
    orderType: orderType("order_type").notNull(),
    /** Null for market orders. */
    price: contractDecimal("price"),
    quantity: contractDecimal("quantity").notNull(),
    /** Contract default: principal. */
    capacity: orderCapacity("capacity").notNull().default("principal"),
    venueId: text("venue_id"),
    timeInForce: timeInForce("time_in_force"),
    ingestedAt: ingestedAt(),
  },
  (t) => [
    index("order_events_symbol_occurred_idx").on(t.symbol, t.occurredAt),
    index("order_events_order_idx").on(t.orderId),
    index("order_events_user_occurred_idx").on(t.userId, t.occurredAt),
    index("order_events_occurred_brin").using("brin", t.occurredAt),
  ],
);

export const tradeEvents = pgTable(
  "trade_events",
  {
    eventId: uuid("event_id").primaryKey(),
    occurredAt: timestamptz("occurred_at").notNull(),
    tradeId: uuid("trade_id").notNull(),
    symbol: text("symbol").notNull(),
    price: contractDecimal("price").notNull(),
    quantity: contractDecimal("quantity").notNull(),
    buyOrderId: uuid("buy_order_id").notNull(),
    sellOrderId: uuid("sell_order_id").notNull(),
    buyUserId: uuid("buy_user_id").notNull(),
    sellUserId: uuid("sell_user_id").notNull(),
    buyAccountId: text("buy_account_id").notNull(),
    sellAccountId: text("sell_account_id").notNull(),
    aggressorSide: side("aggressor_side").notNull(),
    venueId: text("venue_id"),
    ingestedAt: ingestedAt(),
  },
  (t) => [
    index("trade_events_symbol_occurred_idx").on(t.symbol, t.occurredAt),
    index("trade_events_trade_idx").on(t.tradeId),
    index("trade_events_buy_order_idx").on(t.buyOrderId),
    index("trade_events_sell_order_idx").on(t.sellOrderId),
    index("trade_events_buy_user_occurred_idx").on(t.buyUserId, t.occurredAt),
    index("trade_events_sell_user_occurred_idx").on(t.sellUserId, t.occurredAt),
    // Trades get a btree instead of BRIN on occurred_at: the latest-trades screen reads in time
    // order, which BRIN cannot serve, and the btree serves range scans too (trades are the smallest stream).
    index("trade_events_occurred_idx").on(t.occurredAt.desc()),
  ],
);

export const quoteEvents = pgTable(
  "quote_events",
  {
    eventId: uuid("event_id").primaryKey(),
    occurredAt: timestamptz("occurred_at").notNull(),
    venueId: text("venue_id").notNull(),
    symbol: text("symbol").notNull(),
    bidPrice: contractDecimal("bid_price").notNull(),
    bidSize: contractDecimal("bid_size").notNull(),
    askPrice: contractDecimal("ask_price").notNull(),
    askSize: contractDecimal("ask_size").notNull(),
    ingestedAt: ingestedAt(),
  },
  (t) => [
    index("quote_events_symbol_occurred_idx").on(t.symbol, t.occurredAt),
    index("quote_events_occurred_brin").using("brin", t.occurredAt),
  ],
);
