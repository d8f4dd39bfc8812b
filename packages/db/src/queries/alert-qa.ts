import { Decimal } from "@nexus/core/money";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { alertQaPolicy, alertQaReviews, surveillanceAlerts, users } from "../schema/index";

export type AlertQaReview = typeof alertQaReviews.$inferSelect;
type QaOutcome = AlertQaReview["outcome"];

/** The share of closures sampled for four-eyes QA when nobody has set one: one in ten. */
export const DEFAULT_QA_SAMPLE_RATE = new Decimal("0.1");

export async function loadQaSampleRate(db: Database): Promise<Decimal> {
  const [row] = await db.select({ rate: alertQaPolicy.sampleRate }).from(alertQaPolicy);
  return row?.rate ?? DEFAULT_QA_SAMPLE_RATE;
}

export async function storeQaSampleRate(db: Database, rate: Decimal, updatedBy: string): Promise<void> {
  await db
    .insert(alertQaPolicy)
    .values({ id: 1, sampleRate: rate, updatedBy })
    .onConflictDoUpdate({ target: alertQaPolicy.id, set: { sampleRate: rate, updatedBy } });
}

export async function insertQaReviews(
  tx: Database,
  reviews: readonly (typeof alertQaReviews.$inferInsert)[],
): Promise<AlertQaReview[]> {
  if (reviews.length === 0) return [];
  return tx
    .insert(alertQaReviews)
    .values([...reviews])
    .returning();
}

/** The alert's pending QA review, locked until the transaction ends (one decision per review). */
export async function lockPendingQaReview(tx: Database, alertId: string): Promise<AlertQaReview | undefined> {
  const [row] = await tx
    .select()
    .from(alertQaReviews)
    .where(and(eq(alertQaReviews.alertId, alertId), eq(alertQaReviews.outcome, "pending")))
    .for("update");
  return row;
}

export async function decideQaReview(
  tx: Database,
  id: string,
  decision: { outcome: Exclude<QaOutcome, "pending">; reviewerId: string; notes: string | null; at: Date },
): Promise<AlertQaReview> {
  const [row] = await tx
    .update(alertQaReviews)
    .set({
      outcome: decision.outcome,
      reviewerId: decision.reviewerId,
      notes: decision.notes,
      reviewedAt: decision.at,
    })
    .where(eq(alertQaReviews.id, id))
    .returning();
  if (row === undefined) throw new Error(`alert_qa_reviews ${id} vanished inside its lock`);
  return row;
}

/** The alert's QA reviews, newest first. */
export function qaReviewsOf(db: Database, alertId: string): Promise<AlertQaReview[]> {
  return db
    .select()
    .from(alertQaReviews)
    .where(eq(alertQaReviews.alertId, alertId))
    .orderBy(desc(alertQaReviews.sampledAt));
}

export interface QaQueueRow {
  reviewId: string;
  alertId: string;
  alertType: (typeof surveillanceAlerts.$inferSelect)["alertType"];
  severity: (typeof surveillanceAlerts.$inferSelect)["severity"];
  symbol: string;
  status: (typeof surveillanceAlerts.$inferSelect)["status"];
  dispositionReason: string | null;
  dispositionNotes: string | null;
  closedBy: string | null;
  closedByName: string | null;
  sampledAt: Date;
}

/** Closures waiting for a second reviewer, the longest waiting first. */
export function pendingQaReviews(db: Database, limit: number): Promise<QaQueueRow[]> {
  return db
    .select({
      reviewId: alertQaReviews.id,
      alertId: alertQaReviews.alertId,
      alertType: surveillanceAlerts.alertType,
      severity: surveillanceAlerts.severity,
      symbol: surveillanceAlerts.symbol,
      status: surveillanceAlerts.status,
      dispositionReason: surveillanceAlerts.dispositionReason,
      dispositionNotes: surveillanceAlerts.dispositionNotes,
      closedBy: alertQaReviews.closedBy,
      closedByName: users.name,
      sampledAt: alertQaReviews.sampledAt,
    })
    .from(alertQaReviews)
    .innerJoin(surveillanceAlerts, eq(surveillanceAlerts.id, alertQaReviews.alertId))
    .leftJoin(users, eq(users.id, alertQaReviews.closedBy))
    .where(sql`${alertQaReviews.outcome} = 'pending'`)
    .orderBy(asc(alertQaReviews.sampledAt), asc(alertQaReviews.id))
    .limit(limit);
}
