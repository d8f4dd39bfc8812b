/** Deterministic price histories for the tests of this folder (exact rational returns, no randomness). */
import { toDecimal } from "../money";
import type { PortfolioPosition, PriceHistory } from "./types";

/** Calendar dates from 2020-01-01, one a day (the calculators only need sortable ISO dates). */
export function dailyDates(count: number, from = "2020-01-01"): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: count }, (_, t) => new Date(start + t * 86_400_000).toISOString().slice(0, 10));
}

/** Closes compounding `returns` from `first`: close[0] = first, close[t] = close[t-1] (1 + returns[t-1]). */
export function closesFrom(first: number, returns: readonly number[]): Float64Array {
  const closes = new Float64Array(returns.length + 1);
  closes[0] = first;
  returns.forEach((r, t) => {
    closes[t + 1] = (closes[t] as number) * (1 + r);
  });
  return closes;
}

/** The two-asset fixture the reference numbers (numpy/scipy) were computed on: 120 daily returns. */
export const TWO_ASSET_DAYS = 120;
export function twoAssetReturns(): { a: number[]; b: number[] } {
  const a: number[] = [];
  const b: number[] = [];
  for (let t = 1; t <= TWO_ASSET_DAYS; t++) {
    const ra = (((t * 37) % 23) - 11) / 1000;
    a.push(ra);
    b.push((((t * 53) % 29) - 14) / 1200 + 0.5 * ra);
  }
  return { a, b };
}

export function twoAssetHistory(): PriceHistory {
  const { a, b } = twoAssetReturns();
  return {
    dates: dailyDates(TWO_ASSET_DAYS + 1),
    closes: new Map([
      ["AAA", closesFrom(100, a)],
      ["BBB", closesFrom(40, b)],
    ]),
  };
}

export function position(
  symbol: string,
  quantity: string,
  price: string,
  sector?: string,
): PortfolioPosition {
  return {
    symbol,
    quantity: toDecimal(quantity),
    price: toDecimal(price),
    ...(sector === undefined ? {} : { sector }),
  };
}
