import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  createdAt,
  decimal,
  fineRatio,
  money,
  price,
  quantity,
  ratio,
  timestamptz,
  updatedAt,
} from "./columns";
import { side } from "./enums";

export const routingStrategy = pgEnum("routing_strategy", [
  "best_price",
  "lowest_cost",
  "fastest",
  "liquidity_seeking",
  "split",
  "dark_first",
]);
export const venueType = pgEnum("venue_type", ["exchange", "ats", "dark_pool", "market_maker", "internal"]);
export const executionQuality = pgEnum("execution_quality", ["excellent", "good", "neutral", "poor"]);
export const executionStatus = pgEnum("execution_status", [
  "filled",
  "partially_filled",
  "rejected",
  "cancelled",
]);

/**
 * Venues the router may send to, managed by ops (every change audited). Fees are per share in the
 * quote currency; negative fees are rebates (maker-taker pricing).
 */
export const venueConfigurations = pgTable("venue_configurations", {
  id: uuid("id").primaryKey().defaultRandom(),
  venueId: text("venue_id").notNull().unique(),
  name: text("name").notNull(),
  venueType: venueType("venue_type").notNull(),
  /** Market Identifier Code (ISO 10383) for the 606 report. */
  mic: text("mic"),
  enabled: boolean("enabled").notNull().default(true),
  makerFee: decimal("maker_fee", { precision: 12, scale: 6 }).notNull(),
  takerFee: decimal("taker_fee", { precision: 12, scale: 6 }).notNull(),
  minOrderSize: quantity("min_order_size"),
  maxOrderSize: quantity("max_order_size"),
  /** Round-trip latency the router assumes before it has measurements. */
  expectedLatencyMs: integer("expected_latency_ms").notNull(),
  /** Symbols the venue trades; empty means all. */
  supportedSymbols: text("supported_symbols")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** Payment for order flow per share received from the venue (Rule 606 requires disclosure). */
  paymentForOrderFlow: decimal("payment_for_order_flow", { precision: 12, scale: 6 })
    .notNull()
    .default(sql`0`),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * One row per routing decision made by the SmartOrderRouter (worker or tRPC route request): what
 * was chosen, why, and the market (NBBO) at that moment — the best-execution record (FINRA 5310).
 */
export const routingDecisions = pgTable(
  "routing_decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orderId: uuid("order_id").notNull(),
    userId: uuid("user_id").notNull(),
    symbol: text("symbol").notNull(),
    side: side("side").notNull(),
    quantity: quantity("quantity").notNull(),
    limitPrice: price("limit_price"),
    strategy: routingStrategy("strategy").notNull(),
    selectedVenueId: text("selected_venue_id").notNull(),
    expectedPrice: price("expected_price").notNull(),
    expectedFillRate: ratio("expected_fill_rate").notNull(),
    expectedLatencyMs: integer("expected_latency_ms").notNull(),
    expectedCost: money("expected_cost").notNull(),
    reason: text("reason").notNull(),
    /** Venues considered and their scores: [{ venue_id, score, expected_price, ... }]. */
    alternatives: jsonb("alternatives").notNull().default([]),
    /** Child orders when split: [{ venue_id, quantity, limit_price }]. */
    splits: jsonb("splits").notNull().default([]),
    nbboBidPrice: price("nbbo_bid_price"),
    nbboBidSize: quantity("nbbo_bid_size"),
    nbboAskPrice: price("nbbo_ask_price"),
    nbboAskSize: quantity("nbbo_ask_size"),
    decidedAt: timestamptz("decided_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("routing_decisions_order_idx").on(t.orderId),
    index("routing_decisions_symbol_decided_idx").on(t.symbol, t.decidedAt.desc()),
    index("routing_decisions_user_decided_idx").on(t.userId, t.decidedAt.desc()),
    index("routing_decisions_venue_decided_idx").on(t.selectedVenueId, t.decidedAt),
    check("routing_decisions_quantity_positive", sql`${t.quantity} > 0`),
  ],
);

/** Execution reports per routed (child) order, written by the worker from the venue's fills. */
export const executionLogs = pgTable(
  "execution_logs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => routingDecisions.id, { onDelete: "restrict" }),
    orderId: uuid("order_id").notNull(),
    venueId: text("venue_id").notNull(),
    status: executionStatus("status").notNull(),
    requestedQuantity: quantity("requested_quantity").notNull(),
    executedQuantity: quantity("executed_quantity").notNull(),
    /** Null when nothing executed. */
    executedPrice: price("executed_price"),
    latencyMs: integer("latency_ms").notNull(),
    fee: money("fee").notNull(),
    /** Per share, positive when better than the NBBO at decision (Rule 605 price improvement). */
    priceImprovement: price("price_improvement")
      .notNull()
      .default(sql`0`),
    /** Signed slippage against expected price, in basis points. */
    slippageBps: fineRatio("slippage_bps"),
    executionQuality: executionQuality("execution_quality").notNull(),
    executedAt: timestamptz("executed_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("execution_logs_decision_idx").on(t.decisionId),
    index("execution_logs_venue_executed_idx").on(t.venueId, t.executedAt),
    index("execution_logs_order_idx").on(t.orderId),
    check("execution_logs_executed_within_requested", sql`${t.executedQuantity} <= ${t.requestedQuantity}`),
  ],
);

export const performancePeriod = pgEnum("performance_period", ["hour", "day", "month"]);

/**
 * Venue quality statistics per period (Rule 605-style), aggregated by the worker from
 * execution_logs; the router's scoring and the 606 screen read them.
 */
export const venuePerformance = pgTable(
  "venue_performance",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    venueId: text("venue_id").notNull(),
    periodType: performancePeriod("period_type").notNull(),
    periodStart: timestamptz("period_start").notNull(),
    orderCount: integer("order_count").notNull(),
    fillRate: ratio("fill_rate").notNull(),
    latencyP50Ms: integer("latency_p50_ms").notNull(),
    latencyP99Ms: integer("latency_p99_ms").notNull(),
    avgPriceImprovement: price("avg_price_improvement").notNull(),
    /** Share of executions improved on the NBBO. */
    priceImprovementRate: ratio("price_improvement_rate").notNull(),
    executedVolume: quantity("executed_volume").notNull(),
    executedNotional: money("executed_notional").notNull(),
    totalFees: money("total_fees").notNull(),
    rejectCount: integer("reject_count").notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("venue_performance_venue_period_key").on(t.venueId, t.periodType, t.periodStart)],
);
