import type { NewAuditEntry } from "@nexus/db/queries/audit";
import type { AlertRow } from "@nexus/db/queries/surveillance-alerts";
import type { ChangeContext } from "../context";

/** The audit row of one step on an alert: who, the states and assignees before and after, and why. */
export const auditOf = (
  context: ChangeContext,
  before: AlertRow,
  after: AlertRow,
  action: string,
  details: object,
): NewAuditEntry => ({
  actorType: context.actor.actorType,
  actorId: context.actor.actorId,
  action,
  entityType: "surveillance_alert",
  entityId: after.id,
  details: {
    from: before.status,
    to: after.status,
    assigneeBefore: before.assigneeId,
    assigneeAfter: after.assigneeId,
    ...details,
  },
  ip: context.actor.ip,
});
