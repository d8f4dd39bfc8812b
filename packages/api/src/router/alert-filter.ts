import { ALERT_TYPES, SEVERITIES } from "@nexus/core/events";
import type { AlertQueueFilter } from "@nexus/db/queries/alert-queue";
import { z } from "zod";

import { auditActor } from "../audit-actor";
import type { Principal } from "../auth/roles";

const STATUSES = ["open", "under_review", "escalated", "closed_no_action", "closed_reported"] as const;

/** What the compliance queue can be narrowed to, as the queue, its counts, bulk steps and export take it. */
export const alertFilterSchema = z.strictObject({
  statuses: z.array(z.enum(STATUSES)).max(STATUSES.length).optional(),
  severities: z.array(z.enum(SEVERITIES)).max(SEVERITIES.length).optional(),
  types: z.array(z.enum(ALERT_TYPES)).max(ALERT_TYPES.length).optional(),
  symbol: z
    .string()
    .regex(/^[A-Z0-9.-]{1,20}$/, "expected 1-20 characters of A-Z 0-9 . -")
    .optional(),
  userId: z.uuid().optional(),
  /** A user id, "me" or "unassigned". */
  assignee: z.union([z.uuid(), z.literal("me"), z.literal("unassigned")]).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  scanId: z.uuid().optional(),
});
export type AlertFilterInput = z.input<typeof alertFilterSchema>;

/** Queue order: newest first, oldest first (ageing), or by severity (triage; the oldest first within one). */
export const alertOrderSchema = z.enum(["newest", "oldest", "severity"]).default("newest");

/** The store's filter, "me" read as the caller (as its audit rows name it). */
export function filterOf(input: z.output<typeof alertFilterSchema>, principal: Principal): AlertQueueFilter {
  const { assignee, ...rest } = input;
  const callerId = auditActor(principal).actorId;
  return {
    ...rest,
    ...(assignee === undefined ? {} : { assignee: assignee === "me" ? callerId : assignee }),
  };
}
