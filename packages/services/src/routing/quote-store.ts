import { Decimal } from "@nexus/core/money";
import type { Database } from "@nexus/db/client";
import { readVenueQuotes, upsertVenueQuotes } from "@nexus/db/queries/venue-state";
import type { Cache } from "@nexus/platform/cache";
import { QUOTE_CACHE_TTL_SECONDS, quoteCacheKey, readQuotes, type CachedQuote } from "./quote-cache";

/**
 * Where routing processes share venue quotes: the worker writes what its feeds bring, every router reads
 * per order. Redis (the cache port) when REDIS_URL is set; on the embedded default, which has no Redis,
 * the database both processes already share (venue_quotes), so the web server's router sees the quotes
 * the worker's simulated venues publish.
 */
export interface QuoteStore {
  /** Stores each quote over the venue's older one for the symbol. */
  write(quotes: readonly CachedQuote[]): Promise<void>;
  /** The stored quotes of these venues for the symbol (venues without one are left out). */
  read(symbol: string, venueIds: readonly string[]): Promise<CachedQuote[]>;
}

export function cacheQuoteStore(cache: Cache): QuoteStore {
  return {
    async write(quotes) {
      await Promise.all(
        quotes.map((quote) =>
          cache.set(quoteCacheKey(quote.symbol, quote.venueId), quote, QUOTE_CACHE_TTL_SECONDS),
        ),
      );
    },
    read: (symbol, venueIds) => readQuotes(cache, symbol, venueIds),
  };
}

export function databaseQuoteStore(db: Database): QuoteStore {
  return {
    write: (quotes) =>
      upsertVenueQuotes(
        db,
        quotes.map((quote) => ({
          symbol: quote.symbol,
          venueId: quote.venueId,
          bidPrice: new Decimal(quote.bidPrice),
          bidSize: new Decimal(quote.bidSize),
          askPrice: new Decimal(quote.askPrice),
          askSize: new Decimal(quote.askSize),
          quotedAt: new Date(quote.timestamp),
        })),
      ),
    async read(symbol, venueIds) {
      const rows = await readVenueQuotes(db, symbol, venueIds);
      return rows.map((row) => ({
        venueId: row.venueId,
        symbol: row.symbol,
        bidPrice: row.bidPrice.toFixed(),
        bidSize: row.bidSize.toFixed(),
        askPrice: row.askPrice.toFixed(),
        askSize: row.askSize.toFixed(),
        timestamp: row.quotedAt.getTime(),
      }));
    },
  };
}
