/**
 * The venue quote cache's writer: its own consumer group on marketdata.quotes, storing each venue's
 * newest quote per symbol in the cache port (@nexus/services/routing quote-cache.ts), where every routing
 * process reads it. Only the newest quote matters, so the group starts at the end of the topic and a
 * batch stores just the last quote of each venue and symbol. A fetch's partitions are handled at once (a
 * symbol's quotes are in one partition, so none races another) and their offsets commit in one request.
 * A message that does not decode is the ingest consumer's to dead-letter (it reads the same topic); here
 * it is passed over, so it is not dead-lettered twice.
 */
import { TOPICS, decodeConsumedEvent } from "@nexus/core/events";
import type { QuoteEvent } from "@nexus/core/events";
import type { Consumer, Decoded, EventBus, RawMessage } from "@nexus/platform/bus";
import type { Cache } from "@nexus/platform/cache";
import { storeQuote } from "@nexus/services/routing";
import { PARTITIONS_AT_ONCE } from "../grouped-writes.js";

export interface QuoteCacheConsumerOptions {
  bus: EventBus;
  cache: Cache;
  groupId: string;
}

export function decodeQuote(message: RawMessage): Decoded<QuoteEvent | null> {
  const decoded = decodeConsumedEvent(message.topic, message.value);
  return { ok: true, value: decoded.ok && decoded.event.event_type === "quote" ? decoded.event : null };
}

export function subscribeQuoteCache(options: QuoteCacheConsumerOptions): Promise<Consumer> {
  return options.bus.subscribe<QuoteEvent | null>({
    groupId: options.groupId,
    topics: [TOPICS.marketdataQuotes],
    fromBeginning: false,
    decode: decodeQuote,
    handleBatch: async (deliveries) => {
      const newest = new Map<string, QuoteEvent>();
      for (const { value } of deliveries)
        if (value !== null) newest.set(`${value.symbol} ${value.venue_id}`, value);
      await Promise.all([...newest.values()].map((quote) => storeQuote(options.cache, quote)));
    },
    partitionsConsumedConcurrently: PARTITIONS_AT_ONCE,
  });
}
