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

describe("startSimulatorFeed", { timeout: 30_000 }, () => {
  const WALL_START = Date.parse("2026-11-24T15:00:00.000Z");
  beforeEach(() => {
    vi.useFakeTimers({ now: WALL_START });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const timesOf = (bus: RecordingBus) =>
    bus.published.map(({ message }) => Date.parse(JSON.parse(String(message.value)).occurred_at as string));

  it("replays the chosen day from 09:30 New York at speed times the wall clock, stamped with the wall time", async () => {
    const bus = new RecordingBus();
    const feed = startSimulatorFeed({
      bus,
      eventsPerSecond: 50,
      seed: 1,
      logger,
      day: "2016-06-24",
      speed: 10,
    });
    expect(feed.state()).toMatchObject({ day: "2016-06-24", clock: "2016-06-24T13:30:00.000Z", speed: 10 });
    await vi.advanceTimersByTimeAsync(20_000);
    await feed.stop();
    // 50 a second at the starting speed, whatever the speed: Poisson arrivals, so about 1,000.
    expect(bus.published.length).toBeGreaterThan(700);
    expect(bus.published.length).toBeLessThan(1_300);
    expect(feed.state()).toMatchObject({ clock: "2016-06-24T13:33:20.000Z", paused: false });
    expect(feed.state().eventsPerSecond).toBeGreaterThan(35);
    const times = timesOf(bus);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(WALL_START);
    expect(Math.max(...times)).toBeLessThanOrEqual(WALL_START + 20_000);
    // In time order within each topic (a slice is published a topic at a time).
    for (const topic of new Set(bus.published.map((entry) => entry.topic))) {
      const ofTopic = times.filter((_, index) => bus.published[index]?.topic === topic);
      expect(ofTopic).toEqual([...ofTopic].sort((a, b) => a - b));
    }
    for (const { topic, message } of bus.published) {
      expect(decodeConsumedEvent(topic, String(message.value)).ok).toBe(true);
    }
    const symbols = new Set(bus.published.map(({ message }) => String(message.key)));
    expect(symbols.size).toBeGreaterThanOrEqual(50);
  });

  it("stands still while paused, and runs on at the new speed when resumed", async () => {
    const bus = new RecordingBus();
    const feed = startSimulatorFeed({ bus, eventsPerSecond: 20, seed: 2, logger, day: "2016-06-24" });
    await vi.advanceTimersByTimeAsync(1_000);
    feed.pause();
    const count = bus.published.length;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(bus.published).toHaveLength(count);
    expect(feed.state()).toMatchObject({ clock: "2016-06-24T13:30:01.000Z", paused: true, speed: 1 });
    feed.setSpeed(4);
    feed.resume();
    await vi.advanceTimersByTimeAsync(1_000);
    await feed.stop();
    expect(feed.state()).toMatchObject({ clock: "2016-06-24T13:30:05.000Z", paused: false, speed: 4 });
    expect(bus.published.length).toBeGreaterThan(count + 20);
    // Nothing stamped inside the pause.
    expect(timesOf(bus).filter((t) => t > WALL_START + 1_000 && t <= WALL_START + 6_000)).toEqual([]);
  });

  it("holds the clock back when a speed-up asks for more than the flow may carry", async () => {
    const bus = new RecordingBus();
    const feed = startSimulatorFeed({ bus, eventsPerSecond: 5, seed: 3, logger, day: "2016-06-24" });
    feed.setSpeed(100);
    await vi.advanceTimersByTimeAsync(2_000);
    await feed.stop();
    // 100x would be 500 events a second; the flow carries at most 20 times the starting 5.
    expect(bus.published.length).toBeLessThanOrEqual(200);
    expect(Date.parse(feed.state().clock)).toBeLessThan(Date.parse("2016-06-24T13:30:00Z") + 200_000);
  });

  it("names the session's noise traders as the firm's customers, and only them", () => {
    const feed = startSimulatorFeed({
      bus: new RecordingBus(),
      eventsPerSecond: 5,
      seed: 4,
      logger,
      day: "2016-06-24",
    });
    const customers = feed.customers();
    void feed.stop();
    // The default population's 40 noise traders; its market makers and agency desks are not among them.
    expect(customers).toHaveLength(40);
    const desks = feed.referenceData().desks.flatMap((desk) => desk.agencyUsers);
    const makers = feed.referenceData().marketMakers;
    expect(customers.some((customer) => desks.includes(customer) || makers.includes(customer))).toBe(false);
  });

  it("refuses a day that is not in the data, naming SIM_DAY and the nearest trading days", () => {
    expect(() =>
      startSimulatorFeed({ bus: new RecordingBus(), eventsPerSecond: 5, seed: 1, logger, day: "2016-06-25" }),
    ).toThrow(
      "SIM_DAY: 2016-06-25 is not a trading day of the data (nearest: 2016-06-24, 2016-06-27; data 2012-08-13..2017-08-11)",
    );
  });

  it("publishes nothing more once stopped", async () => {
    const bus = new RecordingBus();
    const feed = startSimulatorFeed({ bus, eventsPerSecond: 100, seed: 1, logger });
    await vi.advanceTimersByTimeAsync(500);
    await feed.stop();
    const count = bus.published.length;
    expect(count).toBeGreaterThan(0);
    // The default day: two years (505 trading days) into the data, 2012-08-13..2017-08-11.
    expect(feed.state().day).toBe("2014-08-18");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(bus.published).toHaveLength(count);
  });
});
