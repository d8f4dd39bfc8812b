import { describe, expect, it } from "vitest";
import { decodeEvent, encodeEvent } from "../decode";
import { CONSUMED_TOPICS, TOPICS, deadLetterTopicOf, eventKey } from "../topics";
import type { ContractEvent } from "../topics";
import { buildAsyncApiDocument } from "./document";
import type { AsyncApiMessage, Reference } from "./document";
import type { JsonSchema } from "./topic-contracts";

// The document's validity against the official AsyncAPI 3.0.0 schema, and its JSON Schemas' agreement
// with the zod schemas, are checked in scripts/event-contract.test.ts (the validators are no core imports).

const document = buildAsyncApiDocument();

function resolve(reference: Reference): unknown {
  let target: unknown = document;
  for (const key of reference.$ref.replace(/^#\//, "").split("/")) {
    if (typeof target !== "object" || target === null || !Object.hasOwn(target, key)) return undefined;
    target = (target as Record<string, unknown>)[key];
  }
  return target;
}

function referencesIn(value: unknown): Reference[] {
  if (typeof value !== "object" || value === null) return [];
  if (typeof (value as Partial<Reference>).$ref === "string") return [value as Reference];
  return Object.values(value).flatMap(referencesIn);
}

/** The addresses a channel stands for: its address, or one per value of its one parameter. */
function addressesOf(address: string, parameters?: Record<string, { enum: string[] }>): string[] {
  const [parameter] = Object.entries(parameters ?? {});
  if (parameter === undefined) return [address];
  const [name, { enum: values }] = parameter;
  return values.map((value) => address.replace(`{${name}}`, value));
}

const kafkaChannels = Object.entries(document.channels).filter(([, channel]) =>
  channel.servers.some((server) => server.$ref === "#/servers/kafka"),
);

const channelsByAddress = new Map(
  kafkaChannels.flatMap(([id, channel]) =>
    addressesOf(channel.address, channel.parameters).map((address) => [address, { id, channel }] as const),
  ),
);

function messagesOf(topic: string): AsyncApiMessage[] {
  const entry = channelsByAddress.get(topic);
  if (entry === undefined) throw new Error(`no channel for ${topic}`);
  return Object.values(entry.channel.messages).map((reference) => resolve(reference) as AsyncApiMessage);
}

function actionOf(topic: string): string | undefined {
  const entry = channelsByAddress.get(topic);
  return Object.values(document.operations).find(
    (operation) => operation.channel.$ref === `#/channels/${entry?.id}`,
  )?.action;
}

const topics = Object.values(TOPICS);

describe("the AsyncAPI document of the event contract", () => {
  it("has a channel for every topic of topics.ts and for the dead letters of every consumed topic", () => {
    for (const topic of [...topics, ...CONSUMED_TOPICS.map(deadLetterTopicOf)])
      expect(channelsByAddress.has(topic), topic).toBe(true);
    expect(channelsByAddress.size).toBe(topics.length + CONSUMED_TOPICS.length);
  });

  it("receives the consumed topics and sends the others, and the dead letters, from NexusTrade's side", () => {
    for (const topic of topics)
      expect(actionOf(topic), topic).toBe(CONSUMED_TOPICS.includes(topic) ? "receive" : "send");
    expect(actionOf("orders.created.dlq")).toBe("send");
  });

  it("resolves every reference it holds", () => {
    const references = referencesIn(document);
    expect(references.length).toBeGreaterThan(30);
    for (const reference of references) expect(resolve(reference), reference.$ref).toBeDefined();
  });

  it("documents the Kafka key of every message on a Kafka channel", () => {
    const onKafka = kafkaChannels.flatMap(([, channel]) => Object.values(channel.messages).map(resolve));
    expect(onKafka).toHaveLength(topics.length + 1);
    for (const message of onKafka as AsyncApiMessage[])
      expect(message.bindings?.kafka.key.description, message.name).toMatch(/\S/);
  });

  it("puts every channel on a server: the topics on Kafka, the portfolio WebSocket on the worker", () => {
    expect(Object.keys(document.channels)).toHaveLength(kafkaChannels.length + 1);
    expect(document.channels["portfolioSocket"]).toMatchObject({
      address: "/ws/portfolio",
      servers: [{ $ref: "#/servers/worker" }],
    });
    expect(document.operations["sendPortfolioMetrics"]?.action).toBe("send");
  });

  it.each(topics)("gives %s examples that decode on that topic and encode back to the same line", (topic) => {
    const messages = messagesOf(topic);
    const examples = messages.flatMap((message) => message.examples);
    expect(examples.length).toBeGreaterThan(0);
    for (const { payload } of examples) {
      const line = encodeEvent(payload as ContractEvent);
      const decoded = decodeEvent(topic, line);
      expect(decoded).toEqual({ ok: true, event: payload });
      if (decoded.ok) expect(encodeEvent(decoded.event)).toBe(line);
    }
  });

  it("keys the examples as their message says: by symbol, a halt of a whole user by the user", () => {
    const payloadsOf = (topic: string): ContractEvent[] =>
      messagesOf(topic).flatMap((message) => message.examples.map(({ payload }) => payload as ContractEvent));
    for (const topic of topics) {
      for (const event of payloadsOf(topic)) {
        if ("symbol" in event && event.symbol !== undefined) expect(eventKey(event)).toBe(event.symbol);
      }
    }
    const [halt] = payloadsOf(TOPICS.riskHalts);
    if (halt?.event_type !== "risk.halt") throw new Error("expected a halt example");
    expect(eventKey({ ...halt, scope: "user", symbol: undefined })).toBe(halt.user_id);
  });

  it("narrows event_type to the topic: orders.modified carries only order.modified", () => {
    const eventTypeOf = (topic: string): unknown => {
      const [message] = messagesOf(topic);
      const payload = resolve(message?.payload as Reference) as JsonSchema;
      return payload.properties?.["event_type"];
    };
    expect(eventTypeOf(TOPICS.ordersModified)).toMatchObject({ type: "string", const: "order.modified" });
    expect(eventTypeOf(TOPICS.ordersModified)).not.toHaveProperty("enum");
    expect(eventTypeOf(TOPICS.riskHalts)).toMatchObject({ enum: ["risk.halt", "risk.halt_lifted"] });
  });

  it("states the meaning of every field, nested ones included", () => {
    const undocumented = (schema: JsonSchema, path: string): string[] =>
      Object.entries(schema.properties ?? {}).flatMap(([name, value]) => {
        const property = value as JsonSchema;
        const items = property.items as JsonSchema | undefined;
        return [
          ...(property.description === undefined ? [`${path}${name}`] : []),
          ...(items?.properties === undefined ? [] : undocumented(items, `${path}${name}[].`)),
        ];
      });
    const missing = Object.entries(document.components.schemas).flatMap(([name, schema]) =>
      undocumented(schema, `${name}.`),
    );
    expect(missing).toEqual([]);
    expect(Object.keys(document.components.schemas)).toHaveLength(topics.length);
  });

  it("dead-letters the example bad order with the error the decoder gives it", () => {
    const [deadLetter] = messagesOf("orders.created.dlq");
    const [example] = deadLetter?.examples ?? [];
    expect(example?.headers?.["error"]).toBe("quantity: expected a positive decimal string");
    expect(decodeEvent("orders.created", example?.payload as string).ok).toBe(false);
  });

  it("is the same document every time (served and rendered alike)", () => {
    expect(JSON.stringify(buildAsyncApiDocument())).toBe(JSON.stringify(document));
  });
});
