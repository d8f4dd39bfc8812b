/**
 * Portfolio returns of a fixed book (today's quantities held through the range) at any frequency.
 *
 * Daily return on date t: sum q_i (c_i,t - c_i,t-1) / sum |q_i c_i,t-1| over the symbols with a clean
 * return that day. The denominator is gross exposure, so a long/short book has a defined return (for a
 * long-only book it is the plain value-weighted return). A symbol with a missing close or a suspect move
 * (|r| > 40 %: spin-offs and glitches, see history.ts) sits that day out and is reported; a day on which
 * no symbol has a clean return is NaN (missing), which performance.ts treats as empyrical does.
 * A symbol the history does not have is refused (`unknown_symbol`), never left to sit out every day; a
 * book whose lots all net to zero has no return (`no_exposure`).
 * Longer periods compound the daily returns: prod(1 + r) - 1 with a missing day counted as zero return.
 * Periods are calendar periods of the trading dates: ISO 8601 weeks (Monday to Sunday, "2015-W35"),
 * months ("2015-08"), quarters ("2015-Q3"), years ("2015"); a period is labelled by its key and ends on
 * its last trading date in the range.
 */
import { sumDecimals } from "../money";
import type { Decimal } from "../money";
import { SUSPECT_RETURN_THRESHOLD, closesOf, endIndex, isSuspectAt, simpleReturn } from "./history";
import { checkDate, checkKnownSymbols } from "./inputs";
import { addCompensated } from "./stats";
import { noExposure, refused } from "./types";
import type { ExcludedReturn, Outcome, PortfolioPosition, PriceHistory } from "./types";

export const RETURN_FREQUENCIES = ["daily", "weekly", "monthly", "quarterly", "yearly"] as const;
export type ReturnFrequency = (typeof RETURN_FREQUENCIES)[number];

export interface ReturnSeries {
  /** Period labels (the date itself for daily). */
  periods: string[];
  /** Last trading date of each period. */
  ends: string[];
  returns: Float64Array;
}

export interface PortfolioReturns extends ReturnSeries {
  excluded: ExcludedReturn[];
}

export interface DateRange {
  /**
   * First date whose return is in the range (its base is the close before it), so a month-to-date range
   * starts on the 1st whatever day of the week that is; the history's second date by default (the first
   * has no return).
   */
  from?: string;
  /** Last date; the history's last date by default. */
  to?: string;
}

/** Net quantity per symbol (several lots of one symbol are one holding; a closed one, netting to 0, none). */
function netQuantities(positions: readonly PortfolioPosition[]): Map<string, number> {
  const lots = new Map<string, Decimal[]>();
  for (const { symbol, quantity } of positions) lots.set(symbol, [...(lots.get(symbol) ?? []), quantity]);
  return new Map(
    [...lots]
      // (One lot, the usual case, is its own sum.)
      .map(([symbol, quantities]): [string, Decimal] => [
        symbol,
        quantities.length === 1 ? (quantities[0] as Decimal) : sumDecimals(quantities),
      ])
      .filter(([, quantity]) => !quantity.isZero())
      .map(([symbol, quantity]) => [symbol, quantity.toNumber()]),
  );
}

export function portfolioReturns(
  positions: readonly PortfolioPosition[],
  history: PriceHistory,
  range: DateRange = {},
): Outcome<PortfolioReturns> {
  const invalid = checkDate("from", range.from) ?? checkDate("to", range.to);
  if (invalid !== undefined) return refused(invalid);
  const quantities = netQuantities(positions);
  const symbols = [...quantities.keys()];
  if (symbols.length === 0) {
    return refused(noExposure(positions.length));
  }
  const unknown = checkKnownSymbols(history, symbols, "positions");
  if (unknown !== undefined) return refused(unknown);
  const q = Float64Array.from(quantities.values());
  const closes = symbols.map((symbol) => closesOf(history, symbol));
  const from = range.from;
  const first = from === undefined ? 0 : history.dates.findIndex((date) => date >= from);
  const last = endIndex(history, range.to);
  const start = first < 0 ? history.dates.length : Math.max(1, first);
  const count = Math.max(0, last - start + 1);
  const dates = history.dates.slice(start, start + count);
  // Symbol by symbol, each day's two sums kept with their compensation (Neumaier) in arrays: one pass
  // down each series instead of a hundred series visited a day at a time (a quarter of five years' time).
  const pnl = new Float64Array(count);
  const pnlError = new Float64Array(count);
  const base = new Float64Array(count);
  const baseError = new Float64Array(count);
  const sittingOut: { k: number; i: number; r: number }[] = [];
  for (let i = 0; i < symbols.length; i++) {
    const series = closes[i] as Float64Array;
    const quantity = q[i] as number;
    for (let k = 0; k < count; k++) {
      const t = start + k;
      const r = simpleReturn(series, t);
      // Most returns are within the threshold: only the others are looked at closely.
      if (
        !(Math.abs(r) <= SUSPECT_RETURN_THRESHOLD) &&
        (Number.isNaN(r) || isSuspectAt(history, symbols[i] as string, t, r))
      ) {
        sittingOut.push({ k, i, r });
        continue;
      }
      const before = series[t - 1] as number;
      addCompensated(pnl, pnlError, k, quantity * ((series[t] as number) - before));
      addCompensated(base, baseError, k, Math.abs(quantity * before));
    }
  }
  const returns = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    returns[k] =
      ((pnl[k] as number) + (pnlError[k] as number)) / ((base[k] as number) + (baseError[k] as number));
  }
  // Reported date by date, then in the book's order.
  const excluded = sittingOut
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map(({ k, i, r }): ExcludedReturn => ({
      symbol: symbols[i] as string,
      date: dates[k] as string,
      reason: Number.isNaN(r) ? "missing_close" : "suspect_return",
      value: Number.isNaN(r) ? null : r,
    }));
  return { ok: true, value: { periods: dates, ends: dates, returns, excluded } };
}

const DAY_MS = 86_400_000;

/** ISO 8601 week label of a YYYY-MM-DD date: the week belongs to the year of its Thursday. */
export function isoWeek(date: string): string {
  const time = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  const mondayBased = (new Date(time).getUTCDay() + 6) % 7;
  const thursday = time + (3 - mondayBased) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = 1 + Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS));
  return `${year}-W${String(week).padStart(2, "0")}`;
}

const PERIOD_OF: Record<ReturnFrequency, (date: string) => string> = {
  daily: (date) => date,
  weekly: isoWeek,
  monthly: (date) => date.slice(0, 7),
  quarterly: (date) => `${date.slice(0, 4)}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`,
  yearly: (date) => date.slice(0, 4),
};

/** Compounds daily returns (labelled by `ends`, their dates) into calendar periods. */
export function aggregateReturns(
  daily: Pick<ReturnSeries, "ends" | "returns">,
  frequency: ReturnFrequency,
): ReturnSeries {
  const periodOf = PERIOD_OF[frequency];
  const periods: string[] = [];
  const ends: string[] = [];
  const growth: number[] = [];
  daily.ends.forEach((date, t) => {
    const r = daily.returns[t] as number;
    const period = periodOf(date);
    if (periods[periods.length - 1] !== period) {
      periods.push(period);
      ends.push(date);
      growth.push(1);
    }
    ends[ends.length - 1] = date;
    growth[growth.length - 1] = (growth[growth.length - 1] as number) * (Number.isNaN(r) ? 1 : 1 + r);
  });
  return { periods, ends, returns: Float64Array.from(growth, (g) => g - 1) };
}
