/**
 * The date ranges of the performance panel (issue 14: 1D, WTD, MTD, YTD, 1Y, 5Y, max), each ending at the
 * last date `asOf` (YYYY-MM-DD, UTC calendar). A range is sent as `from`, the first date whose daily return
 * it holds (@nexus/core/analytics DateRange: the base is the close before it), so a calendar range starts
 * on its first calendar day whatever weekday or holiday that is.
 */
export const RANGES = ["1D", "WTD", "MTD", "YTD", "1Y", "5Y", "Max"] as const;
export type Range = (typeof RANGES)[number];

const DAY_MS = 86_400_000;
const iso = (time: number): string => new Date(time).toISOString().slice(0, 10);

/** `from` of the range ending at `asOf`; undefined for Max (the whole history). */
export function rangeStart(range: Range, asOf: string): string | undefined {
  const [year = 0, month = 1, day = 1] = asOf.split("-").map(Number);
  const today = Date.UTC(year, month - 1, day);
  switch (range) {
    case "Max":
      return undefined;
    case "1D":
      return asOf;
    case "WTD":
      // ISO 8601 weeks start on Monday (getUTCDay: Sunday 0).
      return iso(today - ((new Date(today).getUTCDay() + 6) % 7) * DAY_MS);
    case "MTD":
      return `${asOf.slice(0, 7)}-01`;
    case "YTD":
      return `${year}-01-01`;
    case "1Y":
    case "5Y": {
      // Trailing years: the base is the close of the same date N years back (28 February when that year
      // has no 29th), so the range holds the returns from the day after it.
      const back = year - (range === "1Y" ? 1 : 5);
      const lastDay = new Date(Date.UTC(back, month, 0)).getUTCDate();
      return iso(Date.UTC(back, month - 1, Math.min(day, lastDay)) + DAY_MS);
    }
  }
}
