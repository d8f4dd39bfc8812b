/**
 * What both buses do with one partition's fetched batch, in one place so their semantics cannot drift.
 *
 * 1. Undecodable messages go to `<topic>.dlq` (dead-letter.ts); the others are handed to handleBatch.
 * 2. A handleBatch failure that `isPermanent` blames on the deliveries (the database refused a row) splits
 *    the batch in halves, recursively, handling the halves in order, until each offending delivery is
 *    alone: that one is dead-lettered with the root cause's message as its `error` header, and the rest
 *    is handled. One bad message among n costs about 2·log2(n) calls and stalls nothing.
 * 3. Any other failure (database or broker unreachable, or unrecognised) is retried on the same
 *    deliveries with exponential backoff until it succeeds or the consumer stops; nothing is
 *    dead-lettered for it. A dead letter that cannot be published is retried the same way.
 *
 * Deliveries are settled strictly in offset order, so what is settled is always a prefix of the batch:
 * the offset returned for commit never passes a message that is neither handled nor dead-lettered.
 */
import type { Logger } from "pino";
import { deadLetterTopicOf } from "@nexus/core/events";
import { decodeBatch, toDeadLetter } from "./dead-letter";
import type { DeadLetterMarks } from "./dead-letter";
import { pause } from "./pause";
import type { Delivery, OutgoingMessage, RawMessage, SubscribeOptions } from "./types";

export interface RetryBackoff {
  /** Wait after a first failure; it doubles with each further consecutive failure, up to `maxMs`. */
  initialMs: number;
  maxMs: number;
  /** Waits `ms`, returning early when `signal` aborts (injected by tests, which need not wait). */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface RetryBackoffOptions {
  /** First wait before retrying a failed batch (default 500 ms). */
  retryBackoffMs?: number;
  /**
   * Longest wait between retries (default 10 s). Kafka hears a heartbeat between retries, so this
   * stays well under the group's 30 s session timeout.
   */
  maxRetryBackoffMs?: number;
  sleep?: RetryBackoff["sleep"];
}

export const retryBackoff = (options: RetryBackoffOptions): RetryBackoff => ({
  initialMs: options.retryBackoffMs ?? 500,
  maxMs: options.maxRetryBackoffMs ?? 10_000,
  sleep: options.sleep ?? pause,
});

export interface BatchContext {
  groupId: string;
  logger: Logger;
  publish: (topic: string, messages: OutgoingMessage[]) => Promise<void>;
  /** What this member already dead-lettered as undecodable, per partition. */
  deadLettered: DeadLetterMarks;
  backoff: RetryBackoff;
  /** Aborts when the consumer stops: retrying ends and only the settled prefix is committed. */
  signal: AbortSignal;
  /** The batch ends at the partition's log end as of its fetch (SettledBatch.caughtUp). */
  caughtUp: boolean;
  /**
   * Asked before each retry: keeps the group membership alive (Kafka's heartbeat) and answers whether
   * this member still holds the partition. A throw (a rebalance) abandons the batch uncommitted.
   */
  stillHeld?: () => Promise<boolean>;
}

/**
 * The message of the innermost `cause`: query builders wrap the database's own error (drizzle's
 * "Failed query: ..." carries the statement and its parameters; its cause says what Postgres refused).
 */
export function rootCauseMessage(error: unknown): string {
  let cause = error;
  while (cause instanceof Error && cause.cause !== undefined) cause = cause.cause;
  return cause instanceof Error ? cause.message : String(cause);
}

const nextOffset = (offset: string): string => (BigInt(offset) + 1n).toString();

/**
 * Decodes, dead-letters and handles one partition's batch (offsets ascending). Resolves with the offset
 * to commit (the next one to read): every message before it is handled or dead-lettered. Undefined when
 * nothing of the batch got settled before the consumer stopped or lost the partition.
 */
export async function consumeBatch<T>(
  messages: readonly RawMessage[],
  options: SubscribeOptions<T>,
  context: BatchContext,
): Promise<string | undefined> {
  const first = messages[0];
  const last = messages[messages.length - 1];
  if (first === undefined || last === undefined) return undefined;
  const { topic, partition } = first;
  const deadLetterTopic = deadLetterTopicOf(topic);
  const where = { topic, partition, groupId: context.groupId };

  /** Waits before retry number `failures + 1`; false when the consumer stops or lost the partition. */
  const backOff = async (failures: number): Promise<boolean> => {
    const { initialMs, maxMs, sleep } = context.backoff;
    await sleep(Math.min(maxMs, initialMs * 2 ** failures), context.signal);
    if (context.signal.aborted) return false;
    return context.stillHeld === undefined || (await context.stillHeld());
  };

  const publishDeadLetters = async (letters: OutgoingMessage[]): Promise<boolean> => {
    for (let failures = 0; ; failures++) {
      try {
        await context.publish(deadLetterTopic, letters);
        return true;
      } catch (error) {
        context.logger.error({ ...where, err: error }, "dead letters not published; retrying after backoff");
        if (!(await backOff(failures))) return false;
      }
    }
  };

  const { deliveries, rejected } = decodeBatch(
    messages,
    options.decode,
    context.deadLettered.through(topic, partition),
  );
  if (rejected.length > 0) {
    const letters = rejected.map(({ message, reason }) => toDeadLetter(message, reason));
    if (!(await publishDeadLetters(letters))) return undefined;
    context.deadLettered.advance(topic, partition, last.offset);
    for (const { reason } of rejected)
      options.onDeadLetter?.({ topic, partition, cause: "undecodable", reason });
  }

  let settled = 0;
  const deadLetterRefused = async (delivery: Delivery<T>, error: unknown): Promise<boolean> => {
    const reason = rootCauseMessage(error);
    context.logger.warn(
      { ...where, offset: delivery.message.offset, reason },
      "message refused; dead-lettering it",
    );
    if (!(await publishDeadLetters([toDeadLetter(delivery.message, reason)]))) return false;
    settled += 1;
    options.onDeadLetter?.({ topic, partition, cause: "refused", reason });
    return true;
  };

  /** Settles `slice` (contiguous, in order); false when the consumer stopped before it was. */
  const settle = async (slice: Delivery<T>[]): Promise<boolean> => {
    for (let failures = 0; ; failures++) {
      try {
        await options.handleBatch(slice);
        settled += slice.length;
        return true;
      } catch (error) {
        if (options.isPermanent?.(error) === true) {
          const [only] = slice;
          if (slice.length === 1 && only !== undefined) return deadLetterRefused(only, error);
          const middle = Math.ceil(slice.length / 2);
          return (await settle(slice.slice(0, middle))) && settle(slice.slice(middle));
        }
        context.logger.error(
          { ...where, err: error, firstOffset: slice[0]?.message.offset, size: slice.length },
          "batch handler failed; retrying after backoff",
        );
        if (!(await backOff(failures))) return false;
      }
    }
  };

  if (deliveries.length === 0 || (await settle(deliveries))) {
    options.onSettled?.({
      topic,
      partition,
      values: deliveries.map((delivery) => delivery.value),
      caughtUp: context.caughtUp,
    });
    return nextOffset(last.offset);
  }
  const firstUnsettled = deliveries[settled]?.message.offset;
  return firstUnsettled === undefined || firstUnsettled === first.offset ? undefined : firstUnsettled;
}
