import { sql } from "drizzle-orm";
import { check, date, index, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { price, quantity } from "./columns";

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
