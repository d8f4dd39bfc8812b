/**
 * Daily bars from the market-data service (MARKET_DATA_URL), kept in `market_data_cache` (one row per
 * symbol, `daily_bars`): every process and replica reads the table and only the rows missing or expired
 * are fetched, so a restart or a second web replica does not ask the service again. A symbol the service
 * does not know is stored as an empty series, so it is not asked for on every recheck either.
 */
import { createHash } from "node:crypto";
import {
  marketDataCacheFetches,
  readMarketDataCache,
  writeMarketDataCache,
} from "@nexus/db/queries/analytics-cache";
import type { Database } from "@nexus/db/client";
import type { DailyBar, MarketDataClient } from "@nexus/platform/http/market-data";

export const DAILY_BARS = "daily_bars";
export const MARKET_DATA_SERVICE = "market-data-service";

/**
 * Fetches the symbols whose cached bars are missing or expired and stores them; returns a fingerprint
 * of the cached rows of all `symbols` (it changes whenever one of them was fetched anew). Throws the
 * client's ServiceError when the service cannot be reached (the breaker may be open).
 */
export async function refreshServiceBars(
  db: Database,
  client: MarketDataClient,
  symbols: readonly string[],
  options: { now: Date; ttlSeconds: number },
): Promise<string> {
  const fetches = await marketDataCacheFetches(db, DAILY_BARS, symbols, options.now);
  const missing = symbols.filter((symbol) => !fetches.has(symbol));
  if (missing.length > 0) {
    const fetched = await client.dailyBars(missing);
    await writeMarketDataCache(
      db,
      DAILY_BARS,
      missing.map((symbol) => ({ symbol, payload: fetched.get(symbol) ?? [] })),
      {
        source: MARKET_DATA_SERVICE,
        fetchedAt: options.now,
        expiresAt: new Date(options.now.getTime() + options.ttlSeconds * 1000),
      },
    );
    for (const symbol of missing) fetches.set(symbol, options.now);
  }
  const stamps = [...fetches].map(([symbol, at]) => `${symbol}@${at.toISOString()}`).sort();
  return createHash("sha256").update(stamps.join(",")).digest("hex").slice(0, 16);
}

/** The cached service bars of these symbols (the rows refreshServiceBars keeps; validated when fetched). */
export async function readServiceBars(
  db: Database,
  symbols: readonly string[],
  now: Date,
): Promise<Map<string, DailyBar[]>> {
  const rows = await readMarketDataCache(db, DAILY_BARS, symbols, now);
  return new Map(rows.map((row) => [row.symbol, row.payload as DailyBar[]]));
}
