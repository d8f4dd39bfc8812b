/**
 * The position keeper: its own consumer group on trades.executed (so it keeps its own offsets and can be
 * replayed alone), applying both sides of each trade through @nexus/services/portfolio and then dropping
 * the cached risk of every user whose book changed. A message that does not decode is the ingest
 * consumer's to dead-letter (it reads the same topic); here it is passed over, so it is not dead-lettered
 * twice.
 */
import { TOPICS, decodeConsumedEvent } from "@nexus/core/events";
import type { TradeExecutedEvent } from "@nexus/core/events";
import type { Database } from "@nexus/db/client";
import type { Consumer, Decoded, EventBus, RawMessage } from "@nexus/platform/bus";
import type { Cache } from "@nexus/platform/cache";
import { applyExecutedTrades } from "@nexus/services/portfolio";
import { invalidatePortfolios } from "@nexus/services/portfolio";
import { isRefusedByDatabase } from "../ingest/refused-by-database.js";

export interface PositionConsumerOptions {
  bus: EventBus;
  db: Database;
  cache: Cache;
  groupId: string;
  fromBeginning?: boolean;
}

export function decodeTrade(message: RawMessage): Decoded<TradeExecutedEvent | null> {
  const decoded = decodeConsumedEvent(message.topic, message.value);
  return {
    ok: true,
    value: decoded.ok && decoded.event.event_type === "trade.executed" ? decoded.event : null,
  };
}

export function subscribePositions(options: PositionConsumerOptions): Promise<Consumer> {
  return options.bus.subscribe<TradeExecutedEvent | null>({
    groupId: options.groupId,
    topics: [TOPICS.tradesExecuted],
    fromBeginning: options.fromBeginning ?? false,
    decode: decodeTrade,
    handleBatch: async (deliveries) => {
      const trades = deliveries.flatMap(({ value }) => (value === null ? [] : [value]));
      if (trades.length === 0) return;
      const { changedUsers } = await applyExecutedTrades(options.db, trades);
      await invalidatePortfolios(options.cache, changedUsers);
    },
    isPermanent: isRefusedByDatabase,
  });
}
