/**
 * From closes to the returns the calculators use. Conventions (issue 5): simple close-to-close returns on
 * consecutive dates of the history's calendar. The data is real and dirty (packages/sim/data/PROVENANCE.md),
 * so a return is not used when
 *   - either close is missing (no bar that day): reason "missing_close" - a gap is not a zero move;
 *   - |r| > 40 %: reason "suspect_return" - spin-offs and vendor glitches, not market risk.
 * Risk windows drop every day on which any held symbol has such a return (listwise deletion, which keeps
 * the covariance positive semi-definite and the historical scenarios whole) and report each one.
 */
import type { ExcludedReturn, PriceHistory } from "./types.js";

/** packages/sim/data/PROVENANCE.md: one-day moves beyond 40 % are spin-offs or vendor glitches. */
export const SUSPECT_RETURN_THRESHOLD = 0.4;

const NO_CLOSES = new Float64Array(0);

/** The closes of a symbol, or an empty series (every read NaN) for a symbol the history lacks. */
export function closesOf(history: PriceHistory, symbol: string): Float64Array {
  return history.closes.get(symbol) ?? NO_CLOSES;
}

/** Simple return from t-1 to t; NaN when a close is missing. */
export function simpleReturn(closes: Float64Array, t: number): number {
  const before = closes[t - 1];
  const after = closes[t];
  return before === undefined || after === undefined ? Number.NaN : after / before - 1;
}

export function isSuspectReturn(r: number): boolean {
  return Math.abs(r) > SUSPECT_RETURN_THRESHOLD;
}

/** Index of the last date on or before `asOf` (the last date when not given); -1 when none. */
export function endIndex(history: PriceHistory, asOf: string | undefined): number {
  const dates = history.dates;
  if (asOf === undefined) return dates.length - 1;
  let index = dates.length - 1;
  while (index >= 0 && (dates[index] as string) > asOf) index--;
  return index;
}

export interface ReturnWindow {
  /** Dates of the clean days kept, oldest first. */
  dates: string[];
  /** Returns of symbol i on kept day t at [i * days + t]. */
  returns: Float64Array;
  days: number;
  excluded: ExcludedReturn[];
}

/**
 * The last `lookbackDays` daily returns up to `asOf` of `symbols`, listwise-clean. A missing close makes
 * NaN reads (Float64Array has no holes: NaN is how PriceHistory marks a missing day, and a read beyond a
 * short series is undefined, handled the same).
 */
export function returnWindow(
  history: PriceHistory,
  symbols: readonly string[],
  lookbackDays: number,
  asOf?: string,
): ReturnWindow {
  const end = endIndex(history, asOf);
  const start = Math.max(1, end - lookbackDays + 1);
  const series = symbols.map((symbol) => closesOf(history, symbol));
  const n = symbols.length;
  const kept: number[] = [];
  const dayReturns: number[] = [];
  const excluded: ExcludedReturn[] = [];
  const today = new Float64Array(n);
  for (let t = start; t <= end; t++) {
    const date = history.dates[t] as string;
    let clean = true;
    for (let i = 0; i < n; i++) {
      const r = simpleReturn(series[i] as Float64Array, t);
      today[i] = r;
      if (Number.isNaN(r)) {
        excluded.push({ symbol: symbols[i] as string, date, reason: "missing_close", value: null });
        clean = false;
      } else if (isSuspectReturn(r)) {
        excluded.push({ symbol: symbols[i] as string, date, reason: "suspect_return", value: r });
        clean = false;
      }
    }
    if (clean) {
      kept.push(t);
      for (let i = 0; i < n; i++) dayReturns.push(today[i] as number);
    }
  }
  const days = kept.length;
  const returns = new Float64Array(n * days);
  for (let t = 0; t < days; t++) {
    for (let i = 0; i < n; i++) returns[i * days + t] = dayReturns[t * n + i] as number;
  }
  return { dates: kept.map((t) => history.dates[t] as string), returns, days, excluded };
}
