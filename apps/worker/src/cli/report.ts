/**
 * `nexus report`: the best-execution reports (Rule 606(a)(1), 606(b)(1), 606(b)(3), Rule 605) from the
 * routing logs in the database, written to a file (or standard output, except a PDF).
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { parseQuarter, sixMonthsBefore } from "@nexus/core/reports";
import type { DbHandle } from "@nexus/db/client";
import {
  REPORT_FORMATS,
  customerReportDocument,
  heldOrderReportDocument,
  loadCustomerRoutingReport,
  loadExecutionQuality,
  loadHeldOrderReport,
  loadNotHeldReport,
  type ReportDocument,
  type ReportFormat,
} from "@nexus/services/reports";
import type { OutputStream } from "./progress.js";
import { UsageError } from "./usage-error.js";

export const REPORT_USAGE = `  nexus report 606a1 --quarter 2016Q2 [--format xml|html|csv|pdf] [--out FILE]
      The quarterly Rule 606(a)(1) held-order routing report (XML per the SEC's oh-20191231.xsd by default).
  nexus report 606b1 --customer C [--from D --to D] [--out FILE]
      Rule 606(b)(1): where customer C's (user id or e-mail) orders went, the six months before today
      unless a period is given (dates inclusive, UTC).
  nexus report 606b3 --customer C --from D --to D [--out FILE]
      Rule 606(b)(3): the handling of customer C's not-held orders over the period.
  nexus report 605 --from D --to D [--venue V] [--out FILE]
      Rule 605-style execution quality per venue, order type and size bucket, as CSV.
      Without --out a report goes to standard output (a PDF needs --out).`;

export type ReportCommandIo = {
  openDatabase: () => Promise<DbHandle>;
  stdout: OutputStream;
  now: () => Date;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayOf(option: string, value: string | undefined): Date {
  const day = value !== undefined && DAY.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
  // A calendar day that exists: "2016-04-31" parses (as May 1), so it must also read back the same.
  if (day === undefined || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) {
    throw new UsageError(`--${option}: expected a date YYYY-MM-DD`);
  }
  return day;
}

/** [from, to] inclusive days → [from, to + 1 day). */
function periodOf(from: string | undefined, to: string | undefined): { from: Date; to: Date } {
  const start = dayOf("from", from);
  const end = new Date(dayOf("to", to).getTime() + 86_400_000);
  if (end <= start) throw new UsageError("--to: must not be before --from");
  return { from: start, to: end };
}

function formatOf(value: string | undefined): ReportFormat {
  const format = REPORT_FORMATS.find((f) => f === (value ?? "xml"));
  if (format === undefined) throw new UsageError(`--format: expected one of ${REPORT_FORMATS.join(", ")}`);
  return format;
}

const num = (value: number | null, digits = 6) => (value === null ? "" : value.toFixed(digits));

/** Rule 605 rows as CSV with the OES specification's meaning per column (our own column names). */
function executionQualityCsv(rows: Awaited<ReturnType<typeof loadExecutionQuality>>): string {
  const header =
    "venue,order_type,size_bucket,orders,avg_order_shares,avg_order_notional,executed_shares,avg_midpoint,at_or_better_share,price_improved_share,avg_price_improvement,avg_effective_spread,avg_quoted_spread,effective_spread_pct,quoted_spread_pct,effective_over_quoted,avg_realized_spread_15s,avg_realized_spread_1m,avg_execution_ms";
  const lines = rows.map((r) =>
    [
      r.venueId,
      r.orderType,
      r.sizeBucket,
      r.orders,
      num(r.averageOrderShares),
      num(r.averageOrderNotional),
      r.executedShares,
      num(r.averageMidpoint),
      num(r.atOrBetterShare),
      num(r.priceImprovedShare),
      num(r.averagePriceImprovement),
      num(r.averageEffectiveSpread),
      num(r.averageQuotedSpread),
      num(r.effectiveSpreadPct),
      num(r.quotedSpreadPct),
      num(r.effectiveOverQuoted),
      num(r.averageRealizedSpread15s),
      num(r.averageRealizedSpread1m),
      num(r.averageExecutionMs),
    ].join(","),
  );
  return `${[header, ...lines].join("\r\n")}\r\n`;
}

async function deliver(
  document: ReportDocument,
  out: string | undefined,
  io: ReportCommandIo,
): Promise<string> {
  if (out === undefined) {
    if (typeof document.body !== "string") throw new UsageError("--out: a PDF must be written to a file");
    io.stdout.write(document.body);
    return "";
  }
  await writeFile(out, document.body);
  return `wrote ${out} (${document.fileName}, ${Buffer.byteLength(document.body)} bytes)\n`;
}

type Plan = (db: DbHandle["db"]) => Promise<ReportDocument>;

function quarterOption(value: string | undefined) {
  try {
    return parseQuarter(value ?? "");
  } catch (error) {
    throw new UsageError(`--${(error as Error).message}`);
  }
}

/** What to produce, from the command line alone: every mistake is found before the database opens. */
function planOf(kind: string | undefined, values: Record<string, string | undefined>, now: Date): Plan {
  switch (kind) {
    case "606a1": {
      const quarter = quarterOption(values.quarter);
      const format = formatOf(values.format);
      return async (db) => heldOrderReportDocument(await loadHeldOrderReport(db, quarter, { now }), format);
    }
    case "606b1":
    case "606b3": {
      const customer = values.customer;
      if (customer === undefined) throw new UsageError("--customer: expected a user id or e-mail");
      const period =
        kind === "606b1" && values.from === undefined && values.to === undefined
          ? { from: sixMonthsBefore(now), to: now }
          : periodOf(values.from, values.to);
      const request = { customer, ...period };
      return async (db) =>
        kind === "606b1"
          ? customerReportDocument(kind, await loadCustomerRoutingReport(db, request, { now }))
          : customerReportDocument(kind, await loadNotHeldReport(db, request, { now }));
    }
    case "605": {
      const period = periodOf(values.from, values.to);
      return async (db) => ({
        body: executionQualityCsv(await loadExecutionQuality(db, period, values.venue)),
        contentType: "text/csv; charset=utf-8",
        fileName: `rule-605-${values.from}-${values.to}.csv`,
      });
    }
    default:
      throw new UsageError(`report: unknown kind ${JSON.stringify(kind ?? "")} (606a1, 606b1, 606b3 or 605)`);
  }
}

export async function runReportCommand(args: string[], io: ReportCommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      quarter: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
      customer: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      venue: { type: "string" },
    },
  });
  const [kind, ...extra] = positionals;
  if (extra.length > 0) throw new UsageError("report takes one kind: 606a1, 606b1, 606b3 or 605");
  const plan = planOf(kind, values, io.now());
  const database = await io.openDatabase();
  try {
    const summary = await deliver(await plan(database.db), values.out, io);
    if (summary !== "") io.stdout.write(summary);
    return 0;
  } finally {
    await database.close();
  }
}
