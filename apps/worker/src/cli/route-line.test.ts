import { describe, expect, it } from "vitest";
import { exampleOrderLine, exampleTradeLine, quoteLine } from "../../test/fixtures/events.js";
import { routeLine } from "./route-line.js";

const byEvent = { topicFromEvent: false };

describe("routeLine", () => {
  it("routes a contract event to the topic of its event_type, keyed by symbol", () => {
    const order = routeLine(exampleOrderLine, byEvent);
    expect(order).toMatchObject({ ok: true, topic: "orders.created", key: "AAPL", value: exampleOrderLine });
    expect(order.ok && order.decoded.ok).toBe(true);
    expect(routeLine(exampleTradeLine, byEvent)).toMatchObject({ ok: true, topic: "trades.executed" });
    expect(routeLine(quoteLine(), byEvent)).toMatchObject({ ok: true, topic: "marketdata.quotes" });
  });

  it("still routes an event that does not validate, with the reason, so it can be dead-lettered", () => {
    const line = exampleOrderLine.replace('"quantity":"50000"', '"quantity":"-5"');
    const routed = routeLine(line, byEvent);
    expect(routed).toMatchObject({
      ok: true,
      topic: "orders.created",
      value: line,
      decoded: { ok: false, reason: "quantity: expected a positive decimal string" },
    });
  });

  it("cannot route a line that is not JSON or has no consumed event_type", () => {
    expect(routeLine("{not json", byEvent)).toMatchObject({ ok: false });
    expect(routeLine("[1,2]", byEvent)).toMatchObject({ ok: false });
    expect(routeLine('{"event_type":"surveillance.alert"}', byEvent)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('"surveillance.alert"'),
    });
    expect(routeLine('{"symbol":"AAPL"}', byEvent)).toMatchObject({ ok: false });
  });

  it("replays a kcat -J record to its recorded topic, or re-derives it with topicFromEvent", () => {
    const record = JSON.stringify({
      topic: "orders.modified",
      partition: 0,
      offset: 7,
      key: "AAPL",
      payload: exampleOrderLine,
    });
    expect(routeLine(record, byEvent)).toMatchObject({
      ok: true,
      topic: "orders.modified",
      key: "AAPL",
      value: exampleOrderLine,
      // order.created on orders.modified does not validate: the consumer would dead-letter it too.
      decoded: { ok: false },
    });
    expect(routeLine(record, { topicFromEvent: true })).toMatchObject({
      ok: true,
      topic: "orders.created",
      decoded: { ok: true },
    });
  });

  it("replays a kcat record without a key unkeyed, and cannot re-derive a topic from a payload without event_type", () => {
    const unkeyed = JSON.stringify({ topic: "orders.created", key: null, payload: exampleOrderLine });
    expect(routeLine(unkeyed, byEvent)).toMatchObject({ ok: true, topic: "orders.created", key: null });
    const noEventType = JSON.stringify({
      topic: "orders.created",
      key: "AAPL",
      payload: '{"symbol":"AAPL"}',
    });
    expect(routeLine(noEventType, { topicFromEvent: true })).toEqual({
      ok: false,
      reason: "payload has no consumed event_type",
    });
  });
});
