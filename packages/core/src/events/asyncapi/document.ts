import { z } from "zod";
import { decodeEvent, encodeEvent, formatDecodeError } from "../decode";
import { CONSUMED_TOPICS, ORDER_TOPIC_PATTERN, TOPICS, deadLetterTopicOf, topicOfEventType } from "../topics";
import { orderCreatedExample } from "./examples";
import {
  PORTFOLIO_METRICS_EXAMPLE,
  PORTFOLIO_METRICS_PAYLOAD,
  PORTFOLIO_SOCKET_DESCRIPTION,
  PORTFOLIO_SOCKET_PATH,
  PORTFOLIO_SOCKET_QUERY,
} from "./portfolio-socket";
import { FIELD_FORMATS, fieldFormats } from "./field-formats";
import { TOPIC_CONTRACTS } from "./topic-contracts";
import type { JsonSchema, TopicContract } from "./topic-contracts";

/**
 * The event contract as an AsyncAPI 3.0.0 document, generated from the zod schemas that decode the
 * messages, so the published description cannot drift from what the worker accepts. Served at
 * /api/asyncapi.json and rendered into docs/events.md (markdown.ts).
 */

export interface Reference {
  $ref: string;
}

export interface AsyncApiMessageExample {
  name: string;
  summary?: string;
  headers?: Record<string, string>;
  payload: unknown;
}

export interface AsyncApiMessage {
  name: string;
  title: string;
  contentType: string;
  payload: Reference | JsonSchema;
  headers?: JsonSchema;
  /** The Kafka key of a topic's message; absent on the WebSocket's. */
  bindings?: { kafka: { key: JsonSchema; bindingVersion: "0.5.0" } };
  examples: AsyncApiMessageExample[];
}

export interface AsyncApiServer {
  host: string;
  protocol: "kafka" | "ws";
  pathname?: string;
  description: string;
}

export interface AsyncApiChannel {
  address: string;
  title: string;
  description: string;
  parameters?: Record<string, { enum: string[]; description: string }>;
  /** Where the channel is: the Kafka cluster or the worker's HTTP server. */
  servers: Reference[];
  messages: Record<string, Reference>;
  bindings?: { ws: { method: "GET"; query: JsonSchema; bindingVersion: "0.1.0" } };
  "x-producer": string;
  "x-consumers": string;
}

export interface AsyncApiOperation {
  action: "send" | "receive";
  channel: Reference;
  title: string;
  description: string;
  messages: Reference[];
}

export interface AsyncApiDocument {
  asyncapi: "3.0.0";
  info: { title: string; version: string; description: string };
  defaultContentType: "application/json";
  servers: Record<string, AsyncApiServer>;
  channels: Record<string, AsyncApiChannel>;
  operations: Record<string, AsyncApiOperation>;
  components: {
    schemas: Record<string, JsonSchema>;
    messages: Record<string, AsyncApiMessage>;
  };
}

/** Bumped by hand with the contract: minor for a new optional field or topic, major never (it is fixed). */
const CONTRACT_VERSION = "1.0.0";

const INTRODUCTION = `The Kafka topics through which NexusTrade and the rest of the trading platform (order management, \
matching, market data, risk, notifications) exchange events. Other teams produce and consume them with their own \
clients (Java, Python, \`kcat\`), so topic names, field names and types are fixed: the contract grows only by new \
optional fields.`;

const CONVENTIONS = [
  "Encoding: one event per Kafka message, a UTF-8 JSON object. Fields the contract does not name are ignored.",
  "Key: the `symbol` (halts of a whole user are keyed by the user). Kafka keeps one key's messages in order on one partition, and every detector needs each symbol's events in order.",
  "Headers are optional; nothing needed to decode a message travels in a header.",
  'Prices, quantities and money are decimal strings (`"189.25"`), never JSON numbers, so no client rounds them through a binary float. Scores, rates and latencies are JSON numbers.',
  "Timestamps are ISO-8601 strings in UTC; ids are UUIDs.",
  "Delivery is at least once: `event_id` is unique per event, and a consumer drops an `event_id` it has already seen.",
  "Each topic carries its own `event_type` values; an event on the wrong topic is rejected.",
  `Dead letters: a message NexusTrade consumes but cannot decode, validate or store is published unchanged (same key, value and headers) to \`${deadLetterTopicOf("<topic>")}\`, with headers saying why and where it came from; the consumer goes on. Nothing is dropped silently.`,
];

function escapeCell(text: string): string {
  return text.replaceAll("|", "\\|").replaceAll("\n", " ");
}

function describeContract(): string {
  const formats = FIELD_FORMATS.map(
    ([, format]) =>
      `| ${format.title} | ${escapeCell(format.description)} | ${format.pattern === undefined ? "" : `\`${escapeCell(format.pattern)}\``} |`,
  );
  return [
    INTRODUCTION,
    "## Conventions",
    CONVENTIONS.map((line) => `- ${line}`).join("\n"),
    "## Field formats",
    ["| type | rule | JSON Schema pattern |", "| --- | --- | --- |", ...formats].join("\n"),
  ].join("\n\n");
}

/** A local `#/a/b` reference. */
const ref = (...path: string[]): Reference => ({ $ref: `#/${path.join("/")}` });

function asObject(value: unknown, where: string): JsonSchema {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new Error(`${where}: expected a JSON Schema object`);
  return value as JsonSchema;
}

/** The schema with `meaning` as the description of the property at `path` (`a` or `a[].b`). */
function withMeaning(schema: JsonSchema, path: string, meaning: string): JsonSchema {
  const [head = "", ...rest] = path.split(".");
  const isArray = head.endsWith("[]");
  const name = isArray ? head.slice(0, -2) : head;
  const property = asObject(schema.properties?.[name], `field ${path}`);
  let described: JsonSchema;
  if (rest.length === 0) {
    described = { ...property, description: meaning };
  } else if (isArray) {
    const items = withMeaning(asObject(property.items, `items of ${name}`), rest.join("."), meaning);
    described = { ...property, items };
  } else {
    described = withMeaning(property, rest.join("."), meaning);
  }
  return { ...schema, properties: { ...schema.properties, [name]: described } };
}

/** The topic's own event_type values out of the schema's (orders.created carries only order.created). */
function narrowEventType(schema: JsonSchema, topic: string): JsonSchema {
  const eventType = asObject(schema.properties?.["event_type"], `${topic} event_type`);
  const declared = eventType.enum ?? (eventType.const === undefined ? [] : [eventType.const]);
  const values = declared.filter((value) => topicOfEventType(value) === topic);
  const [only] = values;
  if (only === undefined) throw new Error(`${topic}: the schema has no event_type of this topic`);
  const narrowed: JsonSchema =
    values.length === 1 ? { type: "string", const: only } : { type: "string", enum: values };
  return { ...schema, properties: { ...schema.properties, event_type: narrowed } };
}

function payloadSchema(topic: string, contract: TopicContract): JsonSchema {
  // Input side: what a producer sends (UUIDs in either case), before decoding lower-cases them.
  const { $schema: _dialect, ...generated } = z.toJSONSchema(contract.schema, {
    target: "draft-07",
    io: "input",
    unrepresentable: "any",
    metadata: fieldFormats,
  });
  let schema: JsonSchema = narrowEventType(generated, topic);
  for (const [path, meaning] of Object.entries(contract.fields)) schema = withMeaning(schema, path, meaning);
  return {
    title: contract.title,
    description: contract.purpose,
    ...schema,
    ...(contract.rules === undefined ? {} : { allOf: [...contract.rules] }),
  };
}

const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function receiveDescription(topic: string): string {
  const deadLetter = deadLetterTopicOf(topic);
  const common = `The worker decodes and validates each message with this schema and stores it once per \`event_id\`; offsets are committed after the batch is stored. A message that fails goes to \`${deadLetter}\`.`;
  return ORDER_TOPIC_PATTERN.test(topic)
    ? `${common} The order topics are subscribed by the pattern \`${String(ORDER_TOPIC_PATTERN)}\`: a new \`orders.*\` topic is read too, and its messages are dead-lettered until the contract names it.`
    : common;
}

const DEAD_LETTER_HEADERS: JsonSchema = {
  type: "object",
  properties: {
    error: {
      type: "string",
      description:
        "Why it was rejected, in one line: `<field>: <problem>` when it did not decode or validate (`(json): ...` for bytes that are not a JSON object, `topic: ...` for a topic the contract does not name); otherwise the error that refused it.",
    },
    "source-topic": { type: "string", description: "The topic it was read from." },
    "source-partition": {
      type: "string",
      pattern: "^\\d+$",
      description: "Its partition there, in decimal.",
    },
    "source-offset": {
      type: "string",
      pattern: "^\\d+$",
      description: "Its offset in that partition, in decimal.",
    },
  },
  required: ["error", "source-topic", "source-partition", "source-offset"],
  additionalProperties: { type: "string", description: "The rejected message's own headers, kept." },
};

/** The contract's order example with a negative quantity, as a producer with a bug would send it. */
function deadLetterExample(): AsyncApiMessageExample {
  const topic = TOPICS.ordersCreated;
  const payload = encodeEvent({ ...orderCreatedExample, quantity: "-50000" });
  const decoded = decodeEvent(topic, payload);
  if (decoded.ok) throw new Error("the dead-letter example must not decode");
  return {
    name: "negative quantity",
    summary: "An order.created message whose quantity is negative, as it lands in orders.created.dlq.",
    headers: {
      error: formatDecodeError(decoded.error),
      "source-topic": topic,
      "source-partition": "3",
      "source-offset": "1842",
    },
    payload,
  };
}

export function buildAsyncApiDocument(): AsyncApiDocument {
  const document: AsyncApiDocument = {
    asyncapi: "3.0.0",
    info: { title: "NexusTrade event contract", version: CONTRACT_VERSION, description: describeContract() },
    defaultContentType: "application/json",
    servers: {
      kafka: {
        host: "localhost:9092",
        protocol: "kafka",
        description: "The Kafka cluster of KAFKA_BROKERS (any of its brokers bootstraps a client).",
      },
      worker: {
        host: "localhost:3001",
        protocol: "ws",
        description: "The NexusTrade worker's HTTP server (WORKER_PORT), upgraded to WebSocket.",
      },
    },
    channels: {},
    operations: {},
    components: { schemas: {}, messages: {} },
  };

  for (const [channelId, topic] of Object.entries(TOPICS) as [keyof typeof TOPICS, string][]) {
    const contract = TOPIC_CONTRACTS[channelId];
    const name = contract.messageName;
    document.components.schemas[name] = payloadSchema(topic, contract);
    document.components.messages[name] = {
      name,
      title: contract.title,
      contentType: "application/json",
      payload: ref("components", "schemas", name),
      bindings: { kafka: { key: { type: "string", description: contract.key }, bindingVersion: "0.5.0" } },
      examples: contract.examples.map((example) => ({ name: example.event_type, payload: example })),
    };
    document.channels[channelId] = {
      address: topic,
      title: contract.title,
      description: contract.purpose,
      servers: [ref("servers", "kafka")],
      messages: { [name]: ref("components", "messages", name) },
      "x-producer": contract.producer,
      "x-consumers": contract.consumers,
    };
    document.operations[`${contract.action}${capitalized(channelId)}`] = {
      action: contract.action,
      channel: ref("channels", channelId),
      title: `${contract.action === "receive" ? "Consume" : "Publish"} ${topic}`,
      description:
        contract.action === "receive"
          ? receiveDescription(topic)
          : `NexusTrade is the only producer of ${topic}.`,
      messages: [ref("channels", channelId, "messages", name)],
    };
  }

  document.components.messages["DeadLetter"] = {
    name: "DeadLetter",
    title: "Dead letter",
    contentType: "application/octet-stream",
    payload: {
      type: "string",
      format: "binary",
      description: "The rejected message's value, byte for byte; it may not be JSON at all.",
    },
    headers: DEAD_LETTER_HEADERS,
    bindings: {
      kafka: {
        key: { type: "string", description: "The rejected message's key, unchanged." },
        bindingVersion: "0.5.0",
      },
    },
    examples: [deadLetterExample()],
  };
  document.channels["deadLetters"] = {
    address: deadLetterTopicOf("{topic}"),
    title: "Dead letters",
    description:
      "Messages of a consumed topic that NexusTrade could not decode, validate or store, kept for someone to look at, fix and replay.",
    parameters: {
      topic: { enum: [...CONSUMED_TOPICS], description: "The consumed topic the message was read from." },
    },
    servers: [ref("servers", "kafka")],
    messages: { DeadLetter: ref("components", "messages", "DeadLetter") },
    "x-producer": "NexusTrade worker",
    "x-consumers": "Operators of the producing systems",
  };
  document.operations["sendDeadLetters"] = {
    action: "send",
    channel: ref("channels", "deadLetters"),
    title: "Dead-letter a rejected message",
    description:
      "Published before the source offset is committed, so nothing is lost in between; a batch fetched again does not dead-letter the same message twice.",
    messages: [ref("channels", "deadLetters", "messages", "DeadLetter")],
  };

  document.components.messages["PortfolioMetrics"] = {
    name: "PortfolioMetrics",
    title: "Portfolio metrics",
    contentType: "application/json",
    payload: PORTFOLIO_METRICS_PAYLOAD,
    examples: [{ name: "portfolio.metrics", payload: PORTFOLIO_METRICS_EXAMPLE }],
  };
  document.channels["portfolioSocket"] = {
    address: PORTFOLIO_SOCKET_PATH,
    title: "Portfolio metrics (WebSocket)",
    description: PORTFOLIO_SOCKET_DESCRIPTION,
    servers: [ref("servers", "worker")],
    messages: { PortfolioMetrics: ref("components", "messages", "PortfolioMetrics") },
    bindings: { ws: { method: "GET", query: PORTFOLIO_SOCKET_QUERY, bindingVersion: "0.1.0" } },
    "x-producer": "NexusTrade worker",
    "x-consumers": "Risk dashboards and other services watching a user's risk",
  };
  document.operations["sendPortfolioMetrics"] = {
    action: "send",
    channel: ref("channels", "portfolioSocket"),
    title: "Push a user's portfolio metrics",
    description:
      "On connecting, and each time a transaction changing the user's positions commits: the refreshed summary and VaR. Changes arriving while one is computed are folded into one more message.",
    messages: [ref("channels", "portfolioSocket", "messages", "PortfolioMetrics")],
  };
  return document;
}
