/**
 * In-memory event bus for the embedded default and unit tests, with Kafka's consumer semantics:
 * topics are append-only logs (one partition each), a consumer group owns a topic through one member
 * and commits the next offset only after the batch is handled (consume-batch.ts, shared with
 * KafkaEventBus: undecodable and refused messages go to `<topic>.dlq`, other failures are retried).
 *
 * Starting position when the group has no committed offset: the end of the log for topics that exist
 * at subscribe time (unless `fromBeginning`), the start for topics created afterwards, so a pattern
 * subscription loses nothing from a topic that appears later.
 *
 * Retention: a topic keeps only what some reader still needs, i.e. messages at or after the lowest
 * committed offset of the groups that read it (and the starting position of a live member that has
 * not committed yet). The embedded demo publishes ~4M events a day; keeping them all would grow the
 * process without bound. Offsets stay those of the full log. A topic nobody reads (a DLQ) keeps
 * everything, as its messages are there to be looked at.
 */
import { pino } from "pino";
import type { Logger } from "pino";
import { consumeBatch, retryBackoff } from "./consume-batch";
import type { RetryBackoff, RetryBackoffOptions } from "./consume-batch";
import { DeadLetterMarks, matchesSubscription } from "./dead-letter";
import type {
  Consumer,
  EventBus,
  OutgoingMessage,
  PartitionLag,
  RawMessage,
  SubscribeOptions,
  TopicPartition,
} from "./types";

export interface InMemoryEventBusOptions extends RetryBackoffOptions {
  logger?: Logger;
  /** Broker clock for message timestamps (ms since epoch). */
  now?: () => number;
  /** Most messages handed to one handleBatch call. */
  maxBatchSize?: number;
}

interface GroupState {
  /** Next offset to read, per topic. */
  committed: Map<string, number>;
  /** One member consumes a topic at a time, like a single-partition topic in a Kafka group. */
  owners: Map<string, MemoryConsumer<unknown>>;
}

/** Kafka's legal topic names (kafka.common.internals.Topic). */
const legalTopic = /^[a-zA-Z0-9._-]{1,249}$/;

const encoder = new TextEncoder();

/** One topic's log: the retained messages and the offset of the first of them. */
class TopicLog {
  /** Offset of `retained[0]`: everything before it was dropped. */
  start = 0;
  retained: RawMessage[] = [];

  get end(): number {
    return this.start + this.retained.length;
  }

  read(from: number, max: number): RawMessage[] {
    const index = Math.max(from, this.start) - this.start;
    return this.retained.slice(index, index + max);
  }

  /**
   * Drops the messages before `offset`, once they are at least as many as those kept: each message is
   * then moved O(1) times on average, even while a reader lags far behind.
   */
  dropBefore(offset: number): void {
    const droppable = Math.min(offset, this.end) - this.start;
    if (droppable <= 0 || droppable < this.retained.length - droppable) return;
    this.retained = this.retained.slice(droppable);
    this.start += droppable;
  }
}

export class InMemoryEventBus implements EventBus {
  private readonly logs = new Map<string, TopicLog>();
  private readonly groups = new Map<string, GroupState>();
  private readonly consumers = new Set<MemoryConsumer<unknown>>();
  private closed = false;
  readonly logger: Logger;
  readonly now: () => number;
  readonly maxBatchSize: number;
  readonly backoff: RetryBackoff;

  constructor(options: InMemoryEventBusOptions = {}) {
    this.logger = options.logger ?? pino({ level: "silent" });
    this.now = options.now ?? Date.now;
    this.maxBatchSize = options.maxBatchSize ?? 1000;
    this.backoff = retryBackoff(options);
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (this.closed) throw new Error("event bus is closed");
    if (!legalTopic.test(topic)) throw new Error(`invalid topic name "${topic}"`);
    const log = this.logs.get(topic) ?? new TopicLog();
    this.logs.set(topic, log);
    const timestamp = this.now();
    for (const message of messages) {
      log.retained.push({
        topic,
        partition: 0,
        offset: String(log.end),
        key: message.key ?? null,
        value: typeof message.value === "string" ? encoder.encode(message.value) : message.value,
        headers: { ...message.headers },
        timestamp,
      });
    }
    for (const consumer of this.consumers) consumer.wake();
  }

  async subscribe<T>(options: SubscribeOptions<T>): Promise<Consumer> {
    if (this.closed) throw new Error("event bus is closed");
    const consumer = new MemoryConsumer<T>(this, options);
    this.consumers.add(consumer as MemoryConsumer<unknown>);
    consumer.start();
    return consumer;
  }

  async ping(): Promise<boolean> {
    return !this.closed;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
  }

  /** The retained messages of a topic, in offset order (tests and the embedded DLQ view). */
  messages(topic: string): readonly RawMessage[] {
    return this.logs.get(topic)?.retained ?? [];
  }

  /** Offset of a topic's first retained message (0 for an unknown topic). */
  startOffset(topic: string): number {
    return this.logs.get(topic)?.start ?? 0;
  }

  /** The offset the next message published to the topic gets (0 for an unknown topic). */
  endOffset(topic: string): number {
    return this.logs.get(topic)?.end ?? 0;
  }

  read(topic: string, from: number): RawMessage[] {
    return this.logs.get(topic)?.read(from, this.maxBatchSize) ?? [];
  }

  /** The group's committed offset (next to read) for a topic, as Kafka reports it. */
  committedOffset(groupId: string, topic: string): string | undefined {
    const offset = this.groups.get(groupId)?.committed.get(topic);
    return offset === undefined ? undefined : String(offset);
  }

  commit(group: GroupState, topic: string, offset: number): void {
    group.committed.set(topic, offset);
    let needed = offset;
    for (const other of this.groups.values()) needed = Math.min(needed, other.committed.get(topic) ?? needed);
    for (const consumer of this.consumers)
      needed = Math.min(needed, consumer.uncommittedStart(topic) ?? needed);
    this.logs.get(topic)?.dropBefore(needed);
  }

  topicNames(): string[] {
    return [...this.logs.keys()];
  }

  group(groupId: string): GroupState {
    const existing = this.groups.get(groupId);
    if (existing) return existing;
    const created: GroupState = { committed: new Map(), owners: new Map() };
    this.groups.set(groupId, created);
    return created;
  }

  forget(consumer: MemoryConsumer<unknown>): void {
    this.consumers.delete(consumer);
  }
}

interface PendingBatch {
  topic: string;
  messages: RawMessage[];
  /** The batch reaches the log's end. */
  caughtUp: boolean;
}

class MemoryConsumer<T> implements Consumer {
  private readonly group: GroupState;
  /** Where this member starts on a topic the group never committed. */
  private readonly startOffsets = new Map<string, number>();
  private readonly deadLettered = new DeadLetterMarks();
  private readonly stopping = new AbortController();
  private wakeWaiter: (() => void) | undefined;
  private loop: Promise<void> | undefined;
  private nextTopicIndex = 0;
  /** Topics (one partition each) not read until resumed. */
  private readonly paused = new Set<string>();

  constructor(
    private readonly bus: InMemoryEventBus,
    private readonly options: SubscribeOptions<T>,
  ) {
    this.group = bus.group(options.groupId);
    for (const topic of bus.topicNames()) {
      const existingEnd = options.fromBeginning ? bus.startOffset(topic) : bus.endOffset(topic);
      this.startOffsets.set(topic, existingEnd);
    }
  }

  /** Where this member will start reading `topic` while its group has committed nothing there. */
  uncommittedStart(topic: string): number | undefined {
    if (this.group.committed.has(topic) || !matchesSubscription(topic, this.options.topics)) return undefined;
    return this.startOffsets.get(topic) ?? 0;
  }

  async lag(): Promise<PartitionLag[]> {
    const lags: PartitionLag[] = [];
    for (const [topic, owner] of this.group.owners) {
      if (owner !== this) continue;
      const committed = this.position(topic);
      const end = this.bus.endOffset(topic);
      lags.push({
        topic,
        partition: 0,
        committedOffset: String(committed),
        endOffset: String(end),
        lag: end - committed,
      });
    }
    return lags;
  }

  /** The next offset the group reads on `topic`. */
  private position(topic: string): number {
    const from = this.group.committed.get(topic) ?? this.startOffsets.get(topic) ?? 0;
    return Math.max(from, this.bus.startOffset(topic));
  }

  pause(partitions: readonly TopicPartition[]): void {
    for (const { topic } of partitions) this.paused.add(topic);
  }

  resume(partitions: readonly TopicPartition[]): void {
    for (const { topic } of partitions) this.paused.delete(topic);
    this.wake();
  }

  start(): void {
    this.loop = this.run();
  }

  wake(): void {
    this.wakeWaiter?.();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.wake();
    await this.loop;
    for (const [topic, owner] of this.group.owners) if (owner === this) this.group.owners.delete(topic);
    this.bus.forget(this as MemoryConsumer<unknown>);
  }

  private async run(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      const batches = this.nextBatches(this.options.partitionsConsumedConcurrently ?? 1);
      if (batches.length > 0) await Promise.all(batches.map((batch) => this.process(batch)));
      else await new Promise<void>((resolve) => (this.wakeWaiter = resolve));
      this.wakeWaiter = undefined;
    }
  }

  /**
   * The next batches of up to `topicsAtOnce` topics, handled together as Kafka hands over one fetch's
   * partitions: a burst published across topics then reaches the handler at once, not one persisted
   * topic after another (the surveillance stage's hold covers the first, not the sum). Round-robin over
   * the owned topics so one busy topic cannot starve the others; paused ones wait.
   */
  private nextBatches(topicsAtOnce: number): PendingBatch[] {
    const topics = this.bus.topicNames().filter((topic) => this.claim(topic) && !this.paused.has(topic));
    const batches: PendingBatch[] = [];
    const first = this.nextTopicIndex;
    for (let step = 0; step < topics.length && batches.length < topicsAtOnce; step++) {
      const index = (first + step) % topics.length;
      const topic = topics[index];
      if (topic === undefined) continue;
      const from = this.position(topic);
      const messages = this.bus.read(topic, from);
      if (messages.length === 0) continue;
      batches.push({ topic, messages, caughtUp: from + messages.length >= this.bus.endOffset(topic) });
      this.nextTopicIndex = index + 1;
    }
    return batches;
  }

  private claim(topic: string): boolean {
    if (!matchesSubscription(topic, this.options.topics)) return false;
    const owner = this.group.owners.get(topic);
    if (owner === undefined) this.group.owners.set(topic, this as MemoryConsumer<unknown>);
    return owner === undefined || owner === this;
  }

  private async process({ topic, messages, caughtUp }: PendingBatch): Promise<void> {
    const next = await consumeBatch(messages, this.options, {
      groupId: this.options.groupId,
      logger: this.bus.logger,
      publish: (deadLetterTopic, letters) => this.bus.publish(deadLetterTopic, letters),
      deadLettered: this.deadLettered,
      backoff: this.bus.backoff,
      signal: this.stopping.signal,
      caughtUp,
    });
    if (next !== undefined) this.bus.commit(this.group, topic, Number(next));
  }
}
