/**
 * From closes to the returns the calculators use. Conventions (issue 5): simple close-to-close returns on
 * consecutive dates of the history's calendar. The data is real and dirty (packages/sim/data/PROVENANCE.md),
 * so a return is not used when
 *   - either close is missing (no bar that day): reason "missing_close" - a gap is not a zero move;
 *   - |r| > 40 %: reason "suspect_return" - spin-offs and vendor glitches, not market risk.
 * Risk windows drop every day on which any held symbol has such a return (listwise deletion, which keeps
 * the covariance positive semi-definite and the historical scenarios whole) and report each one.
 */
import type { ExcludedReturn, InsufficientHistory, PriceHistory } from "./types";

/** Trading dates of a risk window when the caller does not say (one year). */
export const DEFAULT_LOOKBACK_DAYS = 252;

/** packages/sim/data/PROVENANCE.md: one-day moves beyond 40 % are spin-offs or vendor glitches. */
export const SUSPECT_RETURN_THRESHOLD = 0.4;

const NO_CLOSES = new Float64Array(0);

/** The closes of a symbol, or an empty series (every read NaN) for a symbol the history lacks. */
export function closesOf(history: PriceHistory, symbol: string): Float64Array {
  return history.closes.get(symbol) ?? NO_CLOSES;
}

/**
 * Simple return from t-1 to t; NaN when a close is missing: a NaN close, or an index beyond the series
 * (a typed array reads undefined there, and undefined / x is NaN).
 */
export function simpleReturn(closes: Float64Array, t: number): number {
  return (closes[t] as number) / (closes[t - 1] as number) - 1;
}

export function isSuspectReturn(r: number): boolean {
  return Math.abs(r) > SUSPECT_RETURN_THRESHOLD;
}

/** The move of `symbol` into `dates[t]` was reviewed and confirmed real (PriceHistory.confirmedMoves). */
export function isConfirmedMove(history: PriceHistory, symbol: string, t: number): boolean {
  return history.confirmedMoves?.get(symbol)?.has(history.dates[t] as string) === true;
}

/** A return beyond the threshold that no reviewer confirmed: excluded as suspect. */
export function isSuspectAt(history: PriceHistory, symbol: string, t: number, r: number): boolean {
  return isSuspectReturn(r) && !isConfirmedMove(history, symbol, t);
}

/** Index of the last date on or before `asOf` (the last date when not given); -1 when none. */
export function endIndex(history: PriceHistory, asOf: string | undefined): number {
  const dates = history.dates;
  if (asOf === undefined) return dates.length - 1;
  let index = dates.length - 1;
  while (index >= 0 && (dates[index] as string) > asOf) index--;
  return index;
}

/** Every daily return of a lookback, before any day is dropped: what each window policy starts from. */
export interface SpanReturns {
  /** The trading dates of the lookback, oldest first (`span` of them). */
  dates: string[];
  span: number;
  /** Return of symbol i on day k at [i * span + k]; NaN where it is not clean (missing or suspect). */
  returns: Float64Array;
  /** 1 on the days where every symbol has a clean return. */
  clean: Uint8Array;
  /** The returns that are not clean, date by date. */
  excluded: ExcludedReturn[];
}

/**
 * The last `lookbackDays` daily returns up to `asOf` of `symbols`, each clean one or NaN (reported).
 * Float64Array has no holes: NaN is how PriceHistory marks a missing day, and a read beyond a short series
 * is undefined, which simpleReturn turns into NaN the same way. Plain loops over typed arrays: this is the
 * first half of a historical VaR's time.
 */
export function spanReturns(
  history: PriceHistory,
  symbols: readonly string[],
  lookbackDays: number,
  asOf?: string,
): SpanReturns {
  const end = endIndex(history, asOf);
  const start = Math.max(1, end - lookbackDays + 1);
  const span = Math.max(0, end - start + 1);
  const n = symbols.length;
  const returns = new Float64Array(n * span);
  const clean = new Uint8Array(span).fill(1);
  for (let i = 0; i < n; i++) {
    const symbol = symbols[i] as string;
    const closes = closesOf(history, symbol);
    const row = i * span;
    // Each close is read once: the one before is carried over (simpleReturn's arithmetic, NaN and all).
    let previous = closes[start - 1] as number;
    for (let k = 0; k < span; k++) {
      const close = closes[start + k] as number;
      const r = close / previous - 1;
      previous = close;
      returns[row + k] = r;
      if (!(Math.abs(r) <= SUSPECT_RETURN_THRESHOLD)) {
        // NaN, or a move beyond the threshold nobody confirmed (looked up only for these rare days).
        if (Number.isNaN(r) || !isConfirmedMove(history, symbol, start + k)) clean[k] = 0;
      }
    }
  }
  const dates = history.dates.slice(start, start + span);
  const excluded: ExcludedReturn[] = [];
  for (let k = 0; k < span; k++) {
    if (clean[k] === 1) continue;
    const date = dates[k] as string;
    for (let i = 0; i < n; i++) {
      const r = returns[i * span + k] as number;
      const symbol = symbols[i] as string;
      if (Number.isNaN(r)) excluded.push({ symbol, date, reason: "missing_close", value: null });
      else if (isSuspectAt(history, symbol, start + k, r)) {
        excluded.push({ symbol, date, reason: "suspect_return", value: r });
        returns[i * span + k] = Number.NaN;
      }
    }
  }
  return { dates, span, returns, clean, excluded };
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
 * The last `lookbackDays` daily returns up to `asOf` of `symbols`, listwise-clean: only the days on which
 * every symbol has a clean return are kept (spanReturns reports the others).
 */
export function returnWindow(
  history: PriceHistory,
  symbols: readonly string[],
  lookbackDays: number,
  asOf?: string,
): ReturnWindow {
  const {
    dates: spanDates,
    span,
    returns: all,
    clean,
    excluded,
  } = spanReturns(history, symbols, lookbackDays, asOf);
  const dates = spanDates.filter((_, k) => clean[k] === 1);
  const days = dates.length;
  if (days === span) return { dates, returns: all, days, excluded };
  // Compacted in place (row i's kept days move to [i * days, (i + 1) * days), never past what is still
  // to be read): a second buffer of the window's size cost as much as filling the first.
  let t = 0;
  for (let i = 0; i < symbols.length; i++) {
    const row = i * span;
    for (let k = 0; k < span; k++) if (clean[k] === 1) all[t++] = all[row + k] as number;
  }
  return { dates, returns: all.subarray(0, t), days, excluded };
}

/**
 * The refusal of a risk window with fewer than `needed` clean days. It says which `lookbackDays` would
 * hold them up to the same `asOf` (one scan of the history, on this failure path only), or that the
 * history itself is too short: "0.999 on a 252-day lookback" then tells the user what to ask for instead.
 */
export function insufficientWindow(
  what: string,
  needed: number,
  window: ReturnWindow,
  request: {
    history: PriceHistory;
    symbols: readonly string[];
    lookbackDays: number;
    asOf?: string | undefined;
  },
): InsufficientHistory {
  const { history, symbols, lookbackDays, asOf } = request;
  const end = endIndex(history, asOf);
  const whole = returnWindow(history, symbols, end, asOf);
  const first = whole.dates[whole.days - needed];
  const neededLookbackDays = first === undefined ? null : end - history.dates.indexOf(first) + 1;
  const advice =
    neededLookbackDays === null
      ? `the history holds only ${whole.days} up to ${asOf ?? "its last date"}`
      : `lookbackDays ${neededLookbackDays} would hold them`;
  return {
    kind: "insufficient_history",
    needed,
    available: window.days,
    neededLookbackDays,
    message: `${what}: needs at least ${needed} clean daily returns, has ${window.days} in the ${lookbackDays}-day lookback; ${advice}`,
  };
}
