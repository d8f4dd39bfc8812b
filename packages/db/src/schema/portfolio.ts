import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { side } from "./enums";
import { contractDecimal, money, timestamptz, updatedAt } from "./columns";

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
    // The event contract's range (18 integer, 12 fraction digits): every fill a trade event can carry is
    // held exactly, and realized P&L (quantity x price difference) is summed without rounding.
    quantity: contractDecimal("quantity").notNull(),
    averageCost: contractDecimal("average_cost").notNull(),
    realizedPnl: contractDecimal("realized_pnl")
      .notNull()
      .default(sql`0`),
    /** Last trade applied, so replaying the stream does not apply a trade twice. */
    lastTradeId: uuid("last_trade_id"),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("positions_user_symbol_key").on(t.userId, t.symbol)],
);

/**
 * Each side of each trade applied to a position, so a redelivered or replayed trade is applied once
 * whatever order it comes back in (`positions.last_trade_id` only remembers the latest). A self-trade has
 * both sides for one user, hence the side in the key.
 */
export const appliedTrades = pgTable(
  "applied_trades",
  {
    tradeId: uuid("trade_id").notNull(),
    userId: uuid("user_id").notNull(),
    side: side("side").notNull(),
    appliedAt: timestamptz("applied_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "applied_trades_pkey", columns: [t.tradeId, t.userId, t.side] })],
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

export const cashMovementKind = pgEnum("cash_movement_kind", ["deposit", "withdrawal"]);

/**
 * Money a trader's account received or paid out, recorded by operations or an admin: with realized P&L
 * and the cost of open positions it makes the account's cash. The amount is positive; the kind gives its
 * direction. The daily snapshots take these as external flows, so the time-weighted return leaves them out
 * of performance (GIPS 2020, provision 2.A.21 and the TWR definition).
 */
export const cashMovements = pgTable(
  "cash_movements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    amount: money("amount").notNull(),
    kind: cashMovementKind("kind").notNull(),
    /** The day the money is in (or out of) the account: a flow at the start of that day. */
    effectiveDate: date("effective_date").notNull(),
    note: text("note").notNull(),
    /** `actorType:actorId` of whoever recorded it, as its audit row names them. */
    createdBy: text("created_by").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("cash_movements_user_date_idx").on(t.userId, t.effectiveDate),
    check("cash_movements_amount_positive", sql`${t.amount} > 0`),
  ],
);
