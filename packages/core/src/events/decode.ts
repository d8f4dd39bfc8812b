import type { z } from "zod";
import { orderEventSchema, quoteEventSchema, tradeExecutedEventSchema } from "./consumed";
import type { ConsumedEvent } from "./consumed";
import {
  riskHaltEventSchema,
  routingDecisionEventSchema,
  routingExecutionEventSchema,
  surveillanceAlertEventSchema,
} from "./published";
import { TOPICS } from "./topics";
import type { ContractEvent } from "./topics";

/** Why a message did not decode. field: dotted path into the event, "topic", or "(json)" for the bytes. */
export interface DecodeError {
  field: string;
  message: string;
}
export type DecodeResult<T> = { ok: true; event: T } | { ok: false; error: DecodeError };

interface TopicSchema {
  schema: z.ZodType<ContractEvent>;
  /** The topic decides the event_type: orders.modified carries only order.modified. */
  eventTypes: readonly string[];
}

const CONSUMED_TOPIC_SCHEMAS = new Map<string, TopicSchema>([
  [TOPICS.ordersCreated, { schema: orderEventSchema, eventTypes: ["order.created"] }],
  [TOPICS.ordersModified, { schema: orderEventSchema, eventTypes: ["order.modified"] }],
  [TOPICS.ordersCancelled, { schema: orderEventSchema, eventTypes: ["order.cancelled"] }],
  [TOPICS.tradesExecuted, { schema: tradeExecutedEventSchema, eventTypes: ["trade.executed"] }],
  [TOPICS.marketdataQuotes, { schema: quoteEventSchema, eventTypes: ["quote"] }],
]);

const TOPIC_SCHEMAS = new Map<string, TopicSchema>([
  ...CONSUMED_TOPIC_SCHEMAS,
  [TOPICS.surveillanceAlerts, { schema: surveillanceAlertEventSchema, eventTypes: ["surveillance.alert"] }],
  [TOPICS.riskHalts, { schema: riskHaltEventSchema, eventTypes: ["risk.halt", "risk.halt_lifted"] }],
  [TOPICS.routingDecisions, { schema: routingDecisionEventSchema, eventTypes: ["routing.decision"] }],
  [TOPICS.routingExecutions, { schema: routingExecutionEventSchema, eventTypes: ["routing.execution"] }],
]);

/** fatal: malformed UTF-8 is an error to report, not U+FFFD to pass along. */
const utf8 = new TextDecoder("utf-8", { fatal: true });

const failure = (field: string, message: string): { ok: false; error: DecodeError } => ({
  ok: false,
  error: { field, message },
});

/** Decodes and validates one message of any contract topic. Never throws. */
export function decodeEvent(topic: string, raw: string | Uint8Array): DecodeResult<ContractEvent> {
  return decodeWith(TOPIC_SCHEMAS, topic, raw);
}

/** As decodeEvent, for the five topics NexusTrade consumes; any other topic is a "topic" error. */
export function decodeConsumedEvent(topic: string, raw: string | Uint8Array): DecodeResult<ConsumedEvent> {
  // The consumed map only holds consumed schemas, so a success is a ConsumedEvent.
  return decodeWith(CONSUMED_TOPIC_SCHEMAS, topic, raw) as DecodeResult<ConsumedEvent>;
}

function decodeWith(
  schemas: ReadonlyMap<string, TopicSchema>,
  topic: string,
  raw: string | Uint8Array,
): DecodeResult<ContractEvent> {
  const topicSchema = schemas.get(topic);
  if (topicSchema === undefined)
    return failure("topic", `not a topic of the event contract: ${JSON.stringify(topic)}`);

  let text: string;
  if (typeof raw === "string") {
    text = raw;
  } else {
    try {
      text = utf8.decode(raw);
    } catch {
      return failure("(json)", "not valid UTF-8");
    }
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return failure("(json)", "not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return failure("(json)", "expected a JSON object");
  }

  // Checked before the schema so a message on the wrong topic says so, not "expected order.created".
  const eventType: unknown = (parsed as Record<string, unknown>)["event_type"];
  if (typeof eventType !== "string" || !topicSchema.eventTypes.includes(eventType)) {
    if (eventType === undefined) return failure("event_type", "required");
    const expected = topicSchema.eventTypes.map((type) => JSON.stringify(type)).join(" or ");
    return failure("event_type", `expected ${expected} on topic ${topic}`);
  }

  const result = topicSchema.schema.safeParse(parsed);
  if (result.success) return { ok: true, event: result.data };
  return { ok: false, error: firstIssue(result.error, parsed) };
}

/** The first problem, with "required" for a missing field (zod reports those as a wrong type or value). */
function firstIssue(error: z.ZodError, input: object): DecodeError {
  const issue = error.issues[0];
  if (issue === undefined) return { field: "(json)", message: "invalid event" };
  const path = issue.path.map(String);
  const missing = issue.code !== "custom" && valueAt(input, path) === undefined;
  return {
    field: path.length === 0 ? "(json)" : path.join("."),
    message: missing ? "required" : issue.message,
  };
}

function valueAt(input: object, path: readonly string[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** One line for logs and the DLQ `error` header, e.g. "quantity: expected a positive decimal string". */
export function formatDecodeError(error: DecodeError): string {
  return `${error.field}: ${error.message}`;
}

/** The wire form: JSON on one line (JSON.stringify escapes newlines inside strings). */
export function encodeEvent(event: ContractEvent): string {
  return JSON.stringify(event);
}
