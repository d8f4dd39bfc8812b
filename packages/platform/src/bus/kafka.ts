/**
 * EventBus over kafkajs (services mode).
 *
 * Consuming (at-least-once, EVENTS.md): `eachBatch` with auto-resolve and auto-commit off. Every message
 * of a fetched partition batch is decoded; failures go unchanged to `<topic>.dlq` in one produce call;
 * the good ones go to `handleBatch` in one call; only after it resolved is the batch resolved and its
 * offset committed. A throwing handler leaves the batch uncommitted: after a backoff the consumer seeks
 * back to the batch's first offset and fetches it again. No per-message awaits anywhere on that path.
 *
 * Subscriptions (names and patterns) are resolved against the broker's topic list, excluding `.dlq`
 * topics for patterns, and re-resolved every `topicRefreshMs`: kafkajs resolves a RegExp only once, at
 * subscribe time, so a topic created later would otherwise never be consumed. A topic found later is
 * read from its beginning (it did not exist when we subscribed), as InMemoryEventBus does.
 */
import { Kafka, Partitioners } from "kafkajs";
import type { Admin, Consumer as KafkaConsumer, EachBatchPayload, KafkaMessage, Producer } from "kafkajs";
import type { Logger } from "pino";
import { DeadLetterMarks, decodeBatch, matchesSubscription } from "./dead-letter.js";
import { kafkaLogLevel, pinoLogCreator } from "./kafka-log.js";
import { pause } from "./pause.js";
import { deadLetterTopicOf } from "@nexus/core/events";
import type { Consumer, EventBus, OutgoingMessage, RawMessage, SubscribeOptions } from "./types.js";

export interface KafkaFetchOptions {
  /** Upper bound of one partition's batch; 4 MiB is ~10k contract events. */
  maxBytesPerPartition?: number;
  maxBytes?: number;
  /** The broker holds a fetch until this much data is there or `maxWaitTimeInMs` passed. */
  minBytes?: number;
  maxWaitTimeInMs?: number;
}

export interface KafkaEventBusOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** Wait before re-fetching a batch whose handler threw. */
  retryBackoffMs?: number;
  /** How often subscriptions are re-resolved against the broker's topics. */
  topicRefreshMs?: number;
  /** Partitions of one consumer handled at the same time (order is kept within a partition). */
  partitionsConsumedConcurrently?: number;
  fetch?: KafkaFetchOptions;
}

const defaultFetch: Required<KafkaFetchOptions> = {
  maxBytesPerPartition: 4 * 1024 * 1024,
  maxBytes: 16 * 1024 * 1024,
  minBytes: 64 * 1024,
  maxWaitTimeInMs: 100,
};

const emptyValue = new Uint8Array(0);

const toBuffer = (value: string | Uint8Array): Buffer =>
  typeof value === "string"
    ? Buffer.from(value, "utf8")
    : Buffer.from(value.buffer, value.byteOffset, value.byteLength);

const headerText = (value: Buffer | string | (Buffer | string)[] | undefined): string | undefined => {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.map((part) => part.toString()).join(",");
  return value.toString();
};

const toRawMessage = (topic: string, partition: number, message: KafkaMessage): RawMessage => {
  const headers: Record<string, string> = {};
  if (message.headers) {
    for (const [name, value] of Object.entries(message.headers)) {
      const text = headerText(value);
      if (text !== undefined) headers[name] = text;
    }
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key === null ? null : message.key.toString("utf8"),
    value: message.value ?? emptyValue,
    headers,
    timestamp: Number(message.timestamp),
  };
};

/** Connects once on first use; a failed attempt is forgotten so the next call tries again. */
const lazily = <T>(connect: () => Promise<T>): (() => Promise<T>) => {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= connect().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
};

const withTimeout = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });

export class KafkaEventBus implements EventBus {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly consumers = new Set<KafkaSubscription<unknown>>();
  private readonly connectProducer: () => Promise<Producer>;
  private readonly connectAdmin: () => Promise<Admin>;
  readonly logger: Logger;
  readonly options: KafkaEventBusOptions;

  constructor(options: KafkaEventBusOptions) {
    if (options.brokers.length === 0) throw new Error("KafkaEventBus needs at least one broker");
    this.options = options;
    this.logger = options.logger;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logLevel: kafkaLogLevel(options.logger),
      logCreator: pinoLogCreator(options.logger),
    });
    // Naming the partitioner explicitly is what silences kafkajs' v2 partitioner warning; the default
    // one is murmur2 on the key, the Java client's, so other teams' producers pick the same partitions.
    this.producer = this.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
    this.admin = this.kafka.admin();
    this.connectProducer = lazily(async () => (await this.producer.connect(), this.producer));
    this.connectAdmin = lazily(async () => (await this.admin.connect(), this.admin));
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const producer = await this.connectProducer();
    await producer.send({
      topic,
      acks: -1,
      messages: messages.map((message) => ({
        key: message.key ?? null,
        value: toBuffer(message.value),
        ...(message.headers ? { headers: message.headers } : {}),
      })),
    });
  }

  async subscribe<T>(options: SubscribeOptions<T>): Promise<Consumer> {
    const subscription = new KafkaSubscription<T>(this, options);
    this.consumers.add(subscription as KafkaSubscription<unknown>);
    try {
      await subscription.start();
    } catch (error) {
      this.consumers.delete(subscription as KafkaSubscription<unknown>);
      await subscription.stop();
      throw error;
    }
    return subscription;
  }

  /** Creates the topics that do not exist yet (brokers may run with auto-create off). */
  async ensureTopics(names: readonly string[], partitions: number, replicationFactor = 1): Promise<void> {
    const admin = await this.connectAdmin();
    const existing = new Set(await admin.listTopics());
    const missing = [...new Set(names)].filter((name) => !existing.has(name));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor })),
    });
  }

  /** Deletes the topics that exist (test clean-up, tooling); missing ones are ignored. */
  async deleteTopics(names: readonly string[]): Promise<void> {
    const admin = await this.connectAdmin();
    const existing = new Set(await admin.listTopics());
    // A name listed twice makes the broker reject the whole request as malformed.
    const present = [...new Set(names)].filter((name) => existing.has(name));
    if (present.length > 0) await admin.deleteTopics({ topics: present });
  }

  async listTopics(): Promise<string[]> {
    return (await this.connectAdmin()).listTopics();
  }

  async ping(): Promise<boolean> {
    try {
      const admin = await withTimeout(this.connectAdmin(), 5000, "kafka admin connect");
      const cluster = await withTimeout(admin.describeCluster(), 5000, "kafka describeCluster");
      return cluster.brokers.length > 0;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    await Promise.all([this.producer.disconnect(), this.admin.disconnect()]);
  }

  newConsumer(groupId: string): KafkaConsumer {
    const fetch = { ...defaultFetch, ...this.options.fetch };
    return this.kafka.consumer({ groupId, allowAutoTopicCreation: false, ...fetch });
  }

  forget(subscription: KafkaSubscription<unknown>): void {
    this.consumers.delete(subscription);
  }
}

class KafkaSubscription<T> implements Consumer {
  private readonly consumer: KafkaConsumer;
  private readonly deadLettered = new DeadLetterMarks();
  private readonly stopping = new AbortController();
  private readonly subscribed = new Set<string>();
  /** Serializes (re)subscriptions with stop(), since kafkajs needs stop -> subscribe -> run. */
  private membership: Promise<void> = Promise.resolve();
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly bus: KafkaEventBus,
    private readonly options: SubscribeOptions<T>,
  ) {
    this.consumer = bus.newConsumer(options.groupId);
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      bus.logger.error(
        { err: payload.error, groupId: options.groupId, restart: payload.restart },
        "kafka consumer crashed",
      );
    });
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    await this.addNewTopics(this.options.fromBeginning ?? false);
    this.refreshTimer = setInterval(() => {
      this.membership = this.membership
        .then(() => this.addNewTopics(true))
        .catch((error: unknown) =>
          this.bus.logger.warn({ err: error, groupId: this.options.groupId }, "topic refresh failed"),
        );
    }, this.bus.options.topicRefreshMs ?? 30_000);
    this.refreshTimer.unref();
  }

  async stop(): Promise<void> {
    if (this.stopping.signal.aborted) return this.membership;
    this.stopping.abort();
    clearInterval(this.refreshTimer);
    // disconnect() stops fetching, waits for the batch in hand (which commits) and leaves the group.
    this.membership = this.membership.then(() => this.consumer.disconnect());
    this.bus.forget(this as KafkaSubscription<unknown>);
    return this.membership;
  }

  private async addNewTopics(fromBeginning: boolean): Promise<void> {
    if (this.stopping.signal.aborted) return;
    const topics = (await this.bus.listTopics()).filter(
      (topic) => !this.subscribed.has(topic) && matchesSubscription(topic, this.options.topics),
    );
    if (topics.length === 0) return;
    if (this.subscribed.size > 0) await this.consumer.stop();
    await this.consumer.subscribe({ topics, fromBeginning });
    for (const topic of topics) this.subscribed.add(topic);
    await this.consumer.run({
      eachBatchAutoResolve: false,
      autoCommit: false,
      partitionsConsumedConcurrently: this.bus.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.handle(payload),
    });
  }

  private async handle({
    batch,
    resolveOffset,
    commitOffsetsIfNecessary,
    heartbeat,
    isRunning,
    isStale,
  }: EachBatchPayload): Promise<void> {
    const { topic, partition } = batch;
    const first = batch.messages[0];
    const last = batch.messages[batch.messages.length - 1];
    if (first === undefined || last === undefined || !isRunning() || isStale()) return;
    try {
      const messages = batch.messages.map((message) => toRawMessage(topic, partition, message));
      const { deliveries, deadLetters } = decodeBatch(
        messages,
        this.options.decode,
        this.deadLettered.through(topic, partition),
      );
      if (deadLetters.length > 0) {
        await this.bus.publish(deadLetterTopicOf(topic), deadLetters);
        this.deadLettered.advance(topic, partition, last.offset);
      }
      if (deliveries.length > 0) await this.options.handleBatch(deliveries);
    } catch (error) {
      this.bus.logger.error(
        { err: error, topic, partition, groupId: this.options.groupId, firstOffset: first.offset },
        "batch handler failed; re-fetching after backoff",
      );
      await pause(this.bus.options.retryBackoffMs ?? 500, this.stopping.signal);
      this.consumer.seek({ topic, partition, offset: first.offset });
      return;
    }
    resolveOffset(last.offset);
    const next = (BigInt(last.offset) + 1n).toString();
    await commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: next }] }] });
    await heartbeat();
  }
}
