import type { TRPCRouterRecord } from "@trpc/server";
import { TRPCError } from "@trpc/server";
import {
  heldOrderReportBody,
  parseQuarter,
  previousQuarter,
  quarterBounds,
  quarterOf,
  type Quarter,
} from "@nexus/core/reports";
import { ReportNameError } from "@nexus/core/reports";
import {
  REPORT_FORMATS,
  ReportError,
  customerReportDocument,
  heldOrderReportDocument,
  loadCustomerRoutingReport,
  loadExecutionQuality,
  loadHeldOrderReport,
  loadNotHeldReport,
  loadReportVenues,
  materialAspectsInputSchema,
  setMaterialAspects,
  type ReportDocument,
  type ReportProblem,
} from "@nexus/services/reports";
import { toWire } from "@nexus/services/routing";
import { firstRoutedAt } from "@nexus/db/queries/best-execution";
import { z } from "zod";

import { serviceScope } from "../auth/scopes";
import { runUseCase } from "../run-use-case";
import { roleProcedure } from "../trpc";

/**
 * The best-execution reports (issue 13): ops publish the quarterly Rule 606(a)(1) report, answer
 * customers' 606(b) requests and read each venue's Rule 605 figures (admin passes every check); another
 * service reads them with a `reports:read` key. Editing the material-aspects text is for ops only.
 */
const readProcedure = roleProcedure("ops", serviceScope("reports:read"));
const opsProcedure = roleProcedure("ops");

const REFUSALS: Record<ReportProblem, "BAD_REQUEST" | "NOT_FOUND"> = {
  invalid: "BAD_REQUEST",
  unknown_customer: "NOT_FOUND",
  unknown_venue: "NOT_FOUND",
};

/** A report's own refusals (unknown customer, a name the schema cannot hold) as the caller's errors. */
async function refusing<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ReportError)
      throw new TRPCError({ code: REFUSALS[error.problem], message: error.message, cause: error });
    if (error instanceof ReportNameError)
      throw new TRPCError({ code: "UNPROCESSABLE_CONTENT", message: error.message, cause: error });
    throw error;
  }
}

const quarterInput = z
  .string({ error: "quarter: expected YYYYQn, e.g. 2016Q2" })
  .regex(/^\d{4}Q[1-4]$/, { error: "quarter: expected YYYYQn, e.g. 2016Q2" })
  .refine((text) => Number(text.slice(0, 4)) >= 2000 && Number(text.slice(0, 4)) <= 2099, {
    error: "quarter: the SEC schema takes years 2000-2099",
  })
  .transform((text): Quarter => parseQuarter(text));
const dayInput = (field: string) =>
  z.iso
    .date({ error: `${field}: expected a date YYYY-MM-DD` })
    .transform((day) => new Date(`${day}T00:00:00Z`));
const DAY_MS = 86_400_000;

const documentOutput = z.object({
  fileName: z.string(),
  contentType: z.string(),
  /** utf8 for XML, HTML and CSV; base64 for a PDF. */
  encoding: z.enum(["utf8", "base64"]),
  body: z.string(),
});
const asOutput = (document: ReportDocument): z.infer<typeof documentOutput> =>
  typeof document.body === "string"
    ? { ...document, encoding: "utf8", body: document.body }
    : { ...document, encoding: "base64", body: Buffer.from(document.body).toString("base64") };

const pct = z.string().nullable().describe("percentage, two decimals; null when not meaningful");
const byType = <T extends z.ZodType>(value: T) =>
  z.object({ market: value, marketable_limit: value, non_marketable_limit: value, other: value });
const reportOutput = z.object({
  quarter: z.string(),
  /** The quarters with routed orders to pick from are the current one and the ones before. */
  previousQuarter: z.string(),
  generatedAt: z.date(),
  /** The report laid out like the SEC's renderer, each venue linked to its 605 figures. */
  html: z.string(),
  months: z.array(
    z.object({
      year: z.number(),
      month: z.number(),
      sections: z.array(
        z.object({
          section: z.enum(["sp500", "other_stocks", "options"]),
          orders: z.number(),
          nonDirectedOrders: z.number(),
          nonDirectedPct: pct,
          typePct: byType(pct),
          venues: z.array(
            z.object({
              name: z.string(),
              mic: z.string().nullable(),
              venueIds: z.array(z.string()),
              orders: z.number(),
              orderPct: pct,
              typePct: byType(pct),
              netPayment: byType(z.object({ usd: z.string(), centsPerHundredShares: z.string().nullable() })),
              materialAspects: z.string(),
            }),
          ),
        }),
      ),
    }),
  ),
});

const label = (q: Quarter) => `${q.year}Q${q.quarter}`;

const openapi = (method: "GET" | "POST", path: string, summary: string) => ({
  openapi: { method, path: `/reports/${path}` as const, protect: true, tags: ["reports"], summary },
});

export const reportsRouter = {
  /** The quarter in progress (its report so far) and the last complete one (the one to publish). */
  defaultQuarter: readProcedure
    .meta(
      openapi("GET", "default-quarter", "The current, last complete and earliest quarter with routed orders"),
    )
    .input(z.object({}).optional())
    .output(z.object({ current: z.string(), lastComplete: z.string(), earliest: z.string() }))
    .query(async ({ ctx }) => {
      const current = quarterOf(ctx.clock());
      const first = await firstRoutedAt(ctx.db);
      return {
        current: label(current),
        lastComplete: label(previousQuarter(current)),
        /** The quarter of the first routed order: reports before it would be empty. */
        earliest: label(first === undefined ? current : quarterOf(first)),
      };
    }),

  heldOrderReport: readProcedure
    .meta(openapi("GET", "606a1", "Rule 606(a)(1) quarterly report of held order routing"))
    .input(z.object({ quarter: quarterInput }))
    .output(reportOutput)
    .query(async ({ ctx, input }) => {
      const report = await loadHeldOrderReport(ctx.db, input.quarter, { now: ctx.clock() });
      const { from, to } = quarterBounds(input.quarter);
      const html = heldOrderReportBody(report, {
        venueHref: (venue) =>
          `/reports/605?quarter=${label(input.quarter)}&venue=${encodeURIComponent(venue.venueIds.join(","))}&from=${from.toISOString().slice(0, 10)}&to=${to.toISOString().slice(0, 10)}`,
      });
      return {
        ...toWire(report),
        quarter: label(report.quarter),
        previousQuarter: label(previousQuarter(report.quarter)),
        html,
      };
    }),

  heldOrderDocument: readProcedure
    .meta(openapi("GET", "606a1/document", "Rule 606(a)(1) report as XML (SEC schema), HTML, CSV or PDF"))
    .input(
      z.object({
        quarter: quarterInput,
        format: z.enum(REPORT_FORMATS, { error: "format: expected xml, html, csv or pdf" }),
      }),
    )
    .output(documentOutput)
    .query(({ ctx, input }) =>
      refusing(async () =>
        asOutput(
          await heldOrderReportDocument(
            await loadHeldOrderReport(ctx.db, input.quarter, { now: ctx.clock() }),
            input.format,
          ),
        ),
      ),
    ),

  customerReport: readProcedure
    .meta(openapi("GET", "606b", "Rule 606(b)(1) or (b)(3) report for one customer, as XML (SEC schema)"))
    .input(
      z
        .object({
          kind: z.enum(["606b1", "606b3"], { error: "kind: expected 606b1 or 606b3" }),
          customer: z
            .string({ error: "customer: expected a user id or e-mail" })
            .trim()
            .min(1, { error: "customer: expected a user id or e-mail" }),
          from: dayInput("from"),
          to: dayInput("to"),
        })
        .refine((input) => input.to >= input.from, { error: "to: must not be before from", path: ["to"] }),
    )
    .output(documentOutput)
    .query(({ ctx, input }) =>
      refusing(async () => {
        // Dates are inclusive: the report runs to the end of the `to` day.
        const request = {
          customer: input.customer,
          from: input.from,
          to: new Date(input.to.getTime() + DAY_MS),
        };
        const clock = { now: ctx.clock() };
        const report =
          input.kind === "606b1"
            ? await loadCustomerRoutingReport(ctx.db, request, clock)
            : await loadNotHeldReport(ctx.db, request, clock);
        return asOutput(customerReportDocument(input.kind, report));
      }),
    ),

  executionQuality: readProcedure
    .meta(openapi("GET", "605", "Rule 605-style execution quality per venue, order type and size bucket"))
    .input(z.object({ quarter: quarterInput, venueIds: z.array(z.string().min(1)).max(20).optional() }))
    .output(
      z.array(
        z.object({
          venueId: z.string(),
          orderType: z.string(),
          sizeBucket: z.number(),
          orders: z.number(),
          averageOrderShares: z.number(),
          averageOrderNotional: z.number(),
          executedShares: z.number(),
          averageMidpoint: z.number(),
          atOrBetterShare: z.number(),
          priceImprovedShare: z.number(),
          averagePriceImprovement: z.number().nullable(),
          averageEffectiveSpread: z.number(),
          averageQuotedSpread: z.number(),
          effectiveSpreadPct: z.number(),
          quotedSpreadPct: z.number(),
          effectiveOverQuoted: z.number().nullable(),
          averageRealizedSpread15s: z.number().nullable(),
          averageRealizedSpread1m: z.number().nullable(),
          averageExecutionMs: z.number(),
        }),
      ),
    )
    .query(async ({ ctx, input }) => {
      const period = quarterBounds(input.quarter);
      const venues = input.venueIds ?? [undefined];
      const rows = await Promise.all(venues.map((venueId) => loadExecutionQuality(ctx.db, period, venueId)));
      return rows.flat();
    }),

  venues: readProcedure
    .meta(openapi("GET", "venues", "Venues with their material-aspects text (Rule 606(a)(1)(iv))"))
    .input(z.object({}).optional())
    .output(
      z.array(
        z.object({
          venueId: z.string(),
          name: z.string(),
          mic: z.string().nullable(),
          venueType: z.string(),
          paymentForOrderFlowPerShare: z.string(),
          materialAspects: z.string(),
          edited: z.boolean(),
        }),
      ),
    )
    .query(async ({ ctx }) => (await loadReportVenues(ctx.db)).map((venue) => toWire(venue))),

  setMaterialAspects: opsProcedure
    .input(materialAspectsInputSchema)
    .output(z.object({ venueId: z.string(), text: z.string(), updatedAt: z.date(), updatedBy: z.string() }))
    .mutation(({ ctx, input }) =>
      runUseCase(ctx, (context) => setMaterialAspects(context, input), ReportError, REFUSALS),
    ),
} satisfies TRPCRouterRecord;
