import type { TRPCRouterRecord } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { THRESHOLD_DEFAULTS } from "@nexus/core/surveillance";
import { loadReferenceData } from "@nexus/db/queries/reference-data";
import { findScan, listScans } from "@nexus/db/queries/surveillance-scans";
import { listActiveHalts, listRecentHalts } from "@nexus/db/queries/trading-halts";
import type { ChangeContext } from "@nexus/services/context";
import {
  SurveillanceError,
  detectorSettingsChangeSchema,
  importReferenceData,
  liftHalt,
  loadDetectorSettings,
  scanRequestSchema,
  startScan,
  updateDetectorSettings,
} from "@nexus/services/surveillance";
import type { SurveillanceProblem } from "@nexus/services/surveillance";
import { z } from "zod";

import type { Principal } from "../auth/roles";
import { serviceScope } from "../auth/scopes";
import type { Context } from "../trpc";
import { roleProcedure } from "../trpc";
import { runUseCase } from "../run-use-case";

/**
 * Surveillance's configuration and controls (issue 10): halts, detector settings, reference data and
 * historical scans. Compliance reviews and acts (admin passes every check for people); reference data
 * is edited by admins; another service may read the halts in force with the `surveillance:halts`
 * scope (REST). Traders and ops get 403.
 */
const complianceProcedure = roleProcedure("compliance");
const haltsReadProcedure = roleProcedure("compliance", serviceScope("surveillance:halts"));
const adminProcedure = roleProcedure("admin");

/** How each refusal of the surveillance use cases reaches the caller. */
export const SURVEILLANCE_REFUSAL_CODES: Record<SurveillanceProblem, TRPC_ERROR_CODE_KEY> = {
  invalid: "BAD_REQUEST",
  unknown_halt: "NOT_FOUND",
  halt_not_active: "CONFLICT",
  unknown_alert: "NOT_FOUND",
  invalid_transition: "CONFLICT",
  four_eyes: "FORBIDDEN",
};

/** Runs a use case as the caller; its refusals become TRPCErrors carrying their message. */
const asCaller = <T>(
  ctx: Pick<Context, "db" | "ip" | "clock"> & { principal: Principal },
  useCase: (context: ChangeContext) => Promise<T>,
): Promise<T> => runUseCase(ctx, useCase, SurveillanceError, SURVEILLANCE_REFUSAL_CODES);

const haltOutput = z.object({
  id: z.uuid(),
  scope: z.enum(["user", "symbol", "user_symbol"]),
  userId: z.string().nullable(),
  symbol: z.string().nullable(),
  status: z.enum(["active", "lifted"]),
  reason: z.string(),
  alertId: z.string().nullable(),
  haltedBy: z.string().nullable(),
  haltedAt: z.date(),
  liftedBy: z.string().nullable(),
  liftedAt: z.date().nullable(),
  liftReason: z.string().nullable(),
});

const openapi = (method: "GET" | "POST", path: string, summary: string) => ({
  openapi: { method, path: `/surveillance/${path}` as const, protect: true, tags: ["surveillance"], summary },
});

export const surveillanceRouter = {
  /** Halts in force (newest first), or also those lifted in the last `days`. */
  halts: haltsReadProcedure
    .meta(openapi("GET", "halts", "Trading halts in force (and recently lifted ones)"))
    .input(z.object({ includeLiftedDays: z.coerce.number().int().min(0).max(365).default(0) }))
    .output(z.array(haltOutput))
    .query(({ ctx, input }) =>
      input.includeLiftedDays === 0
        ? listActiveHalts(ctx.db)
        : listRecentHalts(ctx.db, new Date(ctx.clock().getTime() - input.includeLiftedDays * 86_400_000)),
    ),

  /** Lifts a halt with the reason (audited; the worker announces it on risk.halts and to the Risk service). */
  liftHalt: complianceProcedure
    .input(
      z.object({ haltId: z.uuid(), reason: z.string().trim().min(1, "a lift needs a reason").max(2000) }),
    )
    .mutation(({ ctx, input }) => asCaller(ctx, (context) => liftHalt(context, input))),

  /** Each detector's settings, with every threshold's default and meaning. */
  detectors: complianceProcedure.input(z.void()).query(async ({ ctx }) =>
    (await loadDetectorSettings(ctx.db)).map((settings) => ({
      ...settings,
      defaults: THRESHOLD_DEFAULTS[settings.type] as Record<string, { value: number; description?: string }>,
    })),
  ),

  /** Changes one detector's settings (audited with old and new values; live in every worker within 2 s). */
  updateDetector: complianceProcedure
    .input(detectorSettingsChangeSchema)
    .mutation(({ ctx, input }) => asCaller(ctx, (context) => updateDetectorSettings(context, input))),

  /** The reference data surveillance runs with. */
  reference: complianceProcedure.input(z.void()).query(({ ctx }) => loadReferenceData(ctx.db)),

  /** Replaces the reference data with the file's (admin; audited; the file format of `nexus reference import`). */
  importReference: adminProcedure
    .input(z.object({ file: z.unknown() }))
    .mutation(({ ctx, input }) => asCaller(ctx, (context) => importReferenceData(context, input.file))),

  /** Starts a historical scan; the worker group runs it (see `scan`). */
  startScan: complianceProcedure
    .input(scanRequestSchema)
    .mutation(({ ctx, input }) => asCaller(ctx, (context) => startScan(context, input, "workers"))),

  scans: complianceProcedure
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => listScans(ctx.db, input.limit)),

  scan: complianceProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const scan = await findScan(ctx.db, input.id);
    if (scan === undefined) throw new TRPCError({ code: "NOT_FOUND", message: `no scan ${input.id}` });
    return scan;
  }),
} satisfies TRPCRouterRecord;
