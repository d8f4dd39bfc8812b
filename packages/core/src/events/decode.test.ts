import { describe, expect, it } from "vitest";
import { buyAccountId, orderAccountId, orderCapacity, sellAccountId } from "./accounts";
import { decodeConsumedEvent, decodeEvent, encodeEvent, formatDecodeError } from "./decode";
import type { DecodeResult } from "./decode";
import type { ContractEvent } from "./topics";
import { eventKey, topicOf, topicOfEventType } from "./topics";

// The orders.created and trades.executed examples of docs/events.md, exactly as written there.
const ORDER_EXAMPLE = `{"event_id":"7b0a3f64-8d1e-4c55-9a0e-1f2d3c4b5a69","event_type":"order.created","occurred_at":"2026-11-24T14:30:00.120Z","order_id":"0f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19","user_id":"3c2b1a09-8f7e-4d6c-9b5a-493827160554","symbol":"AAPL","side":"sell","order_type":"limit","price":"189.30","quantity":"50000","capacity":"principal"}`;
const TRADE_EXAMPLE = `{"event_id":"1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d","event_type":"trade.executed","occurred_at":"2026-11-24T14:30:00.180Z","trade_id":"9a8b7c6d-5e4f-4321-9fed-cba987654321","symbol":"AAPL","price":"189.25","quantity":"100","buy_order_id":"5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716","sell_order_id":"6f5e4d3c-2b1a-4098-8f7e-6d5c4b3a2918","buy_user_id":"3c2b1a09-8f7e-4d6c-9b5a-493827160554","sell_user_id":"8e7d6c5b-4a39-4281-9f0e-d1c2b3a49586","aggressor_side":"buy"}`;

const ID = "3c2b1a09-8f7e-4d6c-9b5a-493827160554";
const ID2 = "8e7d6c5b-4a39-4281-9f0e-d1c2b3a49586";
const AT = "2026-11-24T14:30:00.120Z";

const order = JSON.parse(ORDER_EXAMPLE) as Record<string, unknown>;
const trade = JSON.parse(TRADE_EXAMPLE) as Record<string, unknown>;
const quote = {
  event_id: ID,
  event_type: "quote",
  occurred_at: AT,
  venue_id: "XNAS",
  symbol: "AAPL",
  bid_price: "189.24",
  bid_size: "0",
  ask_price: "189.26",
  ask_size: "300",
};
const alert = {
  event_id: ID,
  event_type: "surveillance.alert",
  occurred_at: AT,
  alert_id: ID2,
  alert_type: "spoofing",
  severity: "high",
  user_id: ID,
  symbol: "AAPL",
  detected_at: AT,
  description: "Large sell orders cancelled within 2 s after buys filled",
  evidence: { cancel_ratio: 0.97, orders: [1, 2] },
  related_order_ids: [ID, ID2],
  confidence_score: 0.83,
  recommended_action: "review",
};
const halt = {
  event_id: ID,
  event_type: "risk.halt",
  occurred_at: AT,
  halt_id: ID2,
  scope: "user_symbol",
  user_id: ID,
  symbol: "AAPL",
  reason: "critical spoofing alert",
  alert_id: ID2,
};
const decision = {
  event_id: ID,
  event_type: "routing.decision",
  occurred_at: AT,
  decision_id: ID2,
  order_id: ID,
  user_id: ID,
  symbol: "AAPL",
  side: "buy",
  quantity: "500",
  strategy: "best_price",
  selected_venue_id: "INTERNAL",
  expected_price: "189.25",
  expected_fill_rate: 0.9,
  reason: "best displayed price",
  alternatives: [{ venue_id: "XNAS", expected_price: "189.26", expected_fill_rate: 1 }],
};
const execution = {
  event_id: ID,
  event_type: "routing.execution",
  occurred_at: AT,
  execution_id: ID2,
  order_id: ID,
  symbol: "AAPL",
  venue_id: "XNAS",
  executed_quantity: "500",
  executed_price: "189.25",
  latency_ms: 3.5,
  fee: "-0.15",
  price_improvement: "0.01",
  execution_quality: "good",
};

const withField = (event: object, field: string, value: unknown): string =>
  JSON.stringify({ ...event, [field]: value });
const withoutField = (event: object, field: string): string =>
  JSON.stringify(Object.fromEntries(Object.entries(event).filter(([key]) => key !== field)));

function errorOf(result: DecodeResult<ContractEvent>): string {
  if (result.ok) throw new Error("expected a decode error");
  return formatDecodeError(result.error);
}

describe("decodeEvent: valid messages", () => {
  it("accepts the docs/events.md example lines exactly as written", () => {
    const decodedOrder = decodeConsumedEvent("orders.created", ORDER_EXAMPLE);
    expect(decodedOrder).toEqual({ ok: true, event: order });
    const decodedTrade = decodeConsumedEvent("trades.executed", new TextEncoder().encode(TRADE_EXAMPLE));
    expect(decodedTrade).toEqual({ ok: true, event: trade });
  });

  it.each([
    ["marketdata.quotes", quote],
    ["surveillance.alerts", alert],
    ["risk.halts", halt],
    ["routing.decisions", decision],
    ["routing.executions", execution],
  ])("accepts a valid %s message and re-encodes it unchanged", (topic, event) => {
    const result = decodeEvent(topic, JSON.stringify(event));
    expect(result).toEqual({ ok: true, event });
    if (result.ok) expect(encodeEvent(result.event)).toBe(JSON.stringify(event));
  });

  it("accepts each order event type on its own topic", () => {
    for (const [topic, eventType] of [
      ["orders.modified", "order.modified"],
      ["orders.cancelled", "order.cancelled"],
    ] as const) {
      expect(decodeConsumedEvent(topic, withField(order, "event_type", eventType)).ok).toBe(true);
    }
  });

  it("accepts a market order with a null price, and both halt event types on risk.halts", () => {
    const market = JSON.stringify({ ...order, order_type: "market", price: null });
    expect(decodeConsumedEvent("orders.created", market).ok).toBe(true);
    expect(decodeEvent("risk.halts", withField(halt, "event_type", "risk.halt_lifted")).ok).toBe(true);
  });

  it("strips unknown extra fields (the contract grows by optional fields)", () => {
    const result = decodeConsumedEvent("orders.created", withField(order, "routing_hint", { any: "thing" }));
    expect(result).toEqual({ ok: true, event: order });
  });

  it("lower-cases UUIDs so duplicates and references compare equal", () => {
    const result = decodeConsumedEvent(
      "orders.created",
      withField(order, "order_id", "0F8E7D6C-5B4A-4392-8170-6E5D4C3B2A19"),
    );
    expect(result.ok && "order_id" in result.event && result.event.order_id).toBe(
      "0f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19",
    );
  });

  it("accepts UTC timestamps as Java, Python and JavaScript clients write them, all readable by Date.parse", () => {
    for (const occurredAt of [
      "2026-11-24T14:30:00Z",
      "2026-11-24T14:30:00.1Z",
      "2026-11-24T14:30:00.123456Z",
      "2026-11-24T14:30:00.123456789Z",
      "2026-11-24T14:30:00+00:00",
      "2026-11-24T14:30:00.123456+00:00",
      "2028-02-29T23:59:59.999Z",
      "0001-01-01T00:00:00Z",
    ]) {
      expect(
        decodeConsumedEvent("orders.created", withField(order, "occurred_at", occurredAt)).ok,
        occurredAt,
      ).toBe(true);
      expect(Number.isFinite(Date.parse(occurredAt)), occurredAt).toBe(true);
    }
  });
});

describe("decodeEvent: each kind of bad field names the field", () => {
  it.each([
    ["event_id", "7b0a3f64-8d1e-4c55-9a0e-1f2d3c4b5a6", "event_id: expected a UUID string"],
    ["event_id", 42, "event_id: expected a UUID string"],
    ["order_id", "not-a-uuid", "order_id: expected a UUID string"],
    ["user_id", "", "user_id: expected a UUID string"],
    ["symbol", "aapl", "symbol: expected a symbol: 1-20 characters of A-Z 0-9 . -"],
    ["symbol", "", "symbol: expected a symbol: 1-20 characters of A-Z 0-9 . -"],
    ["symbol", "A".repeat(21), "symbol: expected a symbol: 1-20 characters of A-Z 0-9 . -"],
    ["side", "BUY", 'side: expected "buy" or "sell"'],
    ["order_type", "stop", 'order_type: expected "limit" or "market"'],
    ["price", 189.3, "price: expected a positive decimal string"],
    ["price", "0", "price: expected a positive decimal string"],
    ["price", "0.000", "price: expected a positive decimal string"],
    ["price", "-1.5", "price: expected a positive decimal string"],
    ["price", "1e3", "price: expected a positive decimal string"],
    ["price", "1.", "price: expected a positive decimal string"],
    ["price", "1234567890123456789", "price: expected a positive decimal string"],
    ["price", "1.1234567890123", "price: expected a positive decimal string"],
    ["price", null, "price: a limit order needs a positive decimal price"],
    ["quantity", "0", "quantity: expected a positive decimal string"],
    ["quantity", 1e400, "quantity: expected a positive decimal string"],
    ["capacity", "riskless", 'capacity: expected "agency" or "principal"'],
    ["time_in_force", "gtd", 'time_in_force: expected "day", "ioc", "gtc" or "fok"'],
    ["account_id", "", "account_id: expected a non-empty string"],
    // Postgres refuses U+0000 in text: it must be refused here, naming the field, not fail a whole batch.
    [
      "account_id",
      "ACCT\u00007",
      "account_id: expected no control character or unpaired surrogate, found U+0000",
    ],
    [
      "account_id",
      "ACCT-7\b",
      "account_id: expected no control character or unpaired surrogate, found U+0008",
    ],
    [
      "account_id",
      "ACCT\t7",
      "account_id: expected no control character or unpaired surrogate, found U+0009",
    ],
    [
      "account_id",
      "ACCT\u007f",
      "account_id: expected no control character or unpaired surrogate, found U+007F",
    ],
    ["venue_id", "X\u0085NAS", "venue_id: expected no control character or unpaired surrogate, found U+0085"],
    ["venue_id", "XNAS\ud800", "venue_id: expected no control character or unpaired surrogate, found U+D800"],
    ["venue_id", 7, "venue_id: expected a string"],
    [
      "occurred_at",
      "2026-11-24 14:30:00Z",
      "occurred_at: expected an ISO-8601 UTC timestamp like 2026-11-24T14:30:00.123Z",
    ],
    [
      "occurred_at",
      "2026-11-24T14:30:00.123+01:00",
      "occurred_at: expected an ISO-8601 UTC timestamp like 2026-11-24T14:30:00.123Z",
    ],
    [
      "occurred_at",
      "2026-11-24T14:30:00.1234567890Z",
      "occurred_at: expected an ISO-8601 UTC timestamp like 2026-11-24T14:30:00.123Z",
    ],
    [
      "occurred_at",
      "2026-02-29T14:30:00Z",
      "occurred_at: expected an ISO-8601 UTC timestamp like 2026-11-24T14:30:00.123Z",
    ],
    [
      "occurred_at",
      "2026-11-24T24:00:00Z",
      "occurred_at: expected an ISO-8601 UTC timestamp like 2026-11-24T14:30:00.123Z",
    ],
    [
      "occurred_at",
      "2026-11-24T14:30:60Z",
      "occurred_at: expected an ISO-8601 UTC timestamp like 2026-11-24T14:30:00.123Z",
    ],
    [
      "occurred_at",
      "2026-11-24T14:30Z",
      "occurred_at: expected an ISO-8601 UTC timestamp like 2026-11-24T14:30:00.123Z",
    ],
    // Postgres has no year 0: "date/time field value out of range" at insert.
    [
      "occurred_at",
      "0000-01-01T00:00:00Z",
      "occurred_at: expected an ISO-8601 UTC timestamp like 2026-11-24T14:30:00.123Z",
    ],
  ])("order %s = %j -> %s", (field, value, expected) => {
    expect(errorOf(decodeEvent("orders.created", withField(order, field, value)))).toBe(expected);
  });

  it.each([
    "event_id",
    "occurred_at",
    "order_id",
    "user_id",
    "symbol",
    "side",
    "order_type",
    "price",
    "quantity",
  ])("a missing required order field %s is reported as required", (field) => {
    expect(errorOf(decodeEvent("orders.created", withoutField(order, field)))).toBe(`${field}: required`);
  });

  it("reports trade, quote and published fields by name", () => {
    expect(errorOf(decodeEvent("trades.executed", withField(trade, "aggressor_side", "none")))).toBe(
      'aggressor_side: expected "buy" or "sell"',
    );
    expect(errorOf(decodeEvent("trades.executed", withoutField(trade, "sell_order_id")))).toBe(
      "sell_order_id: required",
    );
    expect(errorOf(decodeEvent("marketdata.quotes", withField(quote, "bid_size", "-1")))).toBe(
      "bid_size: expected a non-negative decimal string",
    );
    expect(errorOf(decodeEvent("marketdata.quotes", withField(quote, "ask_price", "0")))).toBe(
      "ask_price: expected a positive decimal string",
    );
    expect(
      errorOf(decodeEvent("surveillance.alerts", withField(alert, "related_order_ids", [ID, "x"]))),
    ).toBe("related_order_ids.1: expected a UUID string");
    expect(errorOf(decodeEvent("surveillance.alerts", withField(alert, "confidence_score", 1.01)))).toBe(
      "confidence_score: expected a number between 0 and 1",
    );
    expect(errorOf(decodeEvent("surveillance.alerts", withField(alert, "evidence", [1])))).toBe(
      "evidence: expected a JSON object",
    );
    expect(errorOf(decodeEvent("risk.halts", withoutField(halt, "symbol")))).toBe(
      "symbol: required for scope user_symbol",
    );
    expect(
      errorOf(decodeEvent("routing.decisions", withField(decision, "alternatives", [{ venue_id: "X" }]))),
    ).toBe("alternatives.0.expected_price: required");
    expect(errorOf(decodeEvent("routing.executions", withField(execution, "latency_ms", -1)))).toBe(
      "latency_ms: expected a number of milliseconds >= 0",
    );
  });

  it("refuses control characters in the published events' identifiers and text, but lets text break lines", () => {
    expect(errorOf(decodeEvent("routing.decisions", withField(decision, "strategy", "best\u0000")))).toBe(
      "strategy: expected no control character or unpaired surrogate, found U+0000",
    );
    expect(errorOf(decodeEvent("risk.halts", withField(halt, "reason", "critical\u0000")))).toBe(
      "reason: expected no control character or unpaired surrogate, found U+0000",
    );
    expect(errorOf(decodeEvent("surveillance.alerts", withField(alert, "description", "a\u001bb")))).toBe(
      "description: expected no control character or unpaired surrogate, found U+001B",
    );
    const multiLine = withField(alert, "description", "Cancelled within 2 s:\r\n\t12 orders");
    expect(decodeEvent("surveillance.alerts", multiLine).ok).toBe(true);
  });
});

describe("decodeEvent: topic and bytes", () => {
  it("refuses an event_type that does not match the topic", () => {
    expect(errorOf(decodeEvent("orders.modified", ORDER_EXAMPLE))).toBe(
      'event_type: expected "order.modified" on topic orders.modified',
    );
    expect(errorOf(decodeEvent("trades.executed", ORDER_EXAMPLE))).toBe(
      'event_type: expected "trade.executed" on topic trades.executed',
    );
    expect(errorOf(decodeEvent("orders.created", withoutField(order, "event_type")))).toBe(
      "event_type: required",
    );
  });

  it("refuses unknown topics, and published topics where only consumed ones are read", () => {
    expect(errorOf(decodeEvent("orders.created.dlq", ORDER_EXAMPLE))).toBe(
      'topic: not a topic of the event contract: "orders.created.dlq"',
    );
    expect(errorOf(decodeConsumedEvent("risk.halts", JSON.stringify(halt)))).toBe(
      'topic: not a topic of the event contract: "risk.halts"',
    );
  });

  it.each([
    ["", "(json): not valid JSON"],
    ["{", "(json): not valid JSON"],
    ["null", "(json): expected a JSON object"],
    ["[]", "(json): expected a JSON object"],
    ['"order"', "(json): expected a JSON object"],
    ["1e999", "(json): expected a JSON object"],
  ])("reports %j as %s", (raw, expected) => {
    expect(errorOf(decodeEvent("orders.created", raw))).toBe(expected);
  });

  it("reports malformed UTF-8 bytes", () => {
    const bytes = new TextEncoder().encode(ORDER_EXAMPLE);
    bytes[40] = 0xff;
    expect(errorOf(decodeEvent("orders.created", bytes))).toBe("(json): not valid UTF-8");
  });
});

describe("routing an event: topic, key and defaults", () => {
  const decodedOrder = decodeConsumedEvent("orders.created", ORDER_EXAMPLE);
  const decodedTrade = decodeConsumedEvent("trades.executed", TRADE_EXAMPLE);

  it("publishes each event type on its topic, keyed by symbol (user-wide halts by user)", () => {
    if (!decodedOrder.ok || !decodedTrade.ok) throw new Error("examples must decode");
    expect(topicOf(decodedOrder.event)).toBe("orders.created");
    expect(topicOf(decodedTrade.event)).toBe("trades.executed");
    expect(eventKey(decodedOrder.event)).toBe("AAPL");
    const userHalt = decodeEvent("risk.halts", JSON.stringify({ ...halt, scope: "user", symbol: undefined }));
    if (!userHalt.ok) throw new Error(formatDecodeError(userHalt.error));
    expect(topicOf(userHalt.event)).toBe("risk.halts");
    expect(eventKey(userHalt.event)).toBe(ID);
  });

  it("finds the topic of an event_type read from untrusted input, and none for anything else", () => {
    expect(topicOfEventType("order.cancelled")).toBe("orders.cancelled");
    expect(topicOfEventType("risk.halt_lifted")).toBe("risk.halts");
    expect(topicOfEventType("toString")).toBeUndefined();
    expect(topicOfEventType("orders.created")).toBeUndefined();
    expect(topicOfEventType(42)).toBeUndefined();
  });

  it("defaults account ids to user ids and capacity to principal when read", () => {
    const agencyOrder = decodeConsumedEvent("orders.created", withField(order, "account_id", "ACCT-7"));
    const plainOrder = decodeConsumedEvent("orders.created", withoutField(order, "capacity"));
    if (!agencyOrder.ok || !plainOrder.ok || !decodedTrade.ok) throw new Error("must decode");
    if (agencyOrder.event.event_type === "trade.executed" || agencyOrder.event.event_type === "quote")
      throw new Error("order");
    if (plainOrder.event.event_type === "trade.executed" || plainOrder.event.event_type === "quote")
      throw new Error("order");
    if (decodedTrade.event.event_type !== "trade.executed") throw new Error("trade");
    expect(orderAccountId(agencyOrder.event)).toBe("ACCT-7");
    expect(orderAccountId(plainOrder.event)).toBe(ID);
    expect(orderCapacity(plainOrder.event)).toBe("principal");
    expect(buyAccountId(decodedTrade.event)).toBe(ID);
    expect(sellAccountId(decodedTrade.event)).toBe(ID2);
  });
});
