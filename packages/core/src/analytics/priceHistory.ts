import type { PriceHistory } from "./types";

/** The fields of a daily bar the analytics read (a sim DailyBar fits: Decimal has toNumber). */
export interface ClosingBar {
  date: string;
  symbol: string;
  close: { toNumber(): number };
  volume: number;
}

/** A date left off the calendar because too few symbols traded on it. */
export interface DroppedDate {
  date: string;
  bars: number;
}

/**
 * Share of the universe that must have a bar on a date for it to be a market day. The data set the shipped
 * bars come from (packages/sim/data/PROVENANCE.md) has one symbol (TDG, 0.2 % of its 504) with 81 bars
 * after the others stop on 2017-08-11: on a union calendar those dates would make every other symbol
 * "missing" and move every default window into them. It also has 2017-07-31, a real trading day on which
 * 378 of 504 rows lack an open; a loader that dropped such rows left 25 % of the bars: that date must
 * stay, or the next return would silently span two days for everyone.
 */
export const DEFAULT_MIN_DATE_COVERAGE = 0.1;

/**
 * Lays bars (any order) out on one calendar: the sorted dates on which at least `minCoverage` of the
 * symbols have a bar (the others are reported in `droppedDates`, never silently lost). A symbol without
 * a bar on a calendar date reads NaN there (close and volume): missing, never zero.
 */
export function buildPriceHistory(
  bars: Iterable<ClosingBar>,
  minCoverage = DEFAULT_MIN_DATE_COVERAGE,
): PriceHistory & { droppedDates: DroppedDate[] } {
  const list = [...bars];
  const perDate = new Map<string, number>();
  for (const bar of list) perDate.set(bar.date, (perDate.get(bar.date) ?? 0) + 1);
  const universe = new Set(list.map((bar) => bar.symbol)).size;
  const allDates = [...perDate.keys()].sort();
  const isMarketDay = (date: string) => (perDate.get(date) as number) >= minCoverage * universe;
  const dates = allDates.filter(isMarketDay);
  const droppedDates = allDates
    .filter((date) => !isMarketDay(date))
    .map((date) => ({ date, bars: perDate.get(date) as number }));
  const dateIndex = new Map(dates.map((date, index) => [date, index]));
  const closes = new Map<string, Float64Array>();
  const volumes = new Map<string, Float64Array>();
  for (const bar of list) {
    if (!closes.has(bar.symbol)) {
      closes.set(bar.symbol, new Float64Array(dates.length).fill(Number.NaN));
      volumes.set(bar.symbol, new Float64Array(dates.length).fill(Number.NaN));
    }
    const t = dateIndex.get(bar.date);
    if (t === undefined) continue;
    (closes.get(bar.symbol) as Float64Array)[t] = bar.close.toNumber();
    (volumes.get(bar.symbol) as Float64Array)[t] = bar.volume;
  }
  return { dates, closes, volumes, droppedDates };
}

/**
 * The history as it stood before `day` (YYYY-MM-DD): its dates up to the day before, each series cut
 * there (views, not copies). What a simulated session replaying `day` may know: its risk, performance
 * and marks must not see the closes of that day or of the days after it.
 */
export function historyBefore(history: PriceHistory, day: string): PriceHistory {
  const end = history.dates.findIndex((date) => date >= day);
  if (end === -1) return history;
  const cut = (series: ReadonlyMap<string, Float64Array>) =>
    new Map([...series].map(([symbol, values]) => [symbol, values.subarray(0, end)]));
  return {
    ...history,
    dates: history.dates.slice(0, end),
    closes: cut(history.closes),
    ...(history.volumes === undefined ? {} : { volumes: cut(history.volumes) }),
  };
}
