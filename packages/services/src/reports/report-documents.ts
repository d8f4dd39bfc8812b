import {
  customerRoutingReportXml,
  heldOrderReportCsv,
  heldOrderReportHtml,
  heldOrderReportXml,
  notHeldReportXml,
  quarterLabel,
  type CustomerRoutingReport,
  type HeldOrderReport,
  type HtmlOptions,
  type NotHeldReport,
} from "@nexus/core/reports";
import { heldOrderReportPdf } from "./held-order-pdf";

export const REPORT_FORMATS = ["xml", "html", "csv", "pdf"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** A report file: what to send or write, its media type and a name to save it under. */
export interface ReportDocument {
  body: string | Uint8Array;
  contentType: string;
  fileName: string;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  xml: "application/xml; charset=utf-8",
  html: "text/html; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  pdf: "application/pdf",
};

/** The Rule 606(a)(1) report in one of its formats (XML per the SEC's oh-20191231.xsd). */
export async function heldOrderReportDocument(
  report: HeldOrderReport,
  format: ReportFormat,
  html: HtmlOptions = {},
): Promise<ReportDocument> {
  const fileName = `rule-606a1-${quarterLabel(report.quarter)}.${format}`;
  const contentType = CONTENT_TYPES[format];
  if (format === "xml") return { body: heldOrderReportXml(report), contentType, fileName };
  if (format === "html") return { body: heldOrderReportHtml(report, html), contentType, fileName };
  if (format === "csv") return { body: heldOrderReportCsv(report), contentType, fileName };
  return { body: await heldOrderReportPdf(report), contentType, fileName };
}

const day = (at: Date) => at.toISOString().slice(0, 10);

/** A customer report (606(b)(1) or (b)(3)) as the SEC schema's XML. */
export function customerReportDocument(
  kind: "606b1" | "606b3",
  report: CustomerRoutingReport | NotHeldReport,
): ReportDocument {
  const body =
    kind === "606b1"
      ? customerRoutingReportXml(report as CustomerRoutingReport)
      : notHeldReportXml(report as NotHeldReport);
  return {
    body,
    contentType: CONTENT_TYPES.xml,
    fileName: `rule-${kind}-${day(report.from)}-${day(report.to)}.xml`,
  };
}
