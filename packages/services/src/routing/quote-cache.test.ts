import type { QuoteEvent } from "@nexus/core/events";
import { MemoryCache } from "@nexus/platform/cache";
import { describe, expect, it } from "vitest";
import { readQuotes, storeQuote, toVenueQuote } from "./quote-cache";

const event = (occurredAt: string, overrides: Partial<QuoteEvent> = {}): QuoteEvent => ({
  event_id: "5b0b0000-0000-4000-8000-000000000001",
  event_type: "quote",
  occurred_at: occurredAt,
  venue_id: "XNYS",
  symbol: "AAPL",
  bid_price: "189.20",
  bid_size: "300",
  ask_price: "189.25",
  ask_size: "0",
  ...overrides,
});

describe("quote cache", () => {
  it("keeps each venue's newest quote: a late, older event does not replace it", async () => {
    const cache = new MemoryCache();
    expect(await storeQuote(cache, event("2026-11-24T14:30:00.200Z", { bid_price: "189.21" }))).toBe(true);
    expect(await storeQuote(cache, event("2026-11-24T14:30:00.100Z"))).toBe(false);
    await storeQuote(cache, event("2026-11-24T14:30:00.150Z", { venue_id: "XNAS" }));
    const quotes = await readQuotes(cache, "AAPL", ["XNYS", "XNAS", "XBOS"]);
    expect(quotes.map((q) => [q.venueId, q.bidPrice])).toEqual([
      ["XNYS", "189.21"],
      ["XNAS", "189.20"],
    ]);
    expect(quotes[0]?.timestamp).toBe(Date.parse("2026-11-24T14:30:00.200Z"));
  });

  it("turns a cached quote into the router's levels, leaving out a side of size 0", async () => {
    const cache = new MemoryCache();
    await storeQuote(cache, event("2026-11-24T14:30:00.000Z"));
    const [cached] = await readQuotes(cache, "AAPL", ["XNYS"]);
    if (cached === undefined) throw new Error("not cached");
    const quote = toVenueQuote(cached, true);
    expect(quote.bids.map((l) => [l.price.toFixed(), l.quantity.toFixed()])).toEqual([["189.2", "300"]]);
    expect(quote.asks).toEqual([]);
    expect(quote.displayed).toBe(true);
  });
});
