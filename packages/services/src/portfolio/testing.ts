/** Test support (`@nexus/services/portfolio/testing`): a small, seeded market to compute risk on. */
import { Decimal } from "@nexus/core/money";
import { createSeededRandom } from "@nexus/core/random";
import type { MarketBarRow } from "@nexus/db/queries/market";

export const SYNTHETIC_SYMBOLS = ["AAA", "BBB", "CCC"] as const;

/**
 * 300 weekdays (from 2016-01-04) of three random walks sharing a market move in different measure, so
 * their correlations are positive and different; the same bars on every run (seed 7).
 */
export function syntheticBars(): MarketBarRow[] {
  const random = createSeededRandom(7);
  const uniform = () => (random.nextUint32() + 0.5) / 2 ** 32;
  const rows: MarketBarRow[] = [];
  const prices = [100, 50, 20];
  const day = new Date(Date.UTC(2016, 0, 4));
  for (let t = 0; t < 300; t++) {
    while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
    const market = (uniform() - 0.5) * 0.03;
    SYNTHETIC_SYMBOLS.forEach((symbol, i) => {
      prices[i] = (prices[i] as number) * (1 + market * (i + 1) * 0.6 + (uniform() - 0.5) * 0.02);
      const close = new Decimal((prices[i] as number).toFixed(4));
      const date = day.toISOString().slice(0, 10);
      rows.push({ symbol, date, open: close, high: close, low: close, close, volume: new Decimal(1000) });
    });
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return rows;
}
