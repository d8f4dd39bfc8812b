import { index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, decimal, fineRatio, money, timestamptz } from "./columns";

/**
 * Computed analytics kept until `expires_at` (the Redis cache is the fast layer; these rows survive
 * restarts and are shared by every worker replica). Rows are replaced on recompute, never edited.
 */
export const varMethod = pgEnum("var_method", ["historical", "parametric", "monte_carlo", "cornish_fisher"]);

/** VaR / expected shortfall and friends per trader, method, confidence and horizon. */
export const riskMetricCache = pgTable(
  "risk_metric_cache",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull(),
    method: varMethod("method").notNull(),
    /** e.g. 0.9900 for 99%. */
    confidenceLevel: decimal("confidence_level", { precision: 5, scale: 4 }).notNull(),
    horizonDays: integer("horizon_days").notNull(),
    lookbackDays: integer("lookback_days").notNull(),
    portfolioValue: money("portfolio_value").notNull(),
    valueAtRisk: money("value_at_risk").notNull(),
    expectedShortfall: money("expected_shortfall").notNull(),
    /** VaR as a fraction of portfolio value. */
    varRatio: fineRatio("var_ratio").notNull(),
    /** Component VaR per symbol, volatility, skew/kurtosis, simulation count, seed. */
    details: jsonb("details").notNull().default({}),
    computedAt: timestamptz("computed_at").notNull().defaultNow(),
    expiresAt: timestamptz("expires_at").notNull(),
  },
  (t) => [
    uniqueIndex("risk_metric_cache_key").on(
      t.userId,
      t.method,
      t.confidenceLevel,
      t.horizonDays,
      t.lookbackDays,
    ),
    index("risk_metric_cache_expires_idx").on(t.expiresAt),
  ],
);

/** Market data fetched from the market-data service (quotes, bars, reference data), per symbol. */
export const marketDataCache = pgTable(
  "market_data_cache",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    symbol: text("symbol").notNull(),
    /** e.g. `quote`, `daily_bars`, `reference` — open-ended because the upstream service adds kinds. */
    dataType: text("data_type").notNull(),
    payload: jsonb("payload").notNull(),
    source: text("source").notNull(),
    fetchedAt: createdAt(),
    expiresAt: timestamptz("expires_at").notNull(),
  },
  (t) => [
    uniqueIndex("market_data_cache_symbol_type_key").on(t.symbol, t.dataType),
    index("market_data_cache_expires_idx").on(t.expiresAt),
  ],
);

/**
 * Correlation matrices for a set of symbols over a lookback; `symbol_set_hash` is the SHA-256 of the
 * sorted symbol list so the same set is found whatever order it was asked in.
 */
export const correlationCache = pgTable(
  "correlation_cache",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    symbolSetHash: text("symbol_set_hash").notNull(),
    symbols: text("symbols").array().notNull(),
    lookbackDays: integer("lookback_days").notNull(),
    /** Row-major matrix of numbers in the order of `symbols`. */
    matrix: jsonb("matrix").notNull(),
    observationCount: integer("observation_count").notNull(),
    computedAt: timestamptz("computed_at").notNull().defaultNow(),
    expiresAt: timestamptz("expires_at").notNull(),
  },
  (t) => [
    uniqueIndex("correlation_cache_set_lookback_key").on(t.symbolSetHash, t.lookbackDays),
    index("correlation_cache_expires_idx").on(t.expiresAt),
  ],
);
