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
import { tradingHalts } from "./surveillance";

export const routingStrategy = pgEnum("routing_strategy", [
  "best_price",
  "lowest_cost",
  "fastest",
  "liquidity_seeking",
  "split",
  "dark_first",
  // The router's own strategies (@nexus/core/routing strategies.ts) that the first list did not name.
  "smart",
  "internalize",
  "external",
]);
export const venueType = pgEnum("venue_type", ["exchange", "ats", "dark_pool", "market_maker", "internal"]);
export const executionQuality = pgEnum("execution_quality", ["excellent", "good", "neutral", "poor"]);
export const executionStatus = pgEnum("execution_status", [
  "filled",
  "partially_filled",
  "rejected",
  "cancelled",
  // A child order the venue did not answer in time, or that failed in transit: the router failed over.
  "timeout",
  "error",
  // An IOC the venue answered without filling any of it.
  "unfilled",
]);
/**
 * routed: sent to one venue; split: allocated over several; refused: no venue qualified (every failed
 * constraint in `excluded`), or an active trading halt stopped it (`halt_id`).
 */
/**
 * How the customer gave the order (Rule 606): held, to be executed at once at the market (the Rule
 * 606(a)(1) report and (b)(1)), or not held, with discretion over price and time left to the broker
 * (the (b)(3) customer report).
 */
export const orderHandling = pgEnum("order_handling", ["held", "not_held"]);
export const routingOutcome = pgEnum("routing_outcome", ["routed", "split", "refused"]);

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
  /**
   * Which of two venues a strategy ranks equal goes first: lower first. Never outweighs a difference the
   * strategy sees (price, fill probability, latency); it only replaces the venue id as the last tie-break.
   */
  priority: integer("priority").notNull().default(100),
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
 * The JSON columns of routing_decisions as @nexus/services/routing writes them (decision-records.ts):
 * the router's records with decimals as strings.
 */
export interface LoggedCandidate {
  rank: number;
  venueId: string;
  venueType: string;
  score: number;
  expectedPrice: string;
  feePerShare: string;
  allInPrice: string;
  expectedQuantity: string;
  allInCost: string;
  fillProbability: number;
  latencyMs: number;
  reason: string;
}
export interface LoggedExclusion {
  venueId: string;
  reason: string;
  detail: string;
}
export interface LoggedAllocation {
  venueId: string;
  venueType: string;
  quantity: string;
  averagePrice: string;
  limitPrice: string;
  feePerShare: string;
  allInPrice: string;
}
export interface LoggedAttempt {
  venueId: string;
  childOrderId: string;
  outcome: string;
  latencyMs: number;
  detail: string;
}

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
    handling: orderHandling("handling").notNull().default("held"),
    outcome: routingOutcome("outcome").notNull().default("routed"),
    /** The active trading halt that refused the order, if one did. */
    haltId: uuid("halt_id").references(() => tradingHalts.id),
    /** Null when refused (no venue was selected) and for a split (see `splits`). */
    selectedVenueId: text("selected_venue_id"),
    expectedPrice: price("expected_price"),
    /** Shares the selected venue is expected to fill, at most the order's (a partial venue shows less). */
    expectedQuantity: quantity("expected_quantity"),
    expectedFillRate: ratio("expected_fill_rate"),
    expectedLatencyMs: integer("expected_latency_ms"),
    expectedCost: money("expected_cost"),
    reason: text("reason").notNull(),
    /** Venues considered and their scores: [{ venue_id, score, expected_price, ... }]. */
    alternatives: jsonb("alternatives").$type<LoggedCandidate[]>().notNull().default([]),
    /** Every failed check of every venue left out: [{ venue_id, reason, detail }]. */
    excluded: jsonb("excluded").$type<LoggedExclusion[]>().notNull().default([]),
    /** Child orders when split: [{ venue_id, quantity, limit_price }]. */
    splits: jsonb("splits").$type<LoggedAllocation[]>().notNull().default([]),
    /** Child orders sent by route-and-execute, in order, with each outcome (failovers included). */
    attempts: jsonb("attempts").$type<LoggedAttempt[]>().notNull().default([]),
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
