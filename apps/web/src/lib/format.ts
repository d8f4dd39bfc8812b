/**
 * Display formats shared by server and browser. Times are shown in UTC, the clock trade reporting
 * runs on (FINRA CAT and Rule 613 timestamps are UTC-normalised), and because a server-rendered
 * local time would differ from the browser's and break hydration.
 */
import { Decimal } from "@nexus/core/money";
import { newYorkWallTime } from "@nexus/core/new-york-time";

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

/**
 * `2016-06-24 09:30:00 ET`: the simulated session's clock, in the exchange's own time (a session opens
 * at 09:30 New York, whatever the season). The one place a time is not shown in UTC.
 */
export function formatNewYorkTime(date: Date): string {
  const { year, month, day, hour, minute, second } = newYorkWallTime(date);
  return `${year}-${month}-${day} ${hour}:${minute}:${second} ET`;
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

/**
 * Money as a risk report shows it: `$1,234,567.89`, `-$12.30`, to the cent (half-even, the ledger
 * rounding of @nexus/core/money), from the exact decimal string the API sends.
 */
export function formatMoney(value: string, fractionDigits = 2): string {
  const rounded = new Decimal(value).toDecimalPlaces(fractionDigits, Decimal.ROUND_HALF_EVEN);
  const text = formatDecimalString(rounded.abs().toFixed(fractionDigits));
  return rounded.isNegative() && !rounded.isZero() ? `-$${text}` : `$${text}`;
}

/** P&L with its sign always shown: `+$1,200.00`, `-$35.10`, `$0.00`. */
export function formatPnl(value: string): string {
  const text = formatMoney(value);
  return text.startsWith("-") || new Decimal(value).toDecimalPlaces(2).isZero() ? text : `+${text}`;
}

/** A fraction as a percentage: 0.01234 -> `1.23 %` (NIST SP 811: a space before the % sign). */
export function formatPercent(fraction: number, fractionDigits = 2): string {
  return `${(fraction * 100).toFixed(fractionDigits)} %`;
}

/** A fraction in basis points: 0.001234 -> `12.3 bp`, the unit risk reports quote small moves in. */
export function formatBasisPoints(fraction: number): string {
  return `${(fraction * 10_000).toFixed(1)} bp`;
}
