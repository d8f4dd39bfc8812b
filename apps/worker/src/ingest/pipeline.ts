/**
 * The ingest consumer: what the worker does with each batch the bus delivers (decoded contract events
 * from orders.*, trades.executed and marketdata.quotes) and how it subscribes. A batch Postgres refuses
 * part of is split by the bus until the refused events are dead-lettered alone (refused-by-database.ts);
 * any other persist failure is retried with backoff.
 */
import {
  CONSUMED_TOPICS,
  ORDER_TOPIC_PATTERN,
  decodeConsumedEvent,
  formatDecodeError,
} from "@nexus/core/events";
import type { ConsumedEvent } from "@nexus/core/events";
import type { Database } from "@nexus/db/client";
import type { Consumer, Decoded, Delivery, EventBus, RawMessage, SettledBatch } from "@nexus/platform/bus";
import type { IngestMetrics } from "../metrics/ingest-metrics.js";
import { PARTITIONS_AT_ONCE, groupWrites } from "../grouped-writes.js";
import { persistEvents, shareOfPersisted } from "./persist.js";
import { isRefusedByDatabase } from "./refused-by-database.js";

/** docs/events.md: orders by pattern (new order topics are picked up), the other consumed topics by name. */
export const INGEST_TOPICS: ReadonlyArray<string | RegExp> = [
  ORDER_TOPIC_PATTERN,
  ...CONSUMED_TOPICS.filter((topic) => !ORDER_TOPIC_PATTERN.test(topic)),
];

export interface IngestOptions {
  db: Database;
  metrics: IngestMetrics;
  /** Monotonic clock in ms for batch durations; injected so tests can pin it. */
  monotonicNow?: () => number;
  /**
   * Told of the events a batch stored for the first time, once stored (the surveillance stage), and
   * when the batch reached the handler (monotonicNow); not of redelivered ones, so what runs downstream
   * sees each event once. Must not throw.
   */
  onStored?: (fresh: ConsumedEvent[], receivedMs: number) => void;
  /**
   * Awaited after onStored, before the batch resolves (and kafkajs fetches again): downstream's
   * backpressure (the surveillance stage's roomForMore). Must not reject.
   */
  untilRoom?: () => Promise<void>;
}

/** Decodes one message against its topic's schema; the bus dead-letters a failure with its reason. */
export function decodeIngestMessage(message: RawMessage): Decoded<ConsumedEvent> {
  const decoded = decodeConsumedEvent(message.topic, message.value);
  if (decoded.ok) return { ok: true, value: decoded.event };
  return { ok: false, reason: formatDecodeError(decoded.error) };
}

/** Persists a batch; resolving lets the bus commit it, a throw is retried or split by the bus. */
export function createIngestHandler(
  options: IngestOptions,
): (deliveries: Delivery<ConsumedEvent>[]) => Promise<void> {
  const monotonicNow = options.monotonicNow ?? (() => performance.now());
  const persistGrouped = groupWrites((events) => persistEvents(options.db, events), shareOfPersisted);
  const persist = async (events: ConsumedEvent[]) => {
    try {
      return await persistGrouped(events);
    } catch (error) {
      options.metrics.recordFailedBatch(isRefusedByDatabase(error) ? "split" : "retried");
      throw error;
    }
  };
  return async (deliveries) => {
    const started = monotonicNow();
    const { duplicates, fresh } = await persist(deliveries.map((delivery) => delivery.value));
    if (fresh.length > 0) options.onStored?.(fresh, started);
    await options.untilRoom?.();
    const eventsByTopic = new Map<string, number>();
    let oldestTimestampMs = Infinity;
    for (const { message } of deliveries) {
      eventsByTopic.set(message.topic, (eventsByTopic.get(message.topic) ?? 0) + 1);
      oldestTimestampMs = Math.min(oldestTimestampMs, message.timestamp);
    }
    options.metrics.recordBatch({
      eventsByTopic,
      duplicates,
      durationSeconds: (monotonicNow() - started) / 1000,
      oldestTimestampMs,
    });
  };
}

export interface SubscribeIngestOptions extends IngestOptions {
  bus: EventBus;
  groupId: string;
  fromBeginning?: boolean;
  /** See SubscribeOptions.onAssignment. */
  onAssignment?: () => void;
  /** See SubscribeOptions.onSettled (how far each partition has been read, for the surveillance stage). */
  onSettled?: (batch: SettledBatch<ConsumedEvent>) => void;
}

export function subscribeIngest(options: SubscribeIngestOptions): Promise<Consumer> {
  return options.bus.subscribe<ConsumedEvent>({
    groupId: options.groupId,
    topics: INGEST_TOPICS,
    fromBeginning: options.fromBeginning ?? false,
    decode: decodeIngestMessage,
    handleBatch: createIngestHandler(options),
    isPermanent: isRefusedByDatabase,
    // One fetch brings batches of many partitions, and kafkajs fetches again only once all of them are
    // handled: handled together, they are stored in one group commit (grouped-writes.ts) instead of
    // one round trip each, a few at a time (surveillance's alert latency, issue 10). Order within a
    // partition is kept, and the surveillance stage restores event-time order across them.
    partitionsConsumedConcurrently: PARTITIONS_AT_ONCE,
    onDeadLetter: (notice) => options.metrics.recordDeadLettered(notice),
    ...(options.onAssignment === undefined ? {} : { onAssignment: options.onAssignment }),
    ...(options.onSettled === undefined ? {} : { onSettled: options.onSettled }),
  });
}
