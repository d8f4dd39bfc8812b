import type { PriceHistory } from "./types.js";

/** The fields of a daily bar the analytics read (a sim DailyBar fits: Decimal has toNumber). */
export interface ClosingBar {
  date: string;
  symbol: string;
  close: { toNumber(): number };
  volume: number;
}

/**
 * Lays bars (any order) out on one calendar: the sorted union of their dates. A symbol without a bar on
 * a date reads NaN there (close and volume), which the calculators treat as missing, never as zero.
 */
export function buildPriceHistory(bars: Iterable<ClosingBar>): PriceHistory {
  const list = [...bars];
  const dates = [...new Set(list.map((bar) => bar.date))].sort();
  const dateIndex = new Map(dates.map((date, index) => [date, index]));
  const closes = new Map<string, Float64Array>();
  const volumes = new Map<string, Float64Array>();
  for (const bar of list) {
    if (!closes.has(bar.symbol)) {
      closes.set(bar.symbol, new Float64Array(dates.length).fill(Number.NaN));
      volumes.set(bar.symbol, new Float64Array(dates.length).fill(Number.NaN));
    }
    const t = dateIndex.get(bar.date) as number;
    (closes.get(bar.symbol) as Float64Array)[t] = bar.close.toNumber();
    (volumes.get(bar.symbol) as Float64Array)[t] = bar.volume;
  }
  return { dates, closes, volumes };
}
