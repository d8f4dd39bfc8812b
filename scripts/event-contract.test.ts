import specs from "@asyncapi/specs";
import { Ajv } from "ajv";
import type { ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { decodeEvent } from "@nexus/core/events";
import { buildAsyncApiDocument } from "@nexus/core/events/asyncapi";
import type { AsyncApiMessage, JsonSchema, Reference } from "@nexus/core/events/asyncapi";
import { toDeadLetter } from "@nexus/platform/bus";
import { describe, expect, it } from "vitest";

// The generated AsyncAPI document against the official AsyncAPI 3.0.0 JSON Schema, and its payload
// schemas against the zod schemas that decode the messages: another team's validator must accept and
// refuse what the worker accepts and refuses. (Structure and examples: core's document.test.ts.)

const document = buildAsyncApiDocument();

/** A validator of the AsyncAPI 3.0.0 specification (draft-07, with the bindings' schemas inlined). */
function asyncApiValidator(): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(specs.schemasWithoutId["3.0.0"]);
}

/** How another team would validate a payload: plain draft-07 JSON Schema with standard formats. */
// strictRequired is off: a `then` requiring a property defined in the outer schema is the point of the halt rules.
const payloadAjv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
addFormats(payloadAjv);

function resolve<T>(reference: Reference): T {
  let target: unknown = document;
  for (const key of reference.$ref.replace(/^#\//, "").split("/"))
    target = (target as Record<string, unknown>)[key];
  return target as T;
}

function messageOf(channelId: string): AsyncApiMessage {
  const [reference] = Object.values(document.channels[channelId]?.messages ?? {});
  if (reference === undefined) throw new Error(`no message on ${channelId}`);
  return resolve<AsyncApiMessage>(reference);
}

function payloadValidator(message: AsyncApiMessage): ValidateFunction {
  const schema =
    "$ref" in message.payload ? resolve<JsonSchema>(message.payload as Reference) : message.payload;
  return payloadAjv.compile(schema);
}

const onKafka = (channel: { servers: Reference[] }) =>
  channel.servers.some((server) => server.$ref === "#/servers/kafka");
const topicChannels = Object.entries(document.channels).filter(
  ([, channel]) => channel.parameters === undefined && onKafka(channel),
);

describe("the AsyncAPI document", () => {
  it("is valid AsyncAPI 3.0.0", () => {
    const validate = asyncApiValidator();
    expect(validate(document), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it("would be refused if it broke the specification (the validator is really checking)", () => {
    const validate = asyncApiValidator();
    // AsyncAPI 2's verbs are gone in 3.0.0: an operation either sends or receives.
    const subscribe = { ...document.operations["receiveOrdersCreated"], action: "subscribe" };
    const broken = { ...document, operations: { ...document.operations, receiveOrdersCreated: subscribe } };
    expect(validate(broken)).toBe(false);
  });

  it("has examples that its own payload and header schemas accept", () => {
    for (const message of Object.values(document.components.messages)) {
      const validatePayload = payloadValidator(message);
      const validateHeaders = message.headers === undefined ? undefined : payloadAjv.compile(message.headers);
      for (const example of message.examples) {
        expect(validatePayload(example.payload), `${message.name} ${example.name}`).toBe(true);
        if (validateHeaders !== undefined) expect(validateHeaders(example.headers)).toBe(true);
      }
    }
  });

  it("describes the worker's portfolio WebSocket on its own server, and its payload schema refuses what the worker never sends", () => {
    const channel = document.channels["portfolioSocket"];
    expect(channel?.servers).toEqual([{ $ref: "#/servers/worker" }]);
    expect(document.servers["worker"]).toMatchObject({ protocol: "ws" });
    expect(channel?.bindings?.ws.query.properties?.["user"]).toMatchObject({ format: "uuid" });
    const validate = payloadValidator(messageOf("portfolioSocket"));
    const [example] = messageOf("portfolioSocket").examples;
    const payload = example?.payload as Record<string, unknown>;
    expect(validate(payload)).toBe(true);
    const { varRefused: _reason, ...withoutReason } = payload;
    expect(validate(withoutReason)).toBe(false);
    expect(validate({ ...payload, var: null, varRefused: "Nothing held." })).toBe(true);
    expect(validate({ ...payload, var: [{ method: "historical", var: 361.17 }] })).toBe(false);
  });

  it("names the dead-letter headers the bus really sets", () => {
    const message = messageOf("deadLetters");
    const deadLetter = toDeadLetter(
      {
        topic: "orders.created",
        partition: 2,
        offset: "41",
        key: "AAPL",
        value: new TextEncoder().encode("{"),
        headers: { trace: "abc" },
        timestamp: 0,
      },
      "(json): not valid JSON",
    );
    const headers = deadLetter.headers ?? {};
    expect(Object.keys(headers).filter((name) => name !== "trace")).toEqual(
      expect.arrayContaining(message.headers?.required ?? []),
    );
    expect(Object.keys(headers)).toHaveLength((message.headers?.required ?? []).length + 1);
    expect(payloadAjv.compile(message.headers ?? {})(headers)).toBe(true);
  });
});

// Values to put in every field of every example; each kind of field meets values on both sides of its rules.
const uuid = "3c2b1a09-8f7e-4d6c-9b5a-493827160554";
const CANDIDATES: unknown[] = [
  null,
  true,
  0,
  1,
  0.5,
  -1,
  2,
  {},
  [],
  [uuid],
  [uuid.toUpperCase(), "not-a-uuid"],
  [{ venue_id: "XNAS", expected_price: "1", expected_fill_rate: 1 }],
  [{ venue_id: "XNAS", expected_price: "0", expected_fill_rate: 1 }],
  "",
  "0",
  "0.000",
  "1",
  "-1",
  "-0.5",
  "1.5",
  "01.50",
  ".5",
  "5.",
  "1e5",
  "1,000",
  " 1",
  "+1",
  "123456789012345678.123456789012",
  "1234567890123456789",
  "1.1234567890123",
  uuid,
  uuid.toUpperCase(),
  `{${uuid}}`,
  uuid.slice(1),
  "AAPL",
  "aapl",
  "BRK.B",
  "A".repeat(20),
  "A".repeat(21),
  "XNAS\u0000",
  "XNAS\u007f",
  "X\u0085NAS",
  "XNAS\ud800",
  "two\nlines",
  "tab\there",
  "emoji \u{1f600}",
  "x".repeat(128),
  "x".repeat(129),
  "x".repeat(10_000),
  "x".repeat(10_001),
  "2026-11-24T14:30:00Z",
  "2026-11-24T14:30:00.123456789+00:00",
  "2026-11-24T14:30:00.1234567890Z",
  "2026-11-24T14:30:00+01:00",
  "2026-11-24t14:30:00Z",
  "2026-11-24 14:30:00Z",
  "2026-11-24T14:30Z",
  "2026-11-24T24:00:00Z",
  "2026-11-24T23:59:60Z",
  "2026-02-29T00:00:00Z",
  "2028-02-29T00:00:00Z",
  "2026-04-31T00:00:00Z",
  "0000-01-01T00:00:00Z",
  "0001-01-01T00:00:00Z",
  "buy",
  "sell",
  "limit",
  "market",
  "agency",
  "day",
  "user",
  "symbol",
  "user_symbol",
  "spoofing",
  "critical",
  "good",
  "order.created",
  "order.modified",
  "risk.halt_lifted",
];

/** Each example with each field replaced by each candidate, removed, and a few two-field changes. */
function variantsOf(example: Record<string, unknown>): Record<string, unknown>[] {
  const variants: Record<string, unknown>[] = [{ ...example, unknown_field: "ignored" }];
  for (const field of Object.keys(example)) {
    const { [field]: _removed, ...without } = example;
    variants.push(without);
    for (const candidate of CANDIDATES) variants.push({ ...example, [field]: candidate });
  }
  const { symbol: _symbol, ...withoutSymbol } = example;
  const { user_id: _user, ...withoutUser } = example;
  variants.push(
    { ...example, order_type: "market", price: null },
    { ...example, order_type: "limit", price: null },
    { ...withoutSymbol, scope: "user" },
    { ...withoutSymbol, scope: "symbol" },
    { ...withoutUser, scope: "symbol" },
    { ...withoutUser, scope: "user" },
  );
  return variants;
}

describe("the payload schemas agree with the zod schemas", () => {
  it.each(topicChannels.map(([channelId, channel]) => [channel.address, channelId]))(
    "%s: the JSON Schema accepts exactly the variants of the examples that the worker's decoder accepts",
    (topic, channelId) => {
      const message = messageOf(channelId);
      const validate = payloadValidator(message);
      let accepted = 0;
      let refused = 0;
      for (const example of message.examples) {
        for (const variant of variantsOf(example.payload as Record<string, unknown>)) {
          const decoded = decodeEvent(topic, JSON.stringify(variant)).ok;
          expect(validate(variant), `${JSON.stringify(variant)} decodes: ${decoded}`).toBe(decoded);
          if (decoded) accepted += 1;
          else refused += 1;
        }
      }
      // Both sides of the rules are exercised, not only refusals.
      expect(accepted).toBeGreaterThan(10);
      expect(refused).toBeGreaterThan(100);
    },
  );
});
