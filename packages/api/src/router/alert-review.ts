import { TRPCError } from "@trpc/server";
import { loadQaSampleRate, pendingQaReviews } from "@nexus/db/queries/alert-qa";
import { deleteSavedView, listSavedViews, saveView } from "@nexus/db/queries/alert-saved-views";
import {
  SurveillanceError,
  alertQueueCsv,
  alertStepSchema,
  assignAlertsMatching,
  decideQa,
  qaDecisionSchema,
  qaSampleRateSchema,
  renderStorPdf,
  setQaSampleRate,
  stepAlertsMatching,
  storDraftOf,
} from "@nexus/services/surveillance";
import { z } from "zod";

import { auditActor } from "../audit-actor";
import { runUseCase } from "../run-use-case";
import { roleProcedure } from "../trpc";
import { alertFilterSchema, alertOrderSchema, filterOf } from "./alert-filter";
import { SURVEILLANCE_REFUSAL_CODES } from "./surveillance";

const complianceProcedure = roleProcedure("compliance");

/** A refusal of the use case as the TRPCError its problem names (a lookup outside runUseCase). */
async function refusing<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof SurveillanceError)
      throw new TRPCError({
        code: SURVEILLANCE_REFUSAL_CODES[error.problem],
        message: error.message,
        cause: error,
      });
    throw error;
  }
}

const viewName = z.string().trim().min(1, "name the view").max(80);
/** The queue's address query, as the queue page writes it (`status=open&severity=high`). */
const viewQuery = z
  .string()
  .max(2_000)
  .regex(/^[A-Za-z0-9_.,:=&%+-]*$/, "expected the queue's address query (key=value&...)");

/**
 * The compliance workspace beyond one alert (issue 11): steps and assignment over every alert matching
 * a filter, the filtered queue as CSV, saved views, four-eyes QA and STOR drafts. Compliance (and
 * admin) only; traders and ops get 403.
 */
export const alertReviewProcedures = {
  /** One workflow step on every alert matching the filter that the step can start from (all or none). */
  stepMatching: complianceProcedure
    .input(z.object({ filter: alertFilterSchema }).extend(alertStepSchema.shape))
    .mutation(({ ctx, input }) => {
      const { filter, ...step } = input;
      return runUseCase(
        ctx,
        async (context) =>
          (await stepAlertsMatching(context, filterOf(filter, ctx.principal), step, ctx.random)).map(
            (alert) => alert.id,
          ),
        SurveillanceError,
        SURVEILLANCE_REFUSAL_CODES,
      );
    }),

  /** Assigns every open alert matching the filter ("me" is the caller; null unassigns). */
  assignMatching: complianceProcedure
    .input(
      z.object({
        filter: alertFilterSchema,
        assigneeId: z.union([z.uuid(), z.literal("me")]).nullable(),
      }),
    )
    .mutation(({ ctx, input }) =>
      runUseCase(
        ctx,
        async (context) =>
          (
            await assignAlertsMatching(
              context,
              filterOf(input.filter, ctx.principal),
              input.assigneeId === "me" ? auditActor(ctx.principal).actorId : input.assigneeId,
            )
          ).map((alert) => alert.id),
        SurveillanceError,
        SURVEILLANCE_REFUSAL_CODES,
      ),
    ),

  /** The filtered queue as CSV, streamed a page at a time (GET /api/alerts/export serves it). */
  exportCsv: complianceProcedure
    .input(
      z.object({
        filter: alertFilterSchema.default({}),
        order: alertOrderSchema,
      }),
    )
    .query(({ ctx, input }) => alertQueueCsv(ctx.db, filterOf(input.filter, ctx.principal), input.order)),

  savedViews: complianceProcedure
    .input(z.void())
    .query(({ ctx }) => listSavedViews(ctx.db, auditActor(ctx.principal).actorId)),

  /** Saves the caller's view under its name (the same name again replaces it). */
  saveView: complianceProcedure
    .input(z.object({ name: viewName, query: viewQuery }))
    .mutation(({ ctx, input }) => saveView(ctx.db, { ownerId: auditActor(ctx.principal).actorId, ...input })),

  deleteView: complianceProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    if (!(await deleteSavedView(ctx.db, auditActor(ctx.principal).actorId, input.id)))
      throw new TRPCError({ code: "NOT_FOUND", message: `you have no saved view ${input.id}` });
    return { id: input.id };
  }),

  /** Closures sampled for four-eyes QA, the longest waiting first; the caller's own are marked. */
  qaQueue: complianceProcedure
    .input(z.object({ limit: z.number().int().min(1).max(500).default(100) }))
    .query(async ({ ctx, input }) => {
      const me = auditActor(ctx.principal).actorId;
      return (await pendingQaReviews(ctx.db, input.limit)).map((row) => ({
        ...row,
        closedByCaller: row.closedBy === me,
      }));
    }),

  /** A second reviewer passes a sampled closure or returns the alert for review (with notes). */
  qaDecide: complianceProcedure
    .input(z.object({ alertId: z.uuid() }).extend(qaDecisionSchema.shape))
    .mutation(({ ctx, input }) => {
      const { alertId, ...decision } = input;
      return runUseCase(
        ctx,
        async (context) => {
          const { review, alert } = await decideQa(context, alertId, decision);
          return { outcome: review.outcome, status: alert.status };
        },
        SurveillanceError,
        SURVEILLANCE_REFUSAL_CODES,
      );
    }),

  qaPolicy: complianceProcedure
    .input(z.void())
    .query(async ({ ctx }) => ({ sampleRate: (await loadQaSampleRate(ctx.db)).toString() })),

  setQaPolicy: complianceProcedure
    .input(z.object(qaSampleRateSchema.shape))
    .mutation(({ ctx, input }) =>
      runUseCase(
        ctx,
        async (context) => ({ sampleRate: await setQaSampleRate(context, input) }),
        SurveillanceError,
        SURVEILLANCE_REFUSAL_CODES,
      ),
    ),

  /** The STOR draft of a confirmed violation (Delegated Regulation (EU) 2016/957 Annex fields), as JSON. */
  stor: complianceProcedure
    .input(z.object({ id: z.uuid() }))
    .query(({ ctx, input }) =>
      refusing(() => storDraftOf(ctx.db, input.id, ctx.principal.user, ctx.clock())),
    ),

  /** The same draft as a PDF, base64 (GET /api/alerts/{id}/stor.pdf serves it as a file). */
  storPdf: complianceProcedure.input(z.object({ id: z.uuid() })).query(({ ctx, input }) =>
    refusing(async () => {
      const draft = await storDraftOf(ctx.db, input.id, ctx.principal.user, ctx.clock());
      return {
        fileName: `stor-draft-${draft.alertId}.pdf`,
        base64: Buffer.from(await renderStorPdf(draft)).toString("base64"),
      };
    }),
  ),
};
