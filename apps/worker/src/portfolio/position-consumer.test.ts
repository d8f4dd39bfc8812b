import { describe, expect, it } from "vitest";
import { exampleOrderLine, exampleTradeLine } from "../../test/fixtures/events.js";
import { decodeTrade } from "./position-consumer.js";

const message = (topic: string, value: string) => ({
  topic,
  partition: 0,
  offset: "0",
  key: "AAPL",
  value: new TextEncoder().encode(value),
  headers: {},
  timestamp: 0,
});

describe("decodeTrade", () => {
  it("reads a trade, and passes over what it cannot read (the ingest consumer dead-letters that)", () => {
    expect(decodeTrade(message("trades.executed", exampleTradeLine))).toMatchObject({
      ok: true,
      value: { event_type: "trade.executed", quantity: "100" },
    });
    expect(decodeTrade(message("trades.executed", "{not json"))).toEqual({ ok: true, value: null });
    expect(decodeTrade(message("orders.created", exampleOrderLine))).toEqual({ ok: true, value: null });
  });
});
