import type { Decimal } from "../money";

/**
 * Field formats of the SEC's order handling schema (oh-20191231.xsd): blank ("not meaningful", NmType)
 * for a missing number, at least two decimals for percentages, four for cents per hundred shares.
 */
export const pctText = (value: Decimal | null): string => (value === null ? "" : value.toFixed(2));
export const usdText = (value: Decimal): string => value.toFixed(2);
export const cphText = (value: Decimal | null): string => (value === null ? "" : value.toFixed(4));
export const sharesText = (value: Decimal | null): string => (value === null ? "" : value.toFixed(3));

/** The schema's timestamp: UTC, "rounded to the nearest second ... with half seconds rounded up". */
export function timestampText(at: Date): string {
  return new Date(Math.floor((at.getTime() + 500) / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

export const dateText = (at: Date): string => at.toISOString().slice(0, 10);
export const timeText = (at: Date): string => at.toISOString().slice(11, 19);

/** Schema version written: 1.3, the current one (1.2 instances still validate against the same XSD). */
export const SCHEMA_VERSION = "1.3";
export const SCHEMA_FILE = "oh-20191231.xsd";

/** VenueNameType, BrokerDealerNameType, CustomerNameType: at most 80 characters, white space collapsed. */
export const MAX_NAME_LENGTH = 80;

export class ReportNameError extends Error {}

/**
 * A name as the schema takes it: white space collapsed, never cut. Cutting a venue's legal name would
 * misreport it, so a name over 80 characters is refused with the name in the message, to be shortened by
 * whoever owns it (the venue's configuration, the broker's settings).
 */
export function schemaName(what: string, name: string): string {
  const collapsed = name.replace(/\s+/g, " ").trim();
  if (collapsed.length === 0 || collapsed.length > MAX_NAME_LENGTH) {
    throw new ReportNameError(
      `${what}: the SEC schema takes 1 to ${MAX_NAME_LENGTH} characters, got ${collapsed.length} (${JSON.stringify(collapsed)})`,
    );
  }
  return collapsed;
}

export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

export const monthName = (month: number): string => MONTH_NAMES[month - 1] as string;

/** "2026-10": names a month of a report (the preview's part of it, to scroll to). */
export const reportMonthKey = (month: { year: number; month: number }): string =>
  `${month.year}-${String(month.month).padStart(2, "0")}`;
