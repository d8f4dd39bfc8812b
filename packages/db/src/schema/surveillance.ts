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
import { createdAt, fineRatio, quantity, ratio, timestamptz, updatedAt } from "./columns";

/** Manipulation patterns the engines detect; same names as `alert_type` on `surveillance.alerts`. */
export const alertType = pgEnum("alert_type", [
  "spoofing",
  "layering",
  "wash_trading",
  "momentum",
  "front_running",
  "quote_stuffing",
]);
export const alertSeverity = pgEnum("alert_severity", ["low", "medium", "high", "critical"]);
/**
 * Review workflow (FINRA Rule 3110 supervisory review): open -> under_review -> escalated, closed
 * either with no action or reported (e.g. a SAR/regulatory referral).
 */
export const alertStatus = pgEnum("alert_status", [
  "open",
  "under_review",
  "escalated",
  "closed_no_action",
  "closed_reported",
]);

/**
 * Alerts raised by the surveillance engine (written by the worker); compliance officers assign,
 * review and disposition them from the web app (each change also goes to audit_log).
 */
export const surveillanceAlerts = pgTable(
  "surveillance_alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    alertType: alertType("alert_type").notNull(),
    severity: alertSeverity("severity").notNull(),
    status: alertStatus("status").notNull().default("open"),
    userId: uuid("user_id").notNull(),
    accountId: text("account_id").notNull(),
    symbol: text("symbol").notNull(),
    detectedAt: timestamptz("detected_at").notNull(),
    description: text("description").notNull(),
    /** Detector-specific facts (orders, prices, windows, thresholds crossed) shown to the reviewer. */
    evidence: jsonb("evidence").notNull().default({}),
    relatedOrderIds: uuid("related_order_ids")
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    confidenceScore: ratio("confidence_score").notNull(),
    recommendedAction: text("recommended_action").notNull(),
    /** Version of detector_configs in force when the alert fired, so a finding can be reproduced. */
    detectorVersion: integer("detector_version"),
    /** The episode's first and last event (event time); deduplication widens them. */
    firstEventAt: timestamptz("first_event_at"),
    lastEventAt: timestamptz("last_event_at"),
    /**
     * How many times deduplication merged further evidence into the alert. A redelivered or replayed
     * event recomputes the same alert with the same count, so a write only wins when the count grows:
     * the row and the published message change exactly once per update.
     */
    updateCount: integer("update_count").notNull().default(0),
    /** The historical scan that raised the alert; null for the live pipeline. */
    scanId: uuid("scan_id"),
    /**
     * The surveillance.alerts message of the stored state while it is not yet published, as sent (an
     * outbox: a live alert is stored, then published, then this is cleared; whatever a crash or a bus
     * outage leaves here is published by the worker's next round). Null once published, and for scans.
     */
    unpublishedMessage: text("unpublished_message"),
    assigneeId: uuid("assignee_id"),
    dispositionBy: uuid("disposition_by"),
    dispositionAt: timestamptz("disposition_at"),
    /** Why it was closed (a reason code of the workflow, e.g. "legitimate_hedging"); notes add the detail. */
    dispositionReason: text("disposition_reason"),
    dispositionNotes: text("disposition_notes"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("surveillance_alerts_status_detected_idx").on(t.status, t.detectedAt.desc(), t.id.desc()),
    // The queue pages by (detected_at, id) whatever the filter: keyset pagination stays an index range scan.
    index("surveillance_alerts_detected_id_idx").on(t.detectedAt.desc(), t.id.desc()),
    // The working queue (live alerts still open, reviewing or escalated) in queue order, whole and by
    // symbol: a filtered page scans the index in order and stops at the page, however many closed
    // alerts pile up. Plain ascending (NULLS LAST), so a forward scan serves "oldest" and a backward one
    // "newest" (ORDER BY ... DESC is NULLS FIRST: an index declared DESC NULLS LAST serves neither).
    index("surveillance_alerts_open_queue_idx")
      .on(t.detectedAt, t.id)
      .where(sql`${t.scanId} is null and ${t.status} in ('open', 'under_review', 'escalated')`),
    // Triage order (critical first, the longest waiting first within a severity), read forward.
    index("surveillance_alerts_open_queue_severity_idx")
      .on(t.severity.desc().nullsFirst(), t.detectedAt, t.id)
      .where(sql`${t.scanId} is null and ${t.status} in ('open', 'under_review', 'escalated')`),
    index("surveillance_alerts_open_queue_symbol_idx")
      .on(t.symbol, t.detectedAt, t.id)
      .where(sql`${t.scanId} is null and ${t.status} in ('open', 'under_review', 'escalated')`),
    index("surveillance_alerts_symbol_detected_idx").on(t.symbol, t.detectedAt.desc()),
    index("surveillance_alerts_user_detected_idx").on(t.userId, t.detectedAt.desc()),
    index("surveillance_alerts_assignee_status_idx").on(t.assigneeId, t.status),
    // The outbox's rounds read only the few rows still to publish, oldest first.
    index("surveillance_alerts_unpublished_idx")
      .on(t.updatedAt)
      .where(sql`${t.unpublishedMessage} is not null`),
    index("surveillance_alerts_scan_idx")
      .on(t.scanId)
      .where(sql`${t.scanId} is not null`),
    check("surveillance_alerts_confidence_range", sql`${t.confidenceScore} between 0 and 1`),
    check(
      "surveillance_alerts_closed_has_disposition",
      sql`${t.status} not in ('closed_no_action', 'closed_reported') or ${t.dispositionAt} is not null`,
    ),
  ],
);

/**
 * Per trader and symbol behavioural baselines over the last `lookback_days` (counts, sizes, ratios,
 * message rates), the rows a user's or a symbol's profile page reads. The worker marks a pair stale
 * (inserting it if new) as soon as new events of that user in that symbol are stored; a reader
 * recomputes stale pairs from the event tables before using them (services/surveillance/trading-profiles).
 */
export const tradingProfiles = pgTable(
  "trading_profiles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id").notNull(),
    symbol: text("symbol").notNull(),
    orderCount: integer("order_count").notNull().default(0),
    tradeCount: integer("trade_count").notNull().default(0),
    avgOrderSize: quantity("avg_order_size")
      .notNull()
      .default(sql`0`),
    stddevOrderSize: quantity("stddev_order_size")
      .notNull()
      .default(sql`0`),
    maxOrderSize: quantity("max_order_size")
      .notNull()
      .default(sql`0`),
    /** Cancelled orders / created orders over the lookback window. */
    cancelRatio: ratio("cancel_ratio")
      .notNull()
      .default(sql`0`),
    /** Executed quantity / ordered quantity. */
    fillRatio: ratio("fill_ratio")
      .notNull()
      .default(sql`0`),
    avgMessagesPerSecond: fineRatio("avg_messages_per_second")
      .notNull()
      .default(sql`0`),
    peakMessagesPerSecond: fineRatio("peak_messages_per_second")
      .notNull()
      .default(sql`0`),
    avgOrderLifetimeMs: integer("avg_order_lifetime_ms"),
    lookbackDays: integer("lookback_days").notNull().default(1),
    windowStart: timestamptz("window_start").notNull().defaultNow(),
    windowEnd: timestamptz("window_end").notNull().defaultNow(),
    /** New events arrived since the figures were computed: recompute before reading them. */
    stale: boolean("stale").notNull().default(true),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("trading_profiles_user_symbol_key").on(t.userId, t.symbol),
    index("trading_profiles_symbol_idx").on(t.symbol),
  ],
);

/**
 * Detector settings per manipulation type, edited by compliance (admins) and read by the worker.
 * `version` increases on every change; the previous values are in audit_log.
 */
export const detectorConfigs = pgTable("detector_configs", {
  alertType: alertType("alert_type").primaryKey(),
  enabled: boolean("enabled").notNull().default(true),
  /** Detector-specific thresholds (e.g. cancel ratio, window ms), validated by core's zod schemas. */
  thresholds: jsonb("thresholds").notNull().default({}),
  /** Symbols the detector watches; empty means every symbol. */
  scopeSymbols: text("scope_symbols")
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  severityFloor: alertSeverity("severity_floor").notNull().default("low"),
  version: integer("version").notNull().default(1),
  updatedBy: uuid("updated_by"),
  updatedAt: updatedAt(),
});

export const scanStatus = pgEnum("scan_status", ["running", "completed", "failed"]);

/**
 * Historical scans: stored events of a period replayed through a fresh engine (a back-test, a
 * regulator's data request, a threshold calibration). Fanned out by symbol; each finished symbol adds
 * to the counters, so the progress of a scan spread over several workers is one row.
 */
export const surveillanceScans = pgTable(
  "surveillance_scans",
  {
    id: uuid("id").primaryKey(),
    periodStart: timestamptz("period_start").notNull(),
    periodEnd: timestamptz("period_end").notNull(),
    /** Symbols scanned (resolved when the scan starts: every symbol with events in the period if none given). */
    symbols: text("symbols").array().notNull(),
    /** Only alerts on these users are kept; empty means every user. */
    userIds: text("user_ids")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: scanStatus("status").notNull().default("running"),
    symbolsDone: integer("symbols_done").notNull().default(0),
    eventsScanned: integer("events_scanned").notNull().default(0),
    alertsRaised: integer("alerts_raised").notNull().default(0),
    requestedBy: text("requested_by").notNull(),
    /**
     * When its symbols were handed to the worker group. A scan requested through the API is fanned out
     * by the first worker to claim it (NOTIFY reaches them all); `nexus scan` fans out its own.
     */
    fannedOutAt: timestamptz("fanned_out_at"),
    error: text("error"),
    startedAt: timestamptz("started_at").notNull().defaultNow(),
    finishedAt: timestamptz("finished_at"),
  },
  (t) => [
    index("surveillance_scans_started_idx").on(t.startedAt.desc()),
    check("surveillance_scans_period_order", sql`${t.periodStart} < ${t.periodEnd}`),
  ],
);

export const haltScope = pgEnum("halt_scope", ["user", "symbol", "user_symbol"]);
export const haltStatus = pgEnum("halt_status", ["active", "lifted"]);

/**
 * Trading halts raised automatically on critical alerts (worker) or by compliance (web), and lifted
 * by compliance. At most one active halt per scope target.
 */
export const tradingHalts = pgTable(
  "trading_halts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    scope: haltScope("scope").notNull(),
    userId: uuid("user_id"),
    symbol: text("symbol"),
    status: haltStatus("status").notNull().default("active"),
    reason: text("reason").notNull(),
    alertId: uuid("alert_id").references(() => surveillanceAlerts.id),
    /** Null when the worker raised it automatically. */
    haltedBy: uuid("halted_by"),
    haltedAt: timestamptz("halted_at").notNull().defaultNow(),
    liftedBy: uuid("lifted_by"),
    liftedAt: timestamptz("lifted_at"),
    liftReason: text("lift_reason"),
    /**
     * When the halt (or its lift, once lifted) was announced: published on risk.halts and, when a Risk
     * service is configured, acknowledged by it. Writers only write the row; the worker's announcer
     * sends what is not announced, so a Risk outage never blocks detection.
     */
    riskNotifiedAt: timestamptz("risk_notified_at"),
  },
  (t) => [
    uniqueIndex("trading_halts_one_active_per_target")
      .on(t.scope, sql`coalesce(${t.userId}::text, '')`, sql`coalesce(${t.symbol}, '')`)
      .where(sql`${t.status} = 'active'`),
    index("trading_halts_status_halted_idx").on(t.status, t.haltedAt.desc()),
    index("trading_halts_risk_pending_idx")
      .on(t.haltedAt)
      .where(sql`${t.riskNotifiedAt} is null`),
    check(
      "trading_halts_scope_target",
      sql`(${t.scope} = 'user' and ${t.userId} is not null and ${t.symbol} is null)
       or (${t.scope} = 'symbol' and ${t.userId} is null and ${t.symbol} is not null)
       or (${t.scope} = 'user_symbol' and ${t.userId} is not null and ${t.symbol} is not null)`,
    ),
    check("trading_halts_lifted_has_time", sql`${t.status} = 'active' or ${t.liftedAt} is not null`),
  ],
);

/**
 * Accounts under common beneficial ownership (from onboarding/KYC, maintained by ops). Wash-trade
 * detection treats trades between linked accounts as self-trades. Stored once per pair in canonical
 * order (account_a < account_b), so (A,B) and (B,A) cannot both exist and an account cannot link to itself.
 */
export const relatedAccounts = pgTable(
  "related_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    accountA: text("account_a").notNull(),
    accountB: text("account_b").notNull(),
    relationship: text("relationship").notNull(),
    createdBy: uuid("created_by"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("related_accounts_pair_key").on(t.accountA, t.accountB),
    index("related_accounts_account_b_idx").on(t.accountB),
    check("related_accounts_canonical_pair", sql`${t.accountA} < ${t.accountB}`),
  ],
);
