/**
 * Dead letters, shared by both buses (through consume-batch.ts): decode a fetched batch, turn each
 * failure into its dead letter (docs/events.md: "goes, unchanged, to <topic>.dlq with headers error and
 * source-offset"), and remember what was already dead-lettered so a batch fetched again (after a
 * rebalance abandoned it) does not put the same undecodable message in the DLQ twice.
 */
import { deadLetterTopicOf } from "@nexus/core/events";
import type { Decoded, Delivery, OutgoingMessage, RawMessage } from "./types";

export interface Rejection {
  message: RawMessage;
  reason: string;
}

export interface DecodedBatch<T> {
  deliveries: Delivery<T>[];
  /** Undecodable messages not dead-lettered before. */
  rejected: Rejection[];
}

/** Same key, value and headers as the source, plus where it came from and why it was rejected. */
export const toDeadLetter = (message: RawMessage, reason: string): OutgoingMessage => ({
  key: message.key,
  value: message.value,
  headers: {
    ...message.headers,
    error: reason,
    "source-topic": message.topic,
    "source-partition": String(message.partition),
    "source-offset": message.offset,
  },
});

const safeDecode = <T>(decode: (message: RawMessage) => Decoded<T>, message: RawMessage): Decoded<T> => {
  try {
    return decode(message);
  } catch (error) {
    return { ok: false, reason: `decoder threw: ${error instanceof Error ? error.message : String(error)}` };
  }
};

/**
 * Decodes one partition's batch (all messages share topic and partition, offsets ascending).
 * Messages at or below `deadLetteredThrough` were dead-lettered on an earlier delivery and are skipped.
 */
export const decodeBatch = <T>(
  messages: readonly RawMessage[],
  decode: (message: RawMessage) => Decoded<T>,
  deadLetteredThrough: bigint | undefined,
): DecodedBatch<T> => {
  const deliveries: Delivery<T>[] = [];
  const rejected: Rejection[] = [];
  for (const message of messages) {
    const decoded = safeDecode(decode, message);
    if (decoded.ok) deliveries.push({ message, value: decoded.value });
    else if (deadLetteredThrough === undefined || BigInt(message.offset) > deadLetteredThrough)
      rejected.push({ message, reason: decoded.reason });
  }
  return { deliveries, rejected };
};

/** Per topic-partition high-water mark of offsets whose dead letters are already published. */
export class DeadLetterMarks {
  private readonly marks = new Map<string, bigint>();

  through(topic: string, partition: number): bigint | undefined {
    return this.marks.get(`${topic}\u0000${partition}`);
  }

  advance(topic: string, partition: number, offset: string): void {
    const key = `${topic}\u0000${partition}`;
    const next = BigInt(offset);
    const current = this.marks.get(key);
    if (current === undefined || next > current) this.marks.set(key, next);
  }
}

/** Dead-letter topics are only consumed when named explicitly; `/^orders\./` must not match `orders.created.dlq`. */
export const matchesSubscription = (topic: string, subscriptions: ReadonlyArray<string | RegExp>): boolean =>
  subscriptions.some((subscription) => {
    if (typeof subscription === "string") return subscription === topic;
    if (topic.endsWith(deadLetterTopicOf(""))) return false;
    // A /g or /y pattern keeps lastIndex between test() calls; reset so every topic is tested from 0.
    subscription.lastIndex = 0;
    return subscription.test(topic);
  });
