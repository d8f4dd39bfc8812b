import type { TRPCRouterRecord } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import { alertCountsByStatus, alertQueuePage } from "@nexus/db/queries/alert-queue";
import { listAuditOf } from "@nexus/db/queries/audit";
import { episodeTimeline } from "@nexus/db/queries/episode-timeline";
import { findAlert } from "@nexus/db/queries/surveillance-alerts";
import { listReviewers } from "@nexus/db/queries/users";
import {
  DISPOSITION_REASONS,
  SurveillanceError,
  alertStepSchema,
  assignAlerts,
  stepAlerts,
} from "@nexus/services/surveillance";
import { z } from "zod";

import { auditActor } from "../audit-actor";
import { runUseCase } from "../run-use-case";
import { alertFilterSchema, alertOrderSchema, filterOf } from "./alert-filter";
import { alertReviewProcedures } from "./alert-review";
import { SURVEILLANCE_REFUSAL_CODES } from "./surveillance";
import { roleProcedure } from "../trpc";

/**
 * The compliance workspace's alerts (issue 11): the queue, one alert with its history, and the review
 * workflow. Compliance (and admin); traders and ops get 403.
 */
const complianceProcedure = roleProcedure("compliance");
/** Steps of an episode charted at most: a quote-stuffing burst sends thousands of messages. */
const EPISODE_STEPS = 2_000;

/** Queue input the store refuses (a cursor of another queue) is the caller's to fix: 400. */
async function refusingBadCursor<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof RangeError)
      throw new TRPCError({ code: "BAD_REQUEST", message: error.message, cause: error });
    throw error;
  }
}

const selection = z.object({ alertIds: z.array(z.uuid()).min(1, "select at least one alert").max(5_000) });

export const alertsRouter = {
  queue: complianceProcedure
    .input(
      z.object({
        filter: alertFilterSchema.default({}),
        order: alertOrderSchema,
        limit: z.number().int().min(1).max(500).default(50),
        /** The previous page's nextCursor (named `cursor` for infinite queries). */
        cursor: z.string().max(200).nullish(),
      }),
    )
    .query(({ ctx, input }) =>
      refusingBadCursor(() =>
        alertQueuePage(ctx.db, {
          filter: filterOf(input.filter, ctx.principal),
          order: input.order,
          limit: input.limit,
          ...(input.cursor == null ? {} : { after: input.cursor }),
        }),
      ),
    ),

  /** Whom alerts can be assigned to: the enabled compliance officers and admins. */
  reviewers: complianceProcedure.input(z.void()).query(({ ctx }) => listReviewers(ctx.db)),

  counts: complianceProcedure
    .input(z.object({ filter: alertFilterSchema.default({}) }))
    .query(({ ctx, input }) => alertCountsByStatus(ctx.db, filterOf(input.filter, ctx.principal))),

  /** One alert with its review history (audit rows, oldest first) and the user's other recent alerts. */
  get: complianceProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const alert = await findAlert(ctx.db, input.id);
    if (alert === undefined) throw new TRPCError({ code: "NOT_FOUND", message: `no alert ${input.id}` });
    const { firstEventAt, lastEventAt } = alert;
    // Evidence without a timeline (quote stuffing keeps counts): the episode's stored steps are charted.
    const charted = ((alert.evidence as { timeline?: unknown[] }).timeline ?? []).length > 0;
    const [history, related, episode] = await Promise.all([
      listAuditOf(ctx.db, { entityType: "surveillance_alert", entityId: alert.id }),
      alertQueuePage(ctx.db, {
        filter: { userId: alert.userId, scanId: alert.scanId ?? undefined },
        order: "newest",
        limit: 21,
      }),
      charted || firstEventAt === null || lastEventAt === null
        ? []
        : episodeTimeline(ctx.db, {
            userId: alert.userId,
            symbol: alert.symbol,
            from: firstEventAt.toISOString(),
            // The row's time is read to the millisecond; the event's microseconds are within the next one.
            to: new Date(lastEventAt.getTime() + 1).toISOString(),
            limit: EPISODE_STEPS,
          }),
    ]);
    return {
      alert: { ...alert, confidenceScore: alert.confidenceScore.toString() },
      history,
      related: related.rows.filter((row) => row.id !== alert.id).slice(0, 20),
      episodeTimeline: episode,
    };
  }),

  reasons: complianceProcedure
    .input(z.void())
    .query(() => Object.entries(DISPOSITION_REASONS).map(([code, label]) => ({ code, label }))),

  /** One workflow step on the selected alerts (all or none). */
  step: complianceProcedure.input(selection.extend(alertStepSchema.shape)).mutation(({ ctx, input }) => {
    const { alertIds, ...step } = input;
    return runUseCase(
      ctx,
      (context) => stepAlerts(context, alertIds, step, ctx.random),
      SurveillanceError,
      SURVEILLANCE_REFUSAL_CODES,
    );
  }),

  /** Assigns the selected alerts to a reviewer ("me" is the caller), or unassigns them (null). */
  assign: complianceProcedure
    .input(selection.extend({ assigneeId: z.union([z.uuid(), z.literal("me")]).nullable() }))
    .mutation(({ ctx, input }) =>
      runUseCase(
        ctx,
        (context) =>
          assignAlerts(
            context,
            input.alertIds,
            input.assigneeId === "me" ? auditActor(ctx.principal).actorId : input.assigneeId,
          ),
        SurveillanceError,
        SURVEILLANCE_REFUSAL_CODES,
      ),
    ),

  ...alertReviewProcedures,
} satisfies TRPCRouterRecord;
