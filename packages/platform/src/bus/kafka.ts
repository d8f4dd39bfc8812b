/**
 * EventBus over kafkajs (services mode).
 *
 * Consuming (at-least-once, docs/events.md): `eachBatch` with auto-resolve and auto-commit off. A fetched
 * partition batch goes through consume-batch.ts, shared with InMemoryEventBus: undecodable messages go
 * unchanged to `<topic>.dlq` in one produce call, the good ones to `handleBatch` in one call; a refused
 * message is isolated by splitting and dead-lettered, other failures are retried with backoff (with a
 * heartbeat between retries, so the group keeps the member). Offsets are resolved and committed only
 * up to the last message handled or dead-lettered, the partition batches of one fetch in one request
 * (offset-commits.ts). No per-message awaits anywhere on the happy path.
 *
 * Subscriptions (names and patterns) are resolved against the broker's topic list, excluding `.dlq`
 * topics for patterns, and re-resolved every `topicRefreshMs`: kafkajs resolves a RegExp only once, at
 * subscribe time, so a topic created later would otherwise never be consumed. A topic found later is
 * read from its beginning (it did not exist when we subscribed), as InMemoryEventBus does.
 */
import { Kafka, Partitioners } from "kafkajs";
import type { Admin, Consumer as KafkaConsumer, EachBatchPayload, KafkaMessage, Producer } from "kafkajs";
import type { Logger } from "pino";
import { consumeBatch, retryBackoff } from "./consume-batch";
import type { RetryBackoff, RetryBackoffOptions } from "./consume-batch";
import { DeadLetterMarks, matchesSubscription } from "./dead-letter";
import { kafkaLogLevel, pinoLogCreator } from "./kafka-log";
import { OffsetCommits } from "./offset-commits";
import type {
  Consumer,
  EventBus,
  OutgoingMessage,
  PartitionLag,
  RawMessage,
  SubscribeOptions,
  TopicPartition,
} from "./types";

export interface KafkaFetchOptions {
  /**
   * Upper bound of one partition's batch; 512 KiB is ~1,350 contract events. A backlog's first fetch
   * brings every partition at once, and a consumer merging them in event time (the surveillance stage)
   * holds what the sparse topics bring until the dense ones are read that far. On the pipeline bench,
   * that peak was 130k events held at 4 MiB, 63-70k at 1 MiB and 33-36k at 512 KiB, for a throughput
   * of 22,800-24,300 events/s at 512 KiB against 26,700 at 1 MiB (the target is 20,000).
   */
  maxBytesPerPartition?: number;
  maxBytes?: number;
  /** The broker holds a fetch until this much data is there or `maxWaitTimeInMs` passed. */
  minBytes?: number;
  maxWaitTimeInMs?: number;
}

export interface KafkaEventBusOptions extends RetryBackoffOptions {
  brokers: string[];
  clientId: string;
  logger: Logger;
  /** How often subscriptions are re-resolved against the broker's topics. */
  topicRefreshMs?: number;
  /** Partitions of one consumer handled at the same time (order is kept within a partition). */
  partitionsConsumedConcurrently?: number;
  fetch?: KafkaFetchOptions;
}

/**
 * minBytes 1 (Kafka's own fetch.min.bytes default): the broker answers as soon as anything is there.
 * Batching needs no minimum: while one fetch is being handled the next one's messages pile up, so under
 * load batches grow on their own, and when the flow is light a 64 KiB minimum only made each event wait
 * up to maxWaitTimeInMs (the surveillance pipeline's alert latency, issue 10). An idle partition still
 * costs one fetch per maxWaitTimeInMs.
 */
const defaultFetch: Required<KafkaFetchOptions> = {
  maxBytesPerPartition: 512 * 1024,
  maxBytes: 16 * 1024 * 1024,
  minBytes: 1,
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
  readonly backoff: RetryBackoff;

  constructor(options: KafkaEventBusOptions) {
    if (options.brokers.length === 0) throw new Error("KafkaEventBus needs at least one broker");
    this.options = options;
    this.logger = options.logger;
    this.backoff = retryBackoff(options);
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

  /** Per partition of `topics`: the group's committed offset ("-1" for none) and the log's bounds. */
  async partitionOffsets(groupId: string, topics: readonly string[]): Promise<PartitionOffsets[]> {
    const admin = await this.connectAdmin();
    const [committed, bounds] = await Promise.all([
      admin.fetchOffsets({ groupId, topics: [...topics] }),
      Promise.all(topics.map(async (topic) => ({ topic, partitions: await admin.fetchTopicOffsets(topic) }))),
    ]);
    const committedOf = new Map(
      committed.flatMap(({ topic, partitions }) =>
        partitions.map(({ partition, offset }) => [partitionKey(topic, partition), offset] as const),
      ),
    );
    return bounds.flatMap(({ topic, partitions }) =>
      partitions.map(({ partition, low, high }) => ({
        topic,
        partition,
        committed: committedOf.get(partitionKey(topic, partition)) ?? "-1",
        low,
        high,
      })),
    );
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

export interface PartitionOffsets {
  topic: string;
  partition: number;
  /** The group's next offset to read, "-1" when it committed none. */
  committed: string;
  /** First offset still in the log. */
  low: string;
  /** The high watermark: the offset the next message gets. */
  high: string;
}

const partitionKey = (topic: string, partition: number): string => `${topic}\u0000${partition}`;

/** kafkajs's pause/resume argument: partitions grouped by topic. */
const byTopic = (partitions: readonly TopicPartition[]): Array<{ topic: string; partitions: number[] }> => {
  const grouped = new Map<string, number[]>();
  for (const { topic, partition } of partitions)
    grouped.set(topic, [...(grouped.get(topic) ?? []), partition]);
  return [...grouped].map(([topic, numbers]) => ({ topic, partitions: numbers }));
};

class KafkaSubscription<T> implements Consumer {
  private readonly consumer: KafkaConsumer;
  private readonly deadLettered = new DeadLetterMarks();
  private readonly stopping = new AbortController();
  private readonly subscribed = new Set<string>();
  /** Serializes (re)subscriptions with stop(), since kafkajs needs stop -> subscribe -> run. */
  private membership: Promise<void> = Promise.resolve();
  private refreshTimer: NodeJS.Timeout | undefined;
  /** The partitions the group gave this member at its last join. */
  private assignment: Record<string, number[]> = {};
  /** First offset fetched per partition: where the member started when the group has no commit yet. */
  private readonly firstFetched = new Map<string, string>();
  /** The partition batches of one fetch commit in one request. */
  private readonly commits = new OffsetCommits();

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
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      this.assignment = payload.memberAssignment;
      options.onAssignment?.();
    });
  }

  async lag(): Promise<PartitionLag[]> {
    const assignment = this.assignment;
    const topics = Object.keys(assignment);
    if (topics.length === 0 || this.stopping.signal.aborted) return [];
    const offsets = await this.bus.partitionOffsets(this.options.groupId, topics);
    return offsets
      .filter(({ topic, partition }) => assignment[topic]?.includes(partition) === true)
      .map(({ topic, partition, committed, low, high }) => {
        const end = BigInt(high);
        // No commit yet: the member reads from where it fetched first, or is at the end if it fetched nothing.
        const position =
          committed === "-1" ? (this.firstFetched.get(partitionKey(topic, partition)) ?? high) : committed;
        // A committed offset the log has since dropped reads from the log's start.
        const next = BigInt(position) > BigInt(low) ? BigInt(position) : BigInt(low);
        const lag = end > next ? end - next : 0n;
        return { topic, partition, committedOffset: next.toString(), endOffset: high, lag: Number(lag) };
      });
  }

  pause(partitions: readonly TopicPartition[]): void {
    this.flowControl("pause", partitions);
  }

  resume(partitions: readonly TopicPartition[]): void {
    this.flowControl("resume", partitions);
  }

  /**
   * Pausing is advisory (it bounds what the handler holds; nothing is lost without it): kafkajs refuses
   * it before its first run and after a stop, which is logged, not thrown at the handler.
   */
  private flowControl(action: "pause" | "resume", partitions: readonly TopicPartition[]): void {
    if (partitions.length === 0) return;
    try {
      this.consumer[action](byTopic(partitions));
    } catch (error) {
      this.bus.logger.warn({ err: error, groupId: this.options.groupId, partitions }, `${action} refused`);
    }
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
    this.assignment = {};
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
      partitionsConsumedConcurrently:
        this.options.partitionsConsumedConcurrently ?? this.bus.options.partitionsConsumedConcurrently ?? 1,
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
    if (!this.firstFetched.has(partitionKey(topic, partition)))
      this.firstFetched.set(partitionKey(topic, partition), first.offset);
    const next = await consumeBatch(
      batch.messages.map((message) => toRawMessage(topic, partition, message)),
      this.options,
      {
        groupId: this.options.groupId,
        logger: this.bus.logger,
        publish: (deadLetterTopic, letters) => this.bus.publish(deadLetterTopic, letters),
        deadLettered: this.deadLettered,
        backoff: this.bus.backoff,
        signal: this.stopping.signal,
        caughtUp: BigInt(last.offset) + 1n >= BigInt(batch.highWatermark),
        stillHeld: async () => {
          if (!isRunning() || isStale()) return false;
          await heartbeat();
          return true;
        },
      },
    );
    if (next === undefined) return;
    resolveOffset((BigInt(next) - 1n).toString());
    await this.commits.commit(topic, partition, next, commitOffsetsIfNecessary);
    await heartbeat();
  }
}
