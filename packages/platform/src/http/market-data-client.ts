/**
 * Client of the market-data service (MARKET_DATA_URL): daily bars by symbol, through the service client
 * (per-attempt timeout, retry with backoff, circuit breaker). The service's contract, as this client
 * reads it (docs/architecture.md, "Market data"):
 *
 *   GET {MARKET_DATA_URL}/daily-bars?symbols=AAPL,MSFT
 *   200 {"bars": {"AAPL": [{"date": "2017-08-11", "close": "157.48", "volume": "26257096"}, ...], ...}}
 *
 * Closes and volumes are decimal strings (money is never a float on the wire); a symbol the service does
 * not know is absent from `bars`. Symbols are asked for in chunks so a request line stays short.
 */
import { z } from "zod";
import { READ_CLIENT_POLICY, createServiceClient } from "./service-client";
import type { BreakerState, ReadClientOptions } from "./service-client";

const decimalString = z.string().regex(/^\d{1,18}(\.\d{1,12})?$/, { error: "expected a decimal string" });

export const dailyBarSchema = z.object({
  date: z.iso.date(),
  close: decimalString,
  volume: decimalString.optional(),
});
export type DailyBar = z.output<typeof dailyBarSchema>;

const dailyBarsResponse = z.object({ bars: z.record(z.string(), z.array(dailyBarSchema)) });

/** Symbols per request: 50 tickers keep the query string far below any proxy's 8 KB line limit. */
const SYMBOLS_PER_REQUEST = 50;

export interface MarketDataClient {
  /** Daily bars (oldest first, as sent) of each symbol the service knows. */
  dailyBars(symbols: readonly string[]): Promise<Map<string, DailyBar[]>>;
  state(): BreakerState;
}

export type MarketDataClientOptions = ReadClientOptions;

export function createMarketDataClient(options: MarketDataClientOptions): MarketDataClient {
  const client = createServiceClient({ name: "market-data", ...READ_CLIENT_POLICY, ...options });
  return {
    async dailyBars(symbols) {
      const bars = new Map<string, DailyBar[]>();
      for (let i = 0; i < symbols.length; i += SYMBOLS_PER_REQUEST) {
        const chunk = symbols.slice(i, i + SYMBOLS_PER_REQUEST);
        const query = new URLSearchParams({ symbols: chunk.join(",") });
        const answer = await client.get(`/daily-bars?${query.toString()}`, dailyBarsResponse);
        for (const symbol of chunk) {
          const series = answer.bars[symbol];
          if (series !== undefined) bars.set(symbol, series);
        }
      }
      return bars;
    },
    state: () => client.state(),
  };
}
