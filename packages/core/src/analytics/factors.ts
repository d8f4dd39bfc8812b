/**
 * Factor returns built from the supplied cross-section (every symbol of the history): each day, the
 * equal-weighted market return, and long-short factor-mimicking portfolios - the equal-weighted return of
 * the top quintile by a signal known the day before minus that of the bottom quintile (the construction
 * of Fama & French 1993, on quintiles). Only clean returns enter (history.ts: missing closes and |r| > 40 %
 * moves are left out).
 *   momentum        12-1 month return, close[t-22] / close[t-253] - 1 (Jegadeesh & Titman 1993; Carhart 1997)
 *   low_volatility  minus the standard deviation of the last 63 daily returns (Ang, Hodrick, Xing & Zhang
 *                   2006; Blitz & van Vliet 2007): long the calmest names, short the wildest
 *   size            minus the average dollar volume (close x volume) of the last 63 days: the data has no
 *                   shares outstanding, and traded value is the usual liquidity proxy of size; long small
 * Value needs book values or earnings, which the data does not have: it is reported unavailable.
 */
import { closesOf, isSuspectReturn, simpleReturn } from "./history";
import type { PriceHistory } from "./types";

export const FACTORS = ["market", "momentum", "low_volatility", "size", "value"] as const;
export type Factor = (typeof FACTORS)[number];

const SIGNAL_WINDOW = 63;
const MOMENTUM_FORMATION = 253;
const MOMENTUM_SKIP = 22;
const QUINTILE = 0.2;
const NO_VOLUMES = new Float64Array(0);

interface Universe {
  closes: Float64Array[];
  volumes: Float64Array[] | undefined;
}

function cleanReturn(closes: Float64Array, t: number): number {
  const r = simpleReturn(closes, t);
  return isSuspectReturn(r) ? Number.NaN : r;
}

function momentumSignal(closes: Float64Array, t: number): number {
  return (closes[t - MOMENTUM_SKIP] as number) / (closes[t - MOMENTUM_FORMATION] as number) - 1;
}

function lowVolatilitySignal(closes: Float64Array, t: number): number {
  let sum = 0;
  let squares = 0;
  for (let s = t - SIGNAL_WINDOW; s < t; s++) {
    const r = cleanReturn(closes, s);
    sum += r;
    squares += r * r;
  }
  const mean = sum / SIGNAL_WINDOW;
  return -Math.sqrt((squares - SIGNAL_WINDOW * mean * mean) / (SIGNAL_WINDOW - 1));
}

function sizeSignal(closes: Float64Array, volumes: Float64Array, t: number): number {
  let traded = 0;
  for (let s = t - SIGNAL_WINDOW; s < t; s++) traded += (closes[s] as number) * (volumes[s] as number);
  return -traded / SIGNAL_WINDOW;
}

/** Top-minus-bottom quintile return on day t among symbols with a signal (NaN signals sit out). */
function longShort(signals: Float64Array, returns: Float64Array): number {
  const ranked: number[] = [];
  for (let i = 0; i < signals.length; i++) {
    if (!Number.isNaN(signals[i] as number) && !Number.isNaN(returns[i] as number)) ranked.push(i);
  }
  ranked.sort((a, b) => (signals[a] as number) - (signals[b] as number));
  const size = Math.floor(ranked.length * QUINTILE);
  if (size === 0) return Number.NaN;
  let low = 0;
  let high = 0;
  for (let k = 0; k < size; k++) {
    low += returns[ranked[k] as number] as number;
    high += returns[ranked[ranked.length - 1 - k] as number] as number;
  }
  return (high - low) / size;
}

/**
 * Fills `today` with each symbol's clean return on day t (NaN when not clean) and returns their
 * equal-weighted mean (NaN when none is clean).
 */
function crossSection(closes: readonly Float64Array[], t: number, today: Float64Array): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < closes.length; i++) {
    const r = cleanReturn(closes[i] as Float64Array, t);
    today[i] = r;
    if (!Number.isNaN(r)) {
      sum += r;
      count++;
    }
  }
  return sum / count;
}

/** The equal-weighted market of the whole history on the history indices `days`. */
export function marketReturns(history: PriceHistory, days: readonly number[]): Float64Array {
  const closes = [...history.closes.values()];
  const today = new Float64Array(closes.length);
  return Float64Array.from(days, (t) => crossSection(closes, t, today));
}

export interface FactorReturns {
  /** Factor -> its return on each requested day; absent when unavailable (see `unavailable`). */
  returns: Map<Factor, Float64Array>;
  unavailable: { factor: Factor; reason: string }[];
}

/** Factor returns on the history indices `days` (ascending, not empty). */
export function factorReturns(history: PriceHistory, days: readonly number[]): FactorReturns {
  const symbols = [...history.closes.keys()];
  const volumeMap = history.volumes;
  const universe: Universe = {
    closes: symbols.map((symbol) => closesOf(history, symbol)),
    volumes:
      volumeMap === undefined ? undefined : symbols.map((symbol) => volumeMap.get(symbol) ?? NO_VOLUMES),
  };
  const first = days[0] as number;
  const unavailable: FactorReturns["unavailable"] = [
    { factor: "value", reason: "the price history has no book values or earnings" },
  ];
  const signals: [Factor, (i: number, t: number) => number][] = [];
  if (first >= MOMENTUM_FORMATION)
    signals.push(["momentum", (i, t) => momentumSignal(universe.closes[i] as Float64Array, t)]);
  else
    unavailable.push({
      factor: "momentum",
      reason: `needs ${MOMENTUM_FORMATION} days of history before the window, has ${first}`,
    });
  if (first >= SIGNAL_WINDOW + 1)
    signals.push(["low_volatility", (i, t) => lowVolatilitySignal(universe.closes[i] as Float64Array, t)]);
  else
    unavailable.push({
      factor: "low_volatility",
      reason: `needs ${SIGNAL_WINDOW + 1} days of history before the window, has ${first}`,
    });
  const volumes = universe.volumes;
  if (volumes === undefined) unavailable.push({ factor: "size", reason: "the price history has no volumes" });
  else if (first >= SIGNAL_WINDOW)
    signals.push([
      "size",
      (i, t) => sizeSignal(universe.closes[i] as Float64Array, volumes[i] as Float64Array, t),
    ]);
  else
    unavailable.push({
      factor: "size",
      reason: `needs ${SIGNAL_WINDOW} days of history before the window, has ${first}`,
    });

  const returns = new Map<Factor, Float64Array>([["market", new Float64Array(days.length)]]);
  for (const [factor] of signals) returns.set(factor, new Float64Array(days.length));
  const today = new Float64Array(symbols.length);
  const signal = new Float64Array(symbols.length);
  days.forEach((t, k) => {
    (returns.get("market") as Float64Array)[k] = crossSection(universe.closes, t, today);
    for (const [factor, signalOf] of signals) {
      for (let i = 0; i < symbols.length; i++) signal[i] = signalOf(i, t);
      (returns.get(factor) as Float64Array)[k] = longShort(signal, today);
    }
  });
  for (const [factor, series] of returns) {
    const gap = series.findIndex((r) => Number.isNaN(r));
    if (gap < 0) continue;
    returns.delete(factor);
    unavailable.push({
      factor,
      reason: `fewer than ${1 / QUINTILE} symbols with a signal and a clean return on ${history.dates[days[gap] as number] as string}`,
    });
  }
  return { returns, unavailable };
}
