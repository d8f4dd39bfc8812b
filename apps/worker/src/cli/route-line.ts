/**
 * Where one replayed JSONL line goes. A line is either a bare contract event (its topic follows from
 * event_type) or a message dumped by `kcat -C -J` (`{"topic", "key", "payload", ...}`), replayed to the
 * topic it was read from unless `topicFromEvent` asks to re-derive it from the payload's event_type.
 * Decoding is the consumer's business: a line that names a topic but does not validate still routes,
 * so that a replay can reproduce bad input and the consumer dead-letters it.
 */
import {
  CONSUMED_TOPICS,
  decodeConsumedEvent,
  formatDecodeError,
  topicOfEventType,
} from "@nexus/core/events";
import type { ConsumedEvent } from "@nexus/core/events";

export type RoutedLine =
  | {
      ok: true;
      topic: string;
      key: string | null;
      value: string;
      /** The decoded event, or why it does not decode on `topic`. */
      decoded: { ok: true; event: ConsumedEvent } | { ok: false; reason: string };
    }
  | { ok: false; reason: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Replay feeds the consumed topics only: a line of a published event type has no topic here. */
function consumedTopicOf(eventType: unknown): string | undefined {
  const topic = topicOfEventType(eventType);
  return topic !== undefined && CONSUMED_TOPICS.includes(topic) ? topic : undefined;
}

const stringOrNull = (value: unknown): string | null => (typeof value === "string" ? value : null);

function routed(topic: string, key: string | null, value: string): RoutedLine {
  const decoded = decodeConsumedEvent(topic, value);
  return {
    ok: true,
    topic,
    key,
    value,
    decoded: decoded.ok ? decoded : { ok: false, reason: formatDecodeError(decoded.error) },
  };
}

export function routeLine(text: string, options: { topicFromEvent: boolean }): RoutedLine {
  const line = parseObject(text);
  if (line === undefined) return { ok: false, reason: "not a JSON object, so its topic is unknown" };

  const isKcatEnvelope = typeof line["topic"] === "string" && typeof line["payload"] === "string";
  if (isKcatEnvelope) {
    const payload = line["payload"] as string;
    const key = stringOrNull(line["key"]);
    if (!options.topicFromEvent) return routed(line["topic"] as string, key, payload);
    const topic = consumedTopicOf(parseObject(payload)?.["event_type"]);
    return topic ? routed(topic, key, payload) : { ok: false, reason: "payload has no consumed event_type" };
  }

  const topic = consumedTopicOf(line["event_type"]);
  if (topic === undefined) {
    return {
      ok: false,
      reason: `event_type ${JSON.stringify(line["event_type"] ?? null)} is not a consumed event type, so its topic is unknown`,
    };
  }
  // docs/events.md: the message key is the symbol (kept even when the line is invalid, as a producer would).
  return routed(topic, stringOrNull(line["symbol"]), text);
}
