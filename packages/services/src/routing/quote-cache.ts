import type { QuoteEvent } from "@nexus/core/events";
import { Decimal } from "@nexus/core/money";
import type { PriceLevel, VenueQuote } from "@nexus/core/routing";
import type { Cache } from "@nexus/platform/cache";

/**
 * The venue quote cache shared by the worker (which writes each `marketdata.quotes` event as it arrives)
 * and every routing process (which reads it per order): the web server holds no engine state, so the
 * router's market view lives in the cache port, Redis in services mode. One key per venue and symbol, so
 * a quote replaces only its own venue's and the NBBO reflects it from the next order on.
 */
const QUOTE_KEY_PREFIX = "routing:quote:";

/**
 * Redis `SET ... EX` (and so the cache port) counts whole seconds: an entry lives 1 s, after which it is
 * gone. Freshness is the router's quote TTL (under 1 s, SmartOrderRouterOptions.quoteTtlMs), measured
 * from the quote's own timestamp, so a quote older than that is reported stale even while still cached.
 */
export const QUOTE_CACHE_TTL_SECONDS = 1;

/** A quote as cached: the event's prices and sizes as decimal strings, its time in epoch ms. */
export interface CachedQuote {
  venueId: string;
  symbol: string;
  bidPrice: string;
  bidSize: string;
  askPrice: string;
  askSize: string;
  timestamp: number;
}

export function quoteCacheKey(symbol: string, venueId: string): string {
  return `${QUOTE_KEY_PREFIX}${symbol}:${venueId}`;
}

/** Stores the venue's newest quote; an event older than the cached one (redelivery, reorder) is dropped. */
export async function storeQuote(cache: Cache, event: QuoteEvent): Promise<boolean> {
  const key = quoteCacheKey(event.symbol, event.venue_id);
  const timestamp = Date.parse(event.occurred_at);
  const cached = await cache.get<CachedQuote>(key);
  if (cached !== undefined && cached.timestamp > timestamp) return false;
  const quote: CachedQuote = {
    venueId: event.venue_id,
    symbol: event.symbol,
    bidPrice: event.bid_price,
    bidSize: event.bid_size,
    askPrice: event.ask_price,
    askSize: event.ask_size,
    timestamp,
  };
  await cache.set(key, quote, QUOTE_CACHE_TTL_SECONDS);
  return true;
}

/** The cached quotes of these venues for the symbol (venues without one are left out). */
export async function readQuotes(
  cache: Cache,
  symbol: string,
  venueIds: readonly string[],
): Promise<CachedQuote[]> {
  const quotes = await Promise.all(
    venueIds.map((venueId) => cache.get<CachedQuote>(quoteCacheKey(symbol, venueId))),
  );
  return quotes.filter((quote): quote is CachedQuote => quote !== undefined);
}

/** A side of the quote as the router's one price level, or none when its size is 0. */
function level(price: string, size: string): PriceLevel[] {
  const quantity = new Decimal(size);
  return quantity.isZero() ? [] : [{ price: new Decimal(price), quantity }];
}

/**
 * The router's view of a cached quote. Only exchanges' quotes are protected quotations (Reg NMS Rule
 * 600(b)) that set the NBBO; an ATS's or a market maker's are undisplayed.
 */
export function toVenueQuote(quote: CachedQuote, displayed: boolean): VenueQuote {
  return {
    venueId: quote.venueId,
    symbol: quote.symbol,
    bids: level(quote.bidPrice, quote.bidSize),
    asks: level(quote.askPrice, quote.askSize),
    displayed,
    timestamp: quote.timestamp,
  };
}
