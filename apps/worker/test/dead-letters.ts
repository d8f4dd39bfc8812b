/** Reads a dead-letter topic on the real broker, the way an operator would inspect it. */
import { randomUUID } from "node:crypto";
import type { Kafka } from "kafkajs";
import { waitFor } from "./services.js";

export interface DeadLetter {
  value: string;
  headers: Record<string, string>;
}

const eventIdOf = (value: string): string | undefined => {
  try {
    const parsed: unknown = JSON.parse(value);
    const eventId =
      typeof parsed === "object" && parsed !== null ? Reflect.get(parsed, "event_id") : undefined;
    return typeof eventId === "string" ? eventId : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The dead letters in `topic` whose event_id is one of `eventIds`, reading every partition from its
 * start up to its end at the time of the call, so that "none" and "exactly one" are definite answers.
 */
export async function deadLettersOf(
  kafka: Kafka,
  topic: string,
  eventIds: ReadonlySet<string>,
): Promise<DeadLetter[]> {
  const admin = kafka.admin();
  await admin.connect();
  const bounds = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
  const unread = new Map(
    bounds
      .filter(({ low, high }) => BigInt(high) > BigInt(low))
      .map(({ partition, high }) => [partition, BigInt(high)]),
  );
  const found: DeadLetter[] = [];
  if (unread.size === 0) return found;

  const consumer = kafka.consumer({ groupId: `worker-it-dlq-reader-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const value = message.value?.toString() ?? "";
        const eventId = eventIdOf(value);
        if (eventId !== undefined && eventIds.has(eventId)) {
          const headers = Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([name, header]) => [name, String(header)]),
          );
          found.push({ value, headers });
        }
        const end = unread.get(partition);
        if (end !== undefined && BigInt(message.offset) + 1n >= end) unread.delete(partition);
      },
    });
    await waitFor(async () => unread.size === 0, { what: `${topic} read to its end`, timeoutMs: 60_000 });
  } finally {
    await consumer.disconnect();
  }
  return found;
}
