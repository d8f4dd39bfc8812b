import type { HeldOrderReport, SectionReport, VenueRow } from "./held-order-report";
import type { ReportSection } from "./order-type";
import { cphText, monthName, pctText, reportMonthKey, timestampText, usdText } from "./report-fields";

/** Section titles as the SEC's renderer (sec-gov/oh) prints them. */
export const SECTION_TITLES: Record<ReportSection, string> = {
  sp500: "S&P 500 Stocks",
  other_stocks: "Non-S&P 500 Stocks",
  options: "Options",
};

const ORDINALS = ["1st", "2nd", "3rd", "4th"] as const;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const SUMMARY_HEADERS = [
  "Non-Directed Orders as % of All Orders",
  "Market Orders as % of Non-Directed Orders",
  "Marketable Limit Orders as % of Non-Directed Orders",
  "Non-Marketable Limit Orders as % of Non-Directed Orders",
  "Other Orders as % of Non-Directed Orders",
] as const;

export const VENUE_HEADERS = [
  "Venue - Non-directed Order Flow",
  "Non-Directed Orders (%)",
  "Market Orders (%)",
  "Marketable Limit Orders (%)",
  "Non-Marketable Limit Orders (%)",
  "Other Orders (%)",
  "Net Payment Paid/Received for Market Orders (USD)",
  "Net Payment Paid/Received for Market Orders (cents per hundred shares)",
  "Net Payment Paid/Received for Marketable Limit Orders (USD)",
  "Net Payment Paid/Received for Marketable Limit Orders (cents per hundred shares)",
  "Net Payment Paid/Received for Non-Marketable Limit Orders (USD)",
  "Net Payment Paid/Received for Non-Marketable Limit Orders (cents per hundred shares)",
  "Net Payment Paid/Received for Other Orders (USD)",
  "Net Payment Paid/Received for Other Orders (cents per hundred shares)",
] as const;

/** The summary row's cells in SUMMARY_HEADERS order. */
export function summaryCells(section: SectionReport): string[] {
  const pct = section.typePct;
  return [section.nonDirectedPct, pct.market, pct.marketable_limit, pct.non_marketable_limit, pct.other].map(
    pctText,
  );
}

/** A venue row's figures in VENUE_HEADERS order, after the venue's name. */
export function venueCells(venue: VenueRow): string[] {
  const pct = venue.typePct;
  const pay = venue.netPayment;
  return [
    pctText(venue.orderPct),
    pctText(pct.market),
    pctText(pct.marketable_limit),
    pctText(pct.non_marketable_limit),
    pctText(pct.other),
    ...[pay.market, pay.marketable_limit, pay.non_marketable_limit, pay.other].flatMap((p) => [
      usdText(p.usd),
      cphText(p.centsPerHundredShares),
    ]),
  ];
}

/** The name as the report prints it, with its MIC when it has one (several MICs → several rows). */
export const venueLabel = (venue: VenueRow): string =>
  venue.mic === null ? venue.name : `${venue.name} (${venue.mic})`;

export interface HtmlOptions {
  /** A link for each venue's name (the 605 figures of the venues behind the row); none when absent. */
  venueHref?: (venue: VenueRow) => string;
}

const row = (cells: readonly string[], tag: "td" | "th") =>
  `<tr>${cells.map((cell) => `<${tag}>${cell}</${tag}>`).join("")}</tr>`;

function sectionHtml(section: SectionReport, options: HtmlOptions): string {
  const venueName = (venue: VenueRow) => {
    const label = escapeHtml(venueLabel(venue));
    return options.venueHref === undefined
      ? label
      : `<a href="${escapeHtml(options.venueHref(venue))}">${label}</a>`;
  };
  const venues =
    section.venues.length === 0
      ? `<tr><td colspan="${VENUE_HEADERS.length}">No non-directed orders were routed.</td></tr>`
      : section.venues.map((venue) => row([venueName(venue), ...venueCells(venue)], "td")).join("\n");
  const aspects = section.venues
    .map(
      (venue) =>
        `<div class="aspect"><p class="venue">${escapeHtml(venueLabel(venue))}:</p><p>${escapeHtml(venue.materialAspects).replace(/\n/g, "<br>")}</p></div>`,
    )
    .join("\n");
  return `<section class="report-section">
<h3>${escapeHtml(SECTION_TITLES[section.section])}</h3>
<h4>Summary</h4>
<table class="summary"><thead>${row([...SUMMARY_HEADERS], "th")}</thead><tbody>${row(summaryCells(section), "td")}</tbody></table>
<h4>Venues</h4>
<table class="venues"><thead>${row([...VENUE_HEADERS], "th")}</thead><tbody>
${venues}
</tbody></table>
<h4>Material Aspects:</h4>
${aspects}
</section>`;
}

/** The report's body (title, quarter, months, sections), without the page around it. */
export function heldOrderReportBody(report: HeldOrderReport, options: HtmlOptions = {}): string {
  const months = report.months
    .map(
      (month) =>
        `<section class="report-month" data-month="${reportMonthKey(month)}"><h2>${monthName(month.month)} ${month.year}</h2>\n${month.sections.map((s) => sectionHtml(s, options)).join("\n")}</section>`,
    )
    .join("\n");
  return `<div class="report-606">
<h1>${escapeHtml(report.broker)} - Held NMS Stocks and Options Order Routing Public Report</h1>
<p class="generated">Generated on ${timestampText(report.generatedAt)}</p>
<h2>${ORDINALS[report.quarter.quarter - 1]} Quarter, ${report.quarter.year}</h2>
${months}
</div>`;
}

/** Styles of the report body: the renderer's plain bordered tables, small print, wrapped headers. */
export const REPORT_CSS = `.report-606{font-family:Helvetica,Arial,sans-serif;font-size:12px;color:#000}
.report-606 h1{font-size:18px;text-align:center}.report-606 h2{font-size:15px;text-align:center}
.report-606 .generated{text-align:center}.report-606 h3{font-size:14px}.report-606 h4{font-size:12px;margin:8px 0 4px}
.report-606 table{border-collapse:collapse;width:100%;margin-bottom:8px;table-layout:fixed}
.report-606 th,.report-606 td{border:1px solid #000;padding:2px 4px;text-align:right;word-wrap:break-word;vertical-align:top}
.report-606 th{font-weight:bold;text-align:center;background:#eee}.report-606 td:first-child{text-align:left}
.report-606 .venues th:first-child{width:18%}
.report-606 .summary td{text-align:center}.report-606 .aspect .venue{font-weight:bold;margin-bottom:0}`;

/** A standalone HTML page of the report, laid out like the SEC's renderer. */
export function heldOrderReportHtml(report: HeldOrderReport, options: HtmlOptions = {}): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(report.broker)} Rule 606(a)(1) ${report.quarter.year} Q${report.quarter.quarter}</title>
<style>${REPORT_CSS}</style></head>
<body>${heldOrderReportBody(report, options)}</body></html>
`;
}
