/**
 * The position keeper: its own consumer group on trades.executed (so it keeps its own offsets and can be
 * replayed alone), applying both sides of each trade through @nexus/services/portfolio and then dropping
 * the cached risk of every user whose book changed. The partition batches of one fetch are applied in one
 * transaction (grouped-writes.ts), not one transaction each (six and more a fetch under a steady flow). A
 * message that does not decode is the ingest consumer's to dead-letter (it reads the same topic); here it
 * is passed over, so it is not dead-lettered twice.
 */
import { TOPICS, decodeConsumedEvent } from "@nexus/core/events";
import type { TradeExecutedEvent } from "@nexus/core/events";
import type { Database } from "@nexus/db/client";
import type { Consumer, Decoded, EventBus, RawMessage } from "@nexus/platform/bus";
import type { Cache } from "@nexus/platform/cache";
import { applyExecutedTrades } from "@nexus/services/portfolio";
import { invalidatePortfolios } from "@nexus/services/portfolio";
import { PARTITIONS_AT_ONCE, groupWrites } from "../grouped-writes.js";
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
  // A symbol's trades are in one partition (keyed by symbol), so batches of two partitions touch other
  // positions and need no order between them.
  const apply = groupWrites<TradeExecutedEvent, void>(
    async (trades) => {
      const { changedUsers } = await applyExecutedTrades(options.db, trades);
      await invalidatePortfolios(options.cache, changedUsers);
    },
    () => () => undefined,
  );
  return options.bus.subscribe<TradeExecutedEvent | null>({
    groupId: options.groupId,
    topics: [TOPICS.tradesExecuted],
    fromBeginning: options.fromBeginning ?? false,
    decode: decodeTrade,
    handleBatch: async (deliveries) => {
      const trades = deliveries.flatMap(({ value }) => (value === null ? [] : [value]));
      if (trades.length > 0) await apply(trades);
    },
    isPermanent: isRefusedByDatabase,
    partitionsConsumedConcurrently: PARTITIONS_AT_ONCE,
  });
}
