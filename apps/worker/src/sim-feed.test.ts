import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { decodeConsumedEvent } from "@nexus/core/events";
import type { ConsumedEvent } from "@nexus/core/events";
import { createLogger } from "@nexus/platform/logger";
import { RecordingBus } from "../test/recording-bus.js";
import { startSimulatorFeed, toTopicMessages } from "./sim-feed.js";

const logger = createLogger({ name: "sim-feed-test", level: "silent" });

describe("toTopicMessages", () => {
  it("groups events by contract topic, keyed by symbol, keeping their order", () => {
    const order = (id: string, symbol: string): ConsumedEvent => ({
      event_id: id,
      event_type: "order.created",
      occurred_at: "2026-11-24T14:30:00.000Z",
      order_id: id,
      user_id: id,
      symbol,
      side: "buy",
      order_type: "market",
      price: null,
      quantity: "100",
    });
    const quote: ConsumedEvent = {
      event_id: "q",
      event_type: "quote",
      occurred_at: "2026-11-24T14:30:00.000Z",
      venue_id: "SIM",
      symbol: "MSFT",
      bid_price: "1",
      bid_size: "1",
      ask_price: "2",
      ask_size: "1",
    };
    const grouped = toTopicMessages([order("a", "AAPL"), quote, order("b", "IBM")]);
    expect([...grouped.keys()]).toEqual(["orders.created", "marketdata.quotes"]);
    expect(grouped.get("orders.created")?.map((m) => m.key)).toEqual(["AAPL", "IBM"]);
    expect(JSON.parse(String(grouped.get("orders.created")?.[1]?.value))).toMatchObject({ event_id: "b" });
  });
});

describe("startSimulatorFeed", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("publishes the configured rate, fractional rates included, as valid contract events", async () => {
    const bus = new RecordingBus();
    const feed = startSimulatorFeed({
      bus,
      eventsPerSecond: 15,
      seed: 1,
      logger,
      startTime: Date.parse("2026-11-24T14:30:00Z"),
    });
    await vi.advanceTimersByTimeAsync(2_000);
    await feed.stop();
    expect(bus.published).toHaveLength(30);
    for (const { topic, message } of bus.published) {
      expect(decodeConsumedEvent(topic, String(message.value)).ok).toBe(true);
    }
  });

  it("publishes nothing more once stopped", async () => {
    const bus = new RecordingBus();
    const feed = startSimulatorFeed({ bus, eventsPerSecond: 100, seed: 1, logger });
    await vi.advanceTimersByTimeAsync(500);
    await feed.stop();
    const count = bus.published.length;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(bus.published).toHaveLength(count);
  });
});
