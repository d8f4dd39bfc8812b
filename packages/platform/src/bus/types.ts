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
   * Called with decoded messages of one partition, in offset order (never empty). Resolving settles
   * them; a throw is classified by `isPermanent` (consume-batch.ts): the same deliveries are retried
   * after a backoff, or split until the offending ones are dead-lettered. Offsets are committed only
   * once every message up to them is handled or dead-lettered.
   */
  handleBatch: (deliveries: Delivery<T>[]) => Promise<void>;
  /**
   * True when a handleBatch failure is caused by the deliveries themselves (e.g. the database refused a
   * row), so retrying them as they are would fail forever: the batch is split in halves until each
   * offending delivery is alone, which goes to `<topic>.dlq` with the error as its reason, while the
   * others are handled in order. Every other failure (database or broker unreachable, or anything
   * unrecognised) is retried with exponential backoff and dead-letters nothing. The bus cannot know what a
   * handler's error means, so without this option every failure is retried.
   */
  isPermanent?: (error: unknown) => boolean;
  /**
   * Told of each partition's fetched batch once all of it is handled or dead-lettered, with whether it
   * reached the log's end: a consumer merging partitions in event time (surveillance) learns how far
   * each has been read (SourceWatermarks). Must not throw.
   */
  onSettled?: (batch: SettledBatch<T>) => void;
  /** Told of each message sent to `<topic>.dlq` once it is published (for metrics). */
  onDeadLetter?: (deadLetter: DeadLetterNotice) => void;
  /**
   * Told when the group hands this member a new set of partitions (Kafka: each group join). A consumer
   * that keeps state per key (surveillance, per symbol) rebuilds it, since another member may have
   * handled those keys meanwhile. The in-memory bus has one member and never reassigns.
   */
  onAssignment?: () => void;
  /**
   * Partitions handled at the same time (order is kept within each; default the bus's, 1). Kafka hands
   * over one fetch's batches of every partition together: one at a time, the last waits for all the
   * others' handlers. The in-memory bus hands over one batch of each of that many topics together.
   */
  partitionsConsumedConcurrently?: number;
}

/** One partition's fetched batch, settled (SubscribeOptions.onSettled). */
export interface SettledBatch<T> {
  topic: string;
  partition: number;
  /** The batch's decoded messages in offset order, handled or refused (undecodable ones are not here). */
  values: readonly T[];
  /** The batch ended at the partition's log end when it was fetched (Kafka: the high watermark). */
  caughtUp: boolean;
}

export interface TopicPartition {
  topic: string;
  partition: number;
}

export interface DeadLetterNotice {
  /** The source topic. */
  topic: string;
  partition: number;
  /** `undecodable`: the decoder refused it; `refused`: handleBatch failed permanently on it alone. */
  cause: "undecodable" | "refused";
  /** The DLQ `error` header. */
  reason: string;
}

/** How far a consumer group is behind on one partition, in messages, from its committed offset. */
export interface PartitionLag {
  topic: string;
  partition: number;
  /** The next offset the group reads: its committed offset (where it started, before a first commit). */
  committedOffset: string;
  /** The offset the next message published to the partition gets (the log end, Kafka's high watermark). */
  endOffset: string;
  /** Messages published and not committed: endOffset - committedOffset. */
  lag: number;
}

export interface Consumer {
  /** Stops fetching, lets the batch in hand finish and commit, then disconnects. */
  stop(): Promise<void>;
  /** The group's lag on each partition this member holds now. */
  lag(): Promise<PartitionLag[]>;
  /**
   * Stops fetching these partitions until resumed (a batch in hand is still handled): a consumer that
   * reads some partitions far ahead of others in event time leaves their backlog in the log.
   */
  pause(partitions: readonly TopicPartition[]): void;
  resume(partitions: readonly TopicPartition[]): void;
}

export interface EventBus {
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  subscribe<T>(options: SubscribeOptions<T>): Promise<Consumer>;
  /** True when the broker is reachable (used by /readyz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
