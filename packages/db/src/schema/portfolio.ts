import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { money, price, quantity, timestamptz, updatedAt } from "./columns";

/**
 * Current holdings per trader and symbol, maintained by the worker's PositionKeeper from
 * trades.executed (average-cost method). Quantity is signed: negative is short.
 */
export const positions = pgTable(
  "positions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull(),
    symbol: text("symbol").notNull(),
    quantity: quantity("quantity").notNull(),
    averageCost: price("average_cost").notNull(),
    realizedPnl: money("realized_pnl")
      .notNull()
      .default(sql`0`),
    /** Last trade applied, so replaying the stream does not apply a trade twice. */
    lastTradeId: uuid("last_trade_id"),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("positions_user_symbol_key").on(t.userId, t.symbol)],
);

/**
 * End-of-day (or on-demand) valuation of a trader's portfolio, written by the worker; the risk
 * screens chart it and the analytics read its history for performance attribution.
 */
export const portfolioSnapshots = pgTable(
  "portfolio_snapshots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull(),
    asOfDate: date("as_of_date").notNull(),
    takenAt: timestamptz("taken_at").notNull().defaultNow(),
    marketValue: money("market_value").notNull(),
    cash: money("cash").notNull(),
    grossExposure: money("gross_exposure").notNull(),
    netExposure: money("net_exposure").notNull(),
    realizedPnl: money("realized_pnl").notNull(),
    unrealizedPnl: money("unrealized_pnl").notNull(),
    positionCount: integer("position_count").notNull(),
    /** [{ symbol, quantity, price, market_value, weight }] with decimals as strings. */
    holdings: jsonb("holdings").notNull().default([]),
  },
  (t) => [
    uniqueIndex("portfolio_snapshots_user_date_key").on(t.userId, t.asOfDate),
    index("portfolio_snapshots_taken_at_idx").on(t.takenAt),
  ],
);
