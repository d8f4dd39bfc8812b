/**
 * Display formats shared by server and browser. Times are shown in UTC, the clock trade reporting
 * runs on (FINRA CAT and Rule 613 timestamps are UTC-normalised), and because a server-rendered
 * local time would differ from the browser's and break hydration.
 */

/** `2026-11-24 14:30:00Z` (seconds are enough on screen; the audit export keeps full precision). */
export function formatUtc(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")}Z`;
}

/** `2026-11-24` (UTC), where the day is what matters (when an account was made). */
export function formatUtcDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `2026-11-24 14:30Z`, where the minute is precision enough (a last sign-in). */
export function formatUtcMinute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")}Z`;
}

/** `14:30:05` UTC, for dense intraday tables. */
export function formatUtcTime(date: Date): string {
  return date.toISOString().slice(11, 19);
}

const integerFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** Counts with thousands separators, in a fixed locale so server and browser agree. */
export function formatCount(value: number | bigint): string {
  return integerFormat.format(value);
}

/**
 * A decimal string with thousands separators, digits kept exactly as sent: money never goes
 * through a float on its way to the screen.
 */
export function formatDecimalString(value: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(value);
  if (match === null) throw new Error(`Not a decimal string: ${JSON.stringify(value)}`);
  const [, sign = "", whole = "", fraction = ""] = match;
  return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${fraction}`;
}
