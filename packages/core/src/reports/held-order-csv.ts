import type { HeldOrderReport } from "./held-order-report";
import { SECTION_TITLES, SUMMARY_HEADERS, VENUE_HEADERS, summaryCells, venueCells } from "./held-order-html";

/** RFC 4180 field: quoted when it holds a comma, quote or line break, quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const line = (fields: readonly string[]) => fields.map(csvField).join(",");

/**
 * The report as CSV, one record per month and section (the summary) and one per venue row, with the
 * renderer's column names; records end in CRLF (RFC 4180, as the SEC's 605 specification asks too).
 */
export function heldOrderReportCsv(report: HeldOrderReport): string {
  const header = [
    "Year",
    "Month",
    "Section",
    "Row",
    "Venue",
    "MIC",
    ...SUMMARY_HEADERS,
    ...VENUE_HEADERS.slice(1),
    "Material Aspects",
  ];
  const blanks = (n: number) => Array.from({ length: n }, () => "");
  const records = [line(header)];
  for (const month of report.months) {
    for (const section of month.sections) {
      const at = [String(month.year), String(month.month), SECTION_TITLES[section.section]];
      records.push(
        line([...at, "Summary", "", "", ...summaryCells(section), ...blanks(VENUE_HEADERS.length)]),
      );
      for (const venue of section.venues) {
        records.push(
          line([
            ...at,
            "Venue",
            venue.name,
            venue.mic ?? "",
            ...blanks(SUMMARY_HEADERS.length),
            ...venueCells(venue),
            venue.materialAspects,
          ]),
        );
      }
    }
  }
  return `${records.join("\r\n")}\r\n`;
}
