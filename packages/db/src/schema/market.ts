import { sql } from "drizzle-orm";
import { check, date, index, pgEnum, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { decimal, price, quantity, timestamptz } from "./columns";

/** Reference data for listed securities (loaded by `nexus import`); sector feeds risk decomposition. */
export const securities = pgTable(
  "securities",
  {
    symbol: text("symbol").primaryKey(),
    name: text("name").notNull(),
    sector: text("sector"),
    subIndustry: text("sub_industry"),
  },
  (t) => [index("securities_sector_idx").on(t.sector)],
);

/**
 * Daily OHLCV bars (loaded by `nexus import` from the shared data set; the simulator and the
 * historical VaR read them). Prices are nullable because the real data has gaps.
 */
export const marketBars = pgTable(
  "market_bars",
  {
    symbol: text("symbol").notNull(),
    date: date("date").notNull(),
    open: price("open"),
    high: price("high"),
    low: price("low"),
    close: price("close"),
    volume: quantity("volume"),
  },
  (t) => [
    primaryKey({ name: "market_bars_pkey", columns: [t.symbol, t.date] }),
    index("market_bars_date_idx").on(t.date),
    check(
      "market_bars_high_not_below_low",
      sql`${t.high} is null or ${t.low} is null or ${t.high} >= ${t.low}`,
    ),
  ],
);

/** Where a flagged bar stands: excluded from risk while `suspected`, counted once a reviewer `confirmed` it. */
export const marketBarFlagStatus = pgEnum("market_bar_flag_status", ["suspected", "confirmed"]);

/**
 * One-day close-to-close moves beyond +/-40 % (packages/sim/data/PROVENANCE.md: spin-offs, splits, vendor
 * glitches), found when bars are imported. Risk leaves the day out until a reviewer confirms the move is
 * real; the confirmation is audited (who, when, why) with its audit_log row.
 */
export const marketBarFlags = pgTable(
  "market_bar_flags",
  {
    symbol: text("symbol").notNull(),
    /** The date of the bar whose close moved. */
    date: date("date").notNull(),
    previousDate: date("previous_date").notNull(),
    previousClose: price("previous_close").notNull(),
    close: price("close").notNull(),
    /** close / previous close - 1, e.g. -0.523100. */
    dailyReturn: decimal("daily_return", { precision: 14, scale: 6 }).notNull(),
    status: marketBarFlagStatus("status").notNull().default("suspected"),
    flaggedAt: timestamptz("flagged_at").notNull().defaultNow(),
    confirmedBy: text("confirmed_by"),
    confirmedAt: timestamptz("confirmed_at"),
    note: text("note"),
  },
  (t) => [
    primaryKey({ name: "market_bar_flags_pkey", columns: [t.symbol, t.date] }),
    index("market_bar_flags_status_idx").on(t.status),
  ],
);
