/**
 * The event bus seen by the rest of NexusTrade. Two implementations: kafkajs (services mode) and
 * in-memory (embedded default and unit tests). Both give at-least-once delivery: offsets are committed
 * only after the batch handler resolved, so a crash re-delivers and consumers dedupe on `event_id`.
 */

/** A message to publish. `key` is the symbol for contract events (keeps per-symbol order). */
export interface OutgoingMessage {
  key?: string | null;
  value: string | Uint8Array;
  headers?: Record<string, string>;
}

/** A message as delivered to a consumer, before decoding. */
export interface RawMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Uint8Array;
  headers: Record<string, string>;
  /** Broker timestamp, ms since epoch. */
  timestamp: number;
}

/** Decoding outcome; a failure is routed unchanged to `<topic>.dlq` with `error` = reason. */
export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface Delivery<T> {
  message: RawMessage;
  value: T;
}

export interface SubscribeOptions<T> {
  groupId: string;
  /** Topic names or patterns (e.g. `/^orders\./`). */
  topics: ReadonlyArray<string | RegExp>;
  fromBeginning?: boolean;
  decode: (message: RawMessage) => Decoded<T>;
  /**
   * Called with the decoded messages of one batch (never empty). Resolving commits the batch
   * (including the dead-lettered messages in it); throwing leaves it uncommitted for redelivery.
   */
  handleBatch: (deliveries: Delivery<T>[]) => Promise<void>;
}

export interface Consumer {
  /** Stops fetching, lets the batch in hand finish and commit, then disconnects. */
  stop(): Promise<void>;
}

export interface EventBus {
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  subscribe<T>(options: SubscribeOptions<T>): Promise<Consumer>;
  /** True when the broker is reachable (used by /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
