import { sql } from "drizzle-orm";
import { check, index, pgEnum, pgTable, smallint, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, ratio, timestamptz, updatedAt } from "./columns";
import { alertStatus, surveillanceAlerts } from "./surveillance";

/**
 * A reviewer's saved queue views: a name and the queue's address query (`status=open&severity=high`),
 * so a view opens exactly as the address would. Per user; nobody else sees them.
 */
export const alertSavedViews = pgTable(
  "alert_saved_views",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id").notNull(),
    name: text("name").notNull(),
    query: text("query").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("alert_saved_views_owner_name_key").on(t.ownerId, t.name)],
);

export const qaOutcome = pgEnum("qa_outcome", ["pending", "passed", "returned"]);

/**
 * Four-eyes quality assurance: a sample of closures goes to a second reviewer, who passes the closure
 * or returns the alert for review. One row per sampled closure; the audit rows hold who decided and why.
 */
export const alertQaReviews = pgTable(
  "alert_qa_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    alertId: uuid("alert_id")
      .notNull()
      .references(() => surveillanceAlerts.id),
    /** Who closed the alert (may not review it: four eyes). Null when a service key closed it. */
    closedBy: uuid("closed_by"),
    closedStatus: alertStatus("closed_status").notNull(),
    sampledAt: timestamptz("sampled_at").notNull(),
    outcome: qaOutcome("outcome").notNull().default("pending"),
    reviewerId: uuid("reviewer_id"),
    notes: text("notes"),
    reviewedAt: timestamptz("reviewed_at"),
  },
  (t) => [
    index("alert_qa_reviews_pending_idx")
      .on(t.sampledAt)
      .where(sql`${t.outcome} = 'pending'`),
    index("alert_qa_reviews_alert_idx").on(t.alertId),
    check(
      "alert_qa_reviews_decided_has_reviewer",
      sql`${t.outcome} = 'pending' or (${t.reviewerId} is not null and ${t.reviewedAt} is not null)`,
    ),
  ],
);

/** The share of closures sampled for QA (one row, id 1; absent means the default rate). */
export const alertQaPolicy = pgTable(
  "alert_qa_policy",
  {
    id: smallint("id").primaryKey().default(1),
    sampleRate: ratio("sample_rate").notNull(),
    updatedBy: text("updated_by"),
    updatedAt: updatedAt(),
  },
  (t) => [check("alert_qa_policy_single_row", sql`${t.id} = 1`)],
);
