/**
 * Four-eyes quality assurance of closures (FINRA Rule 3110(b) review of supervisory work; the "four
 * eyes" principle of MAR Article 16 arrangements): a sample of closed alerts, drawn with injected
 * randomness at the configured rate, goes to a second reviewer, never the one who closed it, who
 * passes the closure or returns the alert for review. Every sampling and decision is audited on the
 * alert, so the alert's history shows it, in the transaction that makes it.
 */
import { Decimal } from "@nexus/core/money";
import type { RandomSource } from "@nexus/core/random";
import { sampledForQa } from "@nexus/core/surveillance";
import type { Database } from "@nexus/db/client";
import {
  decideQaReview,
  insertQaReviews,
  loadQaSampleRate,
  lockPendingQaReview,
  storeQaSampleRate,
} from "@nexus/db/queries/alert-qa";
import type { AlertQaReview } from "@nexus/db/queries/alert-qa";
import { appendAudit, withAudit } from "@nexus/db/queries/audit";
import { lockAlerts, updateAlertWorkflow } from "@nexus/db/queries/surveillance-alerts";
import type { AlertRow } from "@nexus/db/queries/surveillance-alerts";
import { z } from "zod";
import type { ChangeContext } from "../context";
import { auditOf } from "./alert-audit";
import { SurveillanceError, parseOrRefuse } from "./errors";

const isClosed = (alert: AlertRow) =>
  alert.status === "closed_no_action" || alert.status === "closed_reported";

/** Draws the QA sample of alerts just closed (inside the closing transaction) and audits each one sampled. */
export async function sampleClosuresForQa(
  tx: Database,
  context: ChangeContext,
  closed: readonly AlertRow[],
  random: RandomSource,
): Promise<AlertQaReview[]> {
  const rate = await loadQaSampleRate(tx);
  const sampled = closed.filter(() => sampledForQa(random, rate.toNumber()));
  const reviews = await insertQaReviews(
    tx,
    sampled.map((alert) => ({
      alertId: alert.id,
      closedBy: alert.dispositionBy,
      closedStatus: alert.status,
      sampledAt: context.now,
    })),
  );
  for (const alert of sampled)
    await appendAudit(
      tx,
      auditOf(context, alert, alert, "alert.qa_sampled", { sampleRate: rate.toString() }),
    );
  return reviews;
}

export const qaDecisionSchema = z.strictObject({
  outcome: z.enum(["pass", "return"]),
  notes: z.string().trim().max(10_000).optional(),
});
export type QaDecision = z.input<typeof qaDecisionSchema>;

/**
 * A second reviewer's decision on a sampled closure: "pass" keeps it closed; "return" reopens the alert
 * for review, assigned back to whoever closed it, and needs notes saying why.
 */
export async function decideQa(
  context: ChangeContext,
  alertId: string,
  input: QaDecision,
): Promise<{ review: AlertQaReview; alert: AlertRow }> {
  const decision = parseOrRefuse(qaDecisionSchema, input);
  if (decision.outcome === "return" && (decision.notes === undefined || decision.notes === ""))
    throw new SurveillanceError("invalid", "notes: returning a closure needs notes", "notes");
  return context.db.transaction(async (tx) => {
    const [before] = await lockAlerts(tx, [alertId]);
    if (before === undefined) throw new SurveillanceError("unknown_alert", `no alert ${alertId}`, "alertId");
    const pending = await lockPendingQaReview(tx, alertId);
    if (pending === undefined || !isClosed(before))
      throw new SurveillanceError(
        "invalid_transition",
        `alert ${alertId} has no closure waiting for QA`,
        "alertId",
      );
    if (context.actor.actorType !== "user" || context.actor.actorId === pending.closedBy)
      throw new SurveillanceError(
        "four_eyes",
        `alert ${alertId}: the closure's QA needs a second reviewer, not the one who closed it`,
        "alertId",
      );
    const review = await decideQaReview(tx, pending.id, {
      outcome: decision.outcome === "pass" ? "passed" : "returned",
      reviewerId: context.actor.actorId,
      notes: decision.notes ?? null,
      at: context.now,
    });
    const after =
      decision.outcome === "pass"
        ? before
        : await updateAlertWorkflow(tx, alertId, {
            status: "under_review",
            assigneeId: pending.closedBy ?? before.assigneeId,
            dispositionBy: null,
            dispositionAt: null,
            dispositionReason: null,
            dispositionNotes: null,
          });
    await appendAudit(
      tx,
      auditOf(context, before, after, `alert.qa_${decision.outcome}`, { notes: decision.notes ?? null }),
    );
    return { review, alert: after };
  });
}

export const qaSampleRateSchema = z.strictObject({
  rate: z
    .string()
    .regex(/^(0(\.\d{1,4})?|1(\.0{1,4})?)$/, "expected a share between 0 and 1, at most 4 decimals"),
});

/** Sets the share of closures sampled for QA; audited with the previous rate. */
export async function setQaSampleRate(
  context: ChangeContext,
  input: z.input<typeof qaSampleRateSchema>,
): Promise<string> {
  const rate = new Decimal(parseOrRefuse(qaSampleRateSchema, input).rate);
  return withAudit(
    context.db,
    async (tx) => {
      const before = await loadQaSampleRate(tx);
      await storeQaSampleRate(tx, rate, context.actor.actorId);
      return before.toString();
    },
    (before) => ({
      actorType: context.actor.actorType,
      actorId: context.actor.actorId,
      action: "alert_qa_policy.update",
      entityType: "alert_qa_policy",
      entityId: "1",
      details: { before: { sampleRate: before }, after: { sampleRate: rate.toString() } },
      ip: context.actor.ip,
    }),
  ).then(() => rate.toString());
}
