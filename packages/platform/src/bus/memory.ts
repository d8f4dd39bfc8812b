/**
 * In-memory event bus for the embedded default and unit tests, with Kafka's consumer semantics:
 * topics are append-only logs (one partition each), a consumer group owns a topic through one member
 * and commits the next offset only after the batch handler resolved, a handler that throws sees the
 * same batch again after a backoff, undecodable messages go to `<topic>.dlq` exactly as KafkaEventBus
 * sends them (shared code in dead-letter.ts).
 *
 * Starting position when the group has no committed offset: the end of the log for topics that exist
 * at subscribe time (unless `fromBeginning`), the start for topics created afterwards, so a pattern
 * subscription loses nothing from a topic that appears later.
 */
import { pino } from "pino";
import type { Logger } from "pino";
import { DeadLetterMarks, decodeBatch, matchesSubscription } from "./dead-letter.js";
import { pause } from "./pause.js";
import { deadLetterTopicOf } from "@nexus/core/events";
import type { Consumer, EventBus, OutgoingMessage, RawMessage, SubscribeOptions } from "./types.js";

export interface InMemoryEventBusOptions {
  logger?: Logger;
  /** Broker clock for message timestamps (ms since epoch). */
  now?: () => number;
  /** Most messages handed to one handleBatch call. */
  maxBatchSize?: number;
  /** Wait before redelivering a batch whose handler threw. */
  retryBackoffMs?: number;
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

export class InMemoryEventBus implements EventBus {
  private readonly logs = new Map<string, RawMessage[]>();
  private readonly groups = new Map<string, GroupState>();
  private readonly consumers = new Set<MemoryConsumer<unknown>>();
  private closed = false;
  readonly logger: Logger;
  readonly now: () => number;
  readonly maxBatchSize: number;
  readonly retryBackoffMs: number;

  constructor(options: InMemoryEventBusOptions = {}) {
    this.logger = options.logger ?? pino({ level: "silent" });
    this.now = options.now ?? Date.now;
    this.maxBatchSize = options.maxBatchSize ?? 1000;
    this.retryBackoffMs = options.retryBackoffMs ?? 500;
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (this.closed) throw new Error("event bus is closed");
    if (!legalTopic.test(topic)) throw new Error(`invalid topic name "${topic}"`);
    const log = this.logs.get(topic) ?? [];
    this.logs.set(topic, log);
    const timestamp = this.now();
    for (const message of messages) {
      log.push({
        topic,
        partition: 0,
        offset: String(log.length),
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

  /** Every message of a topic, in offset order (tests and the embedded DLQ view). */
  messages(topic: string): readonly RawMessage[] {
    return this.logs.get(topic) ?? [];
  }

  /** The group's committed offset (next to read) for a topic, as Kafka reports it. */
  committedOffset(groupId: string, topic: string): string | undefined {
    const offset = this.groups.get(groupId)?.committed.get(topic);
    return offset === undefined ? undefined : String(offset);
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

  constructor(
    private readonly bus: InMemoryEventBus,
    private readonly options: SubscribeOptions<T>,
  ) {
    this.group = bus.group(options.groupId);
    for (const topic of bus.topicNames()) {
      const existingEnd = options.fromBeginning ? 0 : bus.messages(topic).length;
      this.startOffsets.set(topic, existingEnd);
    }
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
      const batch = this.nextBatch();
      if (batch) await this.process(batch);
      else await new Promise<void>((resolve) => (this.wakeWaiter = resolve));
      this.wakeWaiter = undefined;
    }
  }

  /** Round-robin over the owned topics so one busy topic cannot starve the others. */
  private nextBatch(): PendingBatch | undefined {
    const topics = this.bus.topicNames().filter((topic) => this.claim(topic));
    for (let step = 0; step < topics.length; step++) {
      const index = (this.nextTopicIndex + step) % topics.length;
      const topic = topics[index];
      if (topic === undefined) continue;
      const from = this.group.committed.get(topic) ?? this.startOffsets.get(topic) ?? 0;
      const messages = this.bus.messages(topic).slice(from, from + this.bus.maxBatchSize);
      if (messages.length > 0) {
        this.nextTopicIndex = index + 1;
        return { topic, messages };
      }
    }
    return undefined;
  }

  private claim(topic: string): boolean {
    if (!matchesSubscription(topic, this.options.topics)) return false;
    const owner = this.group.owners.get(topic);
    if (owner === undefined) this.group.owners.set(topic, this as MemoryConsumer<unknown>);
    return owner === undefined || owner === this;
  }

  private async process({ topic, messages }: PendingBatch): Promise<void> {
    const last = messages[messages.length - 1];
    if (last === undefined) return;
    try {
      const { deliveries, deadLetters } = decodeBatch(
        messages,
        this.options.decode,
        this.deadLettered.through(topic, 0),
      );
      if (deadLetters.length > 0) {
        await this.bus.publish(deadLetterTopicOf(topic), deadLetters);
        this.deadLettered.advance(topic, 0, last.offset);
      }
      if (deliveries.length > 0) await this.options.handleBatch(deliveries);
      this.group.committed.set(topic, Number(last.offset) + 1);
    } catch (error) {
      this.bus.logger.error(
        { err: error, topic, groupId: this.options.groupId, firstOffset: messages[0]?.offset },
        "batch handler failed; redelivering after backoff",
      );
      await pause(this.bus.retryBackoffMs, this.stopping.signal);
    }
  }
}
