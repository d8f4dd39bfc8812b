import type { TRPCRouterRecord } from "@trpc/server";
import { readAlertAnalytics } from "@nexus/db/queries/alert-analytics";
import {
  SurveillanceError,
  bookReplayRequestSchema,
  calibrateThresholds,
  calibrationRequestSchema,
  loadTradingProfile,
  replayOrderBook,
} from "@nexus/services/surveillance";
import type { ProfileSubject } from "@nexus/services/surveillance";
import { z } from "zod";

import { roleProcedure } from "../trpc";
import type { Context } from "../trpc";
import { runUseCase } from "../run-use-case";
import { SURVEILLANCE_REFUSAL_CODES } from "./surveillance";

/**
 * The compliance workspace's investigation tools (issue 11): the order-book replay, the calibration
 * sandbox, user and symbol profiles, and the alert analytics. Compliance only (admin passes every
 * check); traders and ops get 403. Nothing here writes: applying calibrated thresholds is
 * `surveillance.updateDetector`, audited there.
 */
const complianceProcedure = roleProcedure("compliance");

const profileOf = (ctx: Pick<Context, "db" | "profileCache" | "clock">, subject: ProfileSubject) =>
  loadTradingProfile(
    { db: ctx.db, now: ctx.clock, ...(ctx.profileCache ? { cache: ctx.profileCache } : {}) },
    subject,
  );

export const complianceRouter = {
  /** A symbol's book at a moment (events up to and including it), and where one event back and forward go. */
  bookReplay: complianceProcedure
    .input(bookReplayRequestSchema)
    .query(({ ctx, input }) => replayOrderBook(ctx.db, input)),

  /**
   * Replays a period with candidate thresholds beside the live ones (no effect on anything live), per
   * model: alert counts, and how many confirmed and dismissed alerts each would raise again.
   */
  calibrate: complianceProcedure
    .input(calibrationRequestSchema)
    .mutation(({ ctx, input }) =>
      runUseCase(
        ctx,
        () => ctx.calibration?.run(input) ?? calibrateThresholds(ctx.db, input),
        SurveillanceError,
        SURVEILLANCE_REFUSAL_CODES,
      ),
    ),

  userProfile: complianceProcedure
    .input(z.object({ userId: z.uuid() }))
    .query(({ ctx, input }) => profileOf(ctx, { kind: "user", userId: input.userId })),

  symbolProfile: complianceProcedure
    .input(
      z.object({ symbol: z.string().regex(/^[A-Z0-9.-]{1,20}$/, "expected 1-20 characters of A-Z 0-9 . -") }),
    )
    .query(({ ctx, input }) => profileOf(ctx, { kind: "symbol", symbol: input.symbol })),

  /** Alerts per model over time, dismissal rate and time to close per model, open alerts by age. */
  analytics: complianceProcedure
    .input(z.object({ days: z.number().int().min(1).max(365).default(30) }))
    .query(({ ctx, input }) => {
      const now = ctx.clock();
      return readAlertAnalytics(ctx.db, {
        from: new Date(now.getTime() - input.days * 86_400_000),
        to: now,
        bucket: input.days <= 2 ? "hour" : "day",
        now,
      });
    }),
} satisfies TRPCRouterRecord;
