/**
 * The review workflow of an alert (FINRA Rule 3110 supervision; issue 11): open -> reviewing ->
 * escalated, dismissed (closed with no action) or confirmed (closed and reported). Closing needs a
 * reason and notes; a step the alert's state does not allow is refused, naming both; every step and
 * its audit row commit together, and the audit rows are the alert's history.
 */
import { appendAudit } from "@nexus/db/queries/audit";
import type { RandomSource } from "@nexus/core/random";
import type { Database } from "@nexus/db/client";
import { lockAlertsMatching } from "@nexus/db/queries/alert-queue";
import type { AlertQueueFilter } from "@nexus/db/queries/alert-queue";
import { lockAlerts, updateAlertWorkflow } from "@nexus/db/queries/surveillance-alerts";
import type { AlertRow, AlertWorkflowChange } from "@nexus/db/queries/surveillance-alerts";
import { listReviewers } from "@nexus/db/queries/users";
import { z } from "zod";
import type { ChangeContext } from "../context";
import { auditOf } from "./alert-audit";
import { sampleClosuresForQa } from "./alert-qa";
import { SurveillanceError, parseOrRefuse } from "./errors";

export type AlertStatus = AlertRow["status"];

/** What a reviewer does, the states it starts from, and where it leads. */
export const ALERT_ACTIONS = {
  review: { from: ["open", "escalated"], to: "under_review", closes: false, done: "taken up for review" },
  escalate: { from: ["open", "under_review"], to: "escalated", closes: false, done: "escalated" },
  dismiss: {
    from: ["open", "under_review", "escalated"],
    to: "closed_no_action",
    closes: true,
    done: "dismissed",
  },
  confirm: { from: ["under_review", "escalated"], to: "closed_reported", closes: true, done: "confirmed" },
  reopen: {
    from: ["closed_no_action", "closed_reported"],
    to: "under_review",
    closes: false,
    done: "reopened",
  },
} as const satisfies Record<
  string,
  { from: readonly AlertStatus[]; to: AlertStatus; closes: boolean; done: string }
>;
export type AlertAction = keyof typeof ALERT_ACTIONS;

/** Why an alert is closed; notes carry the detail. */
export const DISPOSITION_REASONS = {
  false_positive: "False positive: the pattern is not there",
  legitimate_activity: "Legitimate activity (hedging, market making, client facilitation)",
  insufficient_evidence: "Insufficient evidence to proceed",
  duplicate: "Duplicate of another alert",
  violation_reported: "Violation confirmed and reported (STOR / regulatory referral)",
  violation_internal: "Violation confirmed, handled internally (training, warning, limits)",
} as const;
export type DispositionReason = keyof typeof DISPOSITION_REASONS;
const REASON_CODES = Object.keys(DISPOSITION_REASONS) as [DispositionReason, ...DispositionReason[]];

export const alertStepSchema = z.strictObject({
  action: z.enum(Object.keys(ALERT_ACTIONS) as [AlertAction, ...AlertAction[]]),
  reason: z.enum(REASON_CODES).optional(),
  notes: z.string().trim().max(10_000).optional(),
});
export type AlertStep = z.input<typeof alertStepSchema>;

const statusLabel: Record<AlertStatus, string> = {
  open: "open",
  under_review: "reviewing",
  escalated: "escalated",
  closed_no_action: "dismissed",
  closed_reported: "confirmed",
};

function parseStep(input: AlertStep): z.output<typeof alertStepSchema> {
  const step = parseOrRefuse(alertStepSchema, input);
  if (ALERT_ACTIONS[step.action].closes) {
    if (step.reason === undefined)
      throw new SurveillanceError("invalid", `reason: ${step.action} needs a disposition reason`, "reason");
    if (step.notes === undefined || step.notes === "")
      throw new SurveillanceError("invalid", `notes: ${step.action} needs notes`, "notes");
  }
  return step;
}

function changeOf(
  alert: AlertRow,
  step: z.output<typeof alertStepSchema>,
  context: ChangeContext,
): AlertWorkflowChange {
  const rule = ALERT_ACTIONS[step.action];
  if (!(rule.from as readonly AlertStatus[]).includes(alert.status))
    throw new SurveillanceError(
      "invalid_transition",
      `alert ${alert.id} is ${statusLabel[alert.status]}: it cannot be ${rule.done} (only when ${rule.from.map((status) => statusLabel[status]).join(" or ")})`,
      "action",
    );
  const change: AlertWorkflowChange = { status: rule.to };
  // Whoever takes an unassigned alert up owns it.
  if (alert.assigneeId === null && context.actor.actorType === "user")
    change.assigneeId = context.actor.actorId;
  if (rule.closes) {
    change.dispositionBy = context.actor.actorType === "user" ? context.actor.actorId : null;
    change.dispositionAt = context.now;
    change.dispositionReason = step.reason ?? null;
    change.dispositionNotes = step.notes ?? null;
  } else if (step.action === "reopen") {
    Object.assign(change, {
      dispositionBy: null,
      dispositionAt: null,
      dispositionReason: null,
      dispositionNotes: null,
    });
  }
  return change;
}

/** At most this many alerts change in one bulk step (a selection or every alert matching a filter). */
export const BULK_LIMIT = 5_000;

const ALL_STATUSES: readonly AlertStatus[] = Object.keys(statusLabel) as AlertStatus[];
const OPEN_STATUSES: readonly AlertStatus[] = ["open", "under_review", "escalated"];

async function applyStep(
  tx: Database,
  context: ChangeContext,
  alerts: readonly AlertRow[],
  step: z.output<typeof alertStepSchema>,
  random: RandomSource,
): Promise<AlertRow[]> {
  const changed: AlertRow[] = [];
  for (const before of alerts) {
    const after = await updateAlertWorkflow(tx, before.id, changeOf(before, step, context));
    // The transaction that changes the alert holds its audit row too (withAudit's rule, for many rows).
    await appendAudit(
      tx,
      auditOf(context, before, after, `alert.${step.action}`, {
        reason: step.reason ?? null,
        notes: step.notes ?? null,
      }),
    );
    changed.push(after);
  }
  if (ALERT_ACTIONS[step.action].closes) await sampleClosuresForQa(tx, context, changed, random);
  return changed;
}

/**
 * Applies one step to each alert, all or none: one refusal refuses the whole selection. A closing step
 * sends a sample of the closures to four-eyes QA, drawn from `random`.
 */
export async function stepAlerts(
  context: ChangeContext,
  alertIds: readonly string[],
  input: AlertStep,
  random: RandomSource,
): Promise<AlertRow[]> {
  const step = parseStep(input);
  const ids = [...new Set(alertIds)];
  if (ids.length === 0)
    throw new SurveillanceError("invalid", "alertIds: select at least one alert", "alertIds");
  return context.db.transaction(async (tx) => {
    const locked = new Map((await lockAlerts(tx, ids)).map((alert) => [alert.id, alert]));
    const missing = ids.find((id) => !locked.has(id));
    if (missing !== undefined)
      throw new SurveillanceError("unknown_alert", `no alert ${missing}`, "alertIds");
    return applyStep(
      tx,
      context,
      ids.map((id) => locked.get(id) as AlertRow),
      step,
      random,
    );
  });
}

/** The filter narrowed to the statuses `from` allows, or a refusal when none of its statuses is left. */
function narrowedTo(filter: AlertQueueFilter, from: readonly AlertStatus[], what: string): AlertQueueFilter {
  const chosen = filter.statuses?.length ? filter.statuses : ALL_STATUSES;
  const statuses = chosen.filter((status) => from.includes(status));
  if (statuses.length === 0)
    throw new SurveillanceError(
      "invalid",
      `filter.statuses: no ${chosen.map((status) => statusLabel[status]).join(" or ")} alert can be ${what}`,
      "filter.statuses",
    );
  return { ...filter, statuses };
}

/** Every alert matching the filter, locked; refused when more than BULK_LIMIT match. */
async function lockMatching(tx: Database, filter: AlertQueueFilter): Promise<AlertRow[]> {
  const alerts = await lockAlertsMatching(tx, filter, BULK_LIMIT + 1);
  if (alerts.length > BULK_LIMIT)
    throw new SurveillanceError(
      "invalid",
      `filter: more than ${BULK_LIMIT} alerts match; narrow the filter`,
      "filter",
    );
  return alerts;
}

/**
 * Applies one step to every alert matching the filter in a state the step starts from (dismissing
 * "all high-severity spoofing" leaves the closed ones alone), in one transaction with an audit row each.
 */
export async function stepAlertsMatching(
  context: ChangeContext,
  filter: AlertQueueFilter,
  input: AlertStep,
  random: RandomSource,
): Promise<AlertRow[]> {
  const step = parseStep(input);
  const rule = ALERT_ACTIONS[step.action];
  const narrowed = narrowedTo(filter, rule.from, rule.done);
  return context.db.transaction(async (tx) =>
    applyStep(tx, context, await lockMatching(tx, narrowed), step, random),
  );
}

async function applyAssignment(
  tx: Database,
  context: ChangeContext,
  alerts: readonly AlertRow[],
  assigneeId: string | null,
): Promise<AlertRow[]> {
  if (assigneeId !== null && (await listReviewers(tx, { id: assigneeId })).length === 0)
    throw new SurveillanceError(
      "invalid",
      `assigneeId: ${assigneeId} is not an enabled compliance officer or admin`,
      "assigneeId",
    );
  const changed: AlertRow[] = [];
  for (const before of alerts) {
    if (!OPEN_STATUSES.includes(before.status))
      throw new SurveillanceError(
        "invalid_transition",
        `alert ${before.id} is closed: reopen it to reassign`,
        "alertIds",
      );
    if (before.assigneeId === assigneeId) continue;
    const after = await updateAlertWorkflow(tx, before.id, { assigneeId });
    await appendAudit(tx, auditOf(context, before, after, "alert.assign", {}));
    changed.push(after);
  }
  return changed;
}

/** Assigns the alerts to a reviewer (or unassigns them with null); closed alerts keep their reviewer. */
export async function assignAlerts(
  context: ChangeContext,
  alertIds: readonly string[],
  assigneeId: string | null,
): Promise<AlertRow[]> {
  const ids = [...new Set(alertIds)];
  if (ids.length === 0)
    throw new SurveillanceError("invalid", "alertIds: select at least one alert", "alertIds");
  return context.db.transaction(async (tx) => {
    const locked = new Map((await lockAlerts(tx, ids)).map((alert) => [alert.id, alert]));
    const missing = ids.find((id) => !locked.has(id));
    if (missing !== undefined)
      throw new SurveillanceError("unknown_alert", `no alert ${missing}`, "alertIds");
    return applyAssignment(
      tx,
      context,
      ids.map((id) => locked.get(id) as AlertRow),
      assigneeId,
    );
  });
}

/** Assigns every open, reviewing or escalated alert matching the filter (closed ones keep their reviewer). */
export async function assignAlertsMatching(
  context: ChangeContext,
  filter: AlertQueueFilter,
  assigneeId: string | null,
): Promise<AlertRow[]> {
  const narrowed = narrowedTo(filter, OPEN_STATUSES, "assigned");
  return context.db.transaction(async (tx) =>
    applyAssignment(tx, context, await lockMatching(tx, narrowed), assigneeId),
  );
}
