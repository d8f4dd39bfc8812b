/**
 * The ingest consumer: what the worker does with each batch the bus delivers (decoded contract events
 * from orders.*, trades.executed and marketdata.quotes) and how it subscribes.
 */
import {
  CONSUMED_TOPICS,
  ORDER_TOPIC_PATTERN,
  decodeConsumedEvent,
  formatDecodeError,
} from "@nexus/core/events";
import type { ConsumedEvent } from "@nexus/core/events";
import type { Database } from "@nexus/db/client";
import type { Consumer, Decoded, Delivery, EventBus, RawMessage } from "@nexus/platform/bus";
import type { IngestMetrics } from "../metrics/ingest-metrics.js";
import { persistEvents } from "./persist.js";

/** EVENTS.md: orders by pattern (new order topics are picked up), the other consumed topics by name. */
export const INGEST_TOPICS: ReadonlyArray<string | RegExp> = [
  ORDER_TOPIC_PATTERN,
  ...CONSUMED_TOPICS.filter((topic) => !ORDER_TOPIC_PATTERN.test(topic)),
];

export interface IngestOptions {
  db: Database;
  metrics: IngestMetrics;
  /** Monotonic clock in ms for batch durations; injected so tests can pin it. */
  monotonicNow?: () => number;
}

/** Decodes one message against its topic's schema; a failure is counted and dead-lettered by the bus. */
export function createIngestDecoder(metrics: IngestMetrics): (message: RawMessage) => Decoded<ConsumedEvent> {
  return (message) => {
    const decoded = decodeConsumedEvent(message.topic, message.value);
    if (decoded.ok) return { ok: true, value: decoded.event };
    metrics.recordRejected(message.topic);
    return { ok: false, reason: formatDecodeError(decoded.error) };
  };
}

/** Persists a batch; resolving lets the bus commit it, throwing leaves it for redelivery. */
export function createIngestHandler(
  options: IngestOptions,
): (deliveries: Delivery<ConsumedEvent>[]) => Promise<void> {
  const monotonicNow = options.monotonicNow ?? (() => performance.now());
  return async (deliveries) => {
    const started = monotonicNow();
    const { duplicates } = await persistEvents(
      options.db,
      deliveries.map((delivery) => delivery.value),
    );
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
}

export function subscribeIngest(options: SubscribeIngestOptions): Promise<Consumer> {
  return options.bus.subscribe<ConsumedEvent>({
    groupId: options.groupId,
    topics: INGEST_TOPICS,
    fromBeginning: options.fromBeginning ?? false,
    decode: createIngestDecoder(options.metrics),
    handleBatch: createIngestHandler(options),
  });
}
