import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeConsumedEvent, decodeEvent, encodeEvent } from "./decode";
import type { ContractEvent } from "./topics";
import { TOPICS, topicOf } from "./topics";

// Generators of valid events, field by field as docs/events.md and fields.ts allow them.
const uuid = fc.uuid();
const decimal = (positive: boolean): fc.Arbitrary<string> =>
  fc
    .tuple(fc.stringMatching(/^\d{1,18}$/), fc.option(fc.stringMatching(/^\d{1,12}$/), { nil: undefined }))
    .map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`))
    .filter((value) => !positive || /[1-9]/.test(value));
const positive = decimal(true);
const nonNegative = decimal(false);
const signed = fc
  .tuple(fc.boolean(), nonNegative)
  .map(([negative, value]) => (negative ? `-${value}` : value));
const timestamp = fc
  .tuple(
    fc.date({
      min: new Date("1970-01-01T00:00:00Z"),
      max: new Date("9999-12-31T23:59:59Z"),
      noInvalidDate: true,
    }),
    fc.stringMatching(/^(\.\d{1,9})?$/),
    fc.constantFrom("Z", "+00:00"),
  )
  .map(([date, fraction, zone]) => `${date.toISOString().slice(0, 19)}${fraction}${zone}`);
const symbol = fc.stringMatching(/^[A-Z0-9.-]{1,20}$/);
const identifier = fc.string({ minLength: 1, maxLength: 128 });
const text = fc.string({ maxLength: 200 });
const side = fc.constantFrom("buy" as const, "sell" as const);
const ratio = fc.double({ min: 0, max: 1, noNaN: true });

const orderEvent = fc
  .record(
    {
      event_id: uuid,
      event_type: fc.constantFrom(
        "order.created" as const,
        "order.modified" as const,
        "order.cancelled" as const,
      ),
      occurred_at: timestamp,
      order_id: uuid,
      user_id: uuid,
      account_id: identifier,
      symbol,
      side,
      order_type: fc.constantFrom("limit" as const, "market" as const),
      price: positive,
      quantity: positive,
      capacity: fc.constantFrom("agency" as const, "principal" as const),
      venue_id: identifier,
      time_in_force: fc.constantFrom("day" as const, "ioc" as const, "gtc" as const, "fok" as const),
    },
    {
      requiredKeys: [
        "event_id",
        "event_type",
        "occurred_at",
        "order_id",
        "user_id",
        "symbol",
        "side",
        "order_type",
        "price",
        "quantity",
      ],
    },
  )
  .chain((order) =>
    order.order_type === "market" ? fc.constantFrom(order, { ...order, price: null }) : fc.constant(order),
  );

const tradeEvent = fc.record(
  {
    event_id: uuid,
    event_type: fc.constant("trade.executed" as const),
    occurred_at: timestamp,
    trade_id: uuid,
    symbol,
    price: positive,
    quantity: positive,
    buy_order_id: uuid,
    sell_order_id: uuid,
    buy_user_id: uuid,
    sell_user_id: uuid,
    buy_account_id: identifier,
    sell_account_id: identifier,
    aggressor_side: side,
    venue_id: identifier,
  },
  {
    requiredKeys: [
      "event_id",
      "event_type",
      "occurred_at",
      "trade_id",
      "symbol",
      "price",
      "quantity",
      "buy_order_id",
      "sell_order_id",
      "buy_user_id",
      "sell_user_id",
      "aggressor_side",
    ],
  },
);

const quoteEvent = fc.record({
  event_id: uuid,
  event_type: fc.constant("quote" as const),
  occurred_at: timestamp,
  venue_id: identifier,
  symbol,
  bid_price: positive,
  bid_size: nonNegative,
  ask_price: positive,
  ask_size: nonNegative,
});

const alertEvent = fc.record({
  event_id: uuid,
  event_type: fc.constant("surveillance.alert" as const),
  occurred_at: timestamp,
  alert_id: uuid,
  alert_type: fc.constantFrom(
    "spoofing",
    "layering",
    "wash_trading",
    "momentum",
    "front_running",
    "quote_stuffing",
  ),
  severity: fc.constantFrom("low", "medium", "high", "critical"),
  user_id: uuid,
  symbol,
  detected_at: timestamp,
  description: text,
  // Normalised through JSON: fast-check's jsonValue can yield -0, which JSON writes as 0.
  evidence: fc
    .dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }))
    .map((value) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>),
  related_order_ids: fc.array(uuid, { maxLength: 5 }),
  confidence_score: ratio,
  recommended_action: text,
});

const haltEvent = fc
  .record({
    event_id: uuid,
    event_type: fc.constantFrom("risk.halt" as const, "risk.halt_lifted" as const),
    occurred_at: timestamp,
    halt_id: uuid,
    scope: fc.constantFrom("user" as const, "symbol" as const, "user_symbol" as const),
    user_id: uuid,
    symbol,
    reason: text,
    alert_id: fc.option(uuid, { nil: undefined }),
  })
  .map(({ alert_id, user_id, symbol: haltSymbol, ...halt }) => ({
    ...halt,
    ...(halt.scope === "symbol" ? {} : { user_id }),
    ...(halt.scope === "user" ? {} : { symbol: haltSymbol }),
    ...(alert_id === undefined ? {} : { alert_id }),
  }));

const decisionEvent = fc.record({
  event_id: uuid,
  event_type: fc.constant("routing.decision" as const),
  occurred_at: timestamp,
  decision_id: uuid,
  order_id: uuid,
  user_id: uuid,
  symbol,
  side,
  quantity: positive,
  strategy: identifier,
  selected_venue_id: identifier,
  expected_price: positive,
  expected_fill_rate: ratio,
  reason: text,
  alternatives: fc.array(
    fc.record(
      { venue_id: identifier, expected_price: positive, expected_fill_rate: ratio, reason: text },
      { requiredKeys: ["venue_id", "expected_price", "expected_fill_rate"] },
    ),
    { maxLength: 4 },
  ),
});

const executionEvent = fc.record(
  {
    event_id: uuid,
    event_type: fc.constant("routing.execution" as const),
    occurred_at: timestamp,
    execution_id: uuid,
    decision_id: uuid,
    order_id: uuid,
    symbol,
    venue_id: identifier,
    executed_quantity: nonNegative,
    executed_price: fc.option(positive, { nil: null }),
    latency_ms: fc.double({ min: 0, max: 1e6, noNaN: true }),
    fee: signed,
    price_improvement: signed,
    execution_quality: fc.constantFrom("excellent", "good", "neutral", "poor"),
  },
  {
    requiredKeys: [
      "event_id",
      "event_type",
      "occurred_at",
      "execution_id",
      "order_id",
      "symbol",
      "venue_id",
      "executed_quantity",
      "executed_price",
      "latency_ms",
      "fee",
      "price_improvement",
      "execution_quality",
    ],
  },
);

const validEvent: fc.Arbitrary<ContractEvent> = fc.oneof(
  orderEvent,
  tradeEvent,
  quoteEvent,
  alertEvent,
  haltEvent,
  decisionEvent,
  executionEvent,
);

const anyTopic = fc.oneof(fc.constantFrom(...Object.values(TOPICS)), fc.string());

/** Decodes on both entry points; a throw fails the property. Returns the decodeEvent result. */
function decodeBoth(topic: string, raw: string | Uint8Array): ReturnType<typeof decodeEvent> {
  decodeConsumedEvent(topic, raw);
  return decodeEvent(topic, raw);
}

describe("decodeEvent never throws", () => {
  it("on arbitrary strings", () => {
    fc.assert(
      fc.property(anyTopic, fc.string({ unit: "binary" }), (topic, raw) => void decodeBoth(topic, raw)),
      { numRuns: 2000 },
    );
  });

  it("on arbitrary bytes", () => {
    fc.assert(
      fc.property(anyTopic, fc.uint8Array({ maxLength: 300 }), (topic, raw) => void decodeBoth(topic, raw)),
      { numRuns: 2000 },
    );
  });

  it("on arbitrary JSON values, reporting a field for each failure", () => {
    fc.assert(
      fc.property(anyTopic, fc.jsonValue(), (topic, value) => {
        const result = decodeBoth(topic, JSON.stringify(value) ?? "");
        if (!result.ok) expect(result.error.field.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it("on valid events with one field replaced or removed", () => {
    const mutation = fc.record({
      event: validEvent,
      field: fc.oneof(
        fc.constantFrom(
          "event_id",
          "event_type",
          "occurred_at",
          "symbol",
          "price",
          "quantity",
          "side",
          "user_id",
          "scope",
        ),
        fc.string(),
      ),
      value: fc.option(fc.oneof(fc.jsonValue(), fc.constant(1e308), fc.constant("9".repeat(400))), {
        nil: undefined,
      }),
    });
    fc.assert(
      fc.property(mutation, ({ event, field, value }) => {
        const mutated: Record<string, unknown> = { ...event, [field]: value };
        const result = decodeBoth(topicOf(event), JSON.stringify(mutated));
        if (!result.ok) expect(result.error.field).not.toBe("");
      }),
      { numRuns: 3000 },
    );
  });
});

describe("valid events round-trip", () => {
  it("encode -> decode on topicOf(event) gives the same event, and encoding is one line", () => {
    fc.assert(
      fc.property(validEvent, (event) => {
        const line = encodeEvent(event);
        expect(line).not.toContain("\n");
        expect(decodeEvent(topicOf(event), line)).toEqual({ ok: true, event });
      }),
      { numRuns: 3000 },
    );
  });
});

describe("control characters", () => {
  // Every C0 and C1 control (U+0000-U+001F, U+007F-U+009F) and every unpaired surrogate.
  const control = fc.oneof(
    fc.integer({ min: 0x00, max: 0x1f }),
    fc.integer({ min: 0x7f, max: 0x9f }),
    fc.integer({ min: 0xd800, max: 0xdfff }),
  );

  it("are refused anywhere in an identifier, naming the field; other characters of any script are kept", () => {
    fc.assert(
      fc.property(
        orderEvent,
        fc.string({ unit: "grapheme", maxLength: 20 }),
        fc.string({ unit: "grapheme", maxLength: 20 }),
        control,
        (event, before, after, codePoint) => {
          const clean = { ...event, account_id: `${before}Ω${after}` };
          expect(decodeEvent(topicOf(clean), JSON.stringify(clean)).ok).toBe(true);
          const dirty = { ...event, account_id: `${before}${String.fromCharCode(codePoint)}${after}` };
          const result = decodeEvent(topicOf(dirty), JSON.stringify(dirty));
          expect(result.ok ? undefined : result.error.field).toBe("account_id");
        },
      ),
      { numRuns: 2000 },
    );
  });
});
