import { decodeConsumedEvent, encodeEvent, topicOf } from "@nexus/core/events";
import type { ConsumedEvent } from "@nexus/core/events";
import { toDecimal } from "@nexus/core/money";
import { describe, expect, it } from "vitest";
import type { Agent, AgentMarket, SimulatedUser } from "./agents/agent";
import { isCompleteBar, parseDailyBars } from "./bars";
import { loadSampleBars } from "./market-data";
import { createMarketSimulator } from "./simulator";
import type { ManipulationLabel } from "./manipulation/label";
import type { ManipulationOptions } from "./manipulation/population";

const START = Date.parse("2026-11-24T14:30:00.000Z");
const sample = loadSampleBars().bars;

// Three real AAPL days of the source data (2013-01-24 is a day with a 12 % drop) and one F day.
const { bars: fewBars } = parseDailyBars(
  [
    "date,symbol,open,high,low,close,volume",
    "2013-01-23,AAPL,508.81,514.99,504.77,514.01,30768366",
    "2013-01-24,AAPL,460,465.73,450.25,450.5,52173300",
    "2013-01-25,AAPL,451.69,456.23,435,439.88,43143788",
    "2013-01-23,F,13.28,13.43,13.19,13.31,48540300",
  ].join("\n"),
);

function priceOf(event: ConsumedEvent): string[] {
  switch (event.event_type) {
    case "quote":
      return [event.bid_price, event.ask_price];
    case "trade.executed":
      return [event.price];
    default:
      return event.price === null ? [] : [event.price];
  }
}

// Long runs (100k+ events) take seconds on a loaded shared machine.
describe("createMarketSimulator", { timeout: 30_000 }, () => {
  it("is deterministic: same seed and start, same events (ids included); another seed differs", () => {
    const options = {
      bars: sample,
      symbols: ["AAPL", "KO", "XOM"],
      startTime: START,
      fromDate: "2016-03-01",
    };
    const first = createMarketSimulator({ ...options, seed: 7 }).take(5_000);
    const again = createMarketSimulator({ ...options, seed: 7 }).take(5_000);
    const other = createMarketSimulator({ ...options, seed: 8 }).take(5_000);
    expect(again).toEqual(first);
    expect(other[0]).not.toEqual(first[0]);
    expect(createMarketSimulator({ ...options, seed: 7 }).simulatedUsers()).toEqual(
      createMarketSimulator({ ...options, seed: 7 }).simulatedUsers(),
    );
  });

  it("keeps every price within the high/low of the day being replayed, and times in order from startTime", () => {
    const dayMs = 60_000;
    const simulator = createMarketSimulator({
      bars: fewBars,
      seed: 1,
      startTime: new Date(START),
      dayDurationMs: dayMs,
      eventsPerSecond: 200,
    });
    const dates = ["2013-01-23", "2013-01-24", "2013-01-25"];
    const events = simulator.take(60_000);
    let previous = START;
    const seenDays = new Set<number>();
    for (const event of events) {
      const at = Date.parse(event.occurred_at);
      expect(at).toBeGreaterThanOrEqual(previous);
      previous = at;
      const dayNumber = Math.floor((at - START) / dayMs);
      seenDays.add(dayNumber);
      const bar = fewBars
        .filter(isCompleteBar)
        .find(
          (candidate) =>
            candidate.symbol === event.symbol && candidate.date === dates[dayNumber % dates.length],
        );
      if (bar === undefined) throw new Error(`no bar for ${event.symbol} on day ${dayNumber}`);
      for (const price of priceOf(event)) {
        const value = toDecimal(price);
        expect(
          value.gte(bar.low) && value.lte(bar.high),
          `${event.event_type} ${price} on ${bar.date} [${bar.low}, ${bar.high}]`,
        ).toBe(true);
      }
    }
    // It went past the last date and started the replay over (F only trades on 2013-01-23).
    expect(Math.max(...seenDays)).toBeGreaterThanOrEqual(3);
    expect(
      events.some(
        (event) => event.symbol === "F" && Math.floor((Date.parse(event.occurred_at) - START) / dayMs) === 3,
      ),
    ).toBe(true);
  });

  it("reaches the day's high and low with trades, and its traded volume tracks the bar's volume", () => {
    const dayMs = 600_000;
    const simulator = createMarketSimulator({
      bars: fewBars,
      symbols: ["AAPL"],
      seed: 3,
      startTime: START,
      dayDurationMs: dayMs,
      eventsPerSecond: 100,
    });
    const perDay = new Map<number, { volume: number; min: number; max: number }>();
    for (;;) {
      const event = simulator.next();
      const day = Math.floor((Date.parse(event.occurred_at) - START) / dayMs);
      if (day >= 3) break;
      if (event.event_type !== "trade.executed") continue;
      const stats = perDay.get(day) ?? { volume: 0, min: Infinity, max: 0 };
      const price = Number(event.price);
      perDay.set(day, {
        volume: stats.volume + Number(event.quantity),
        min: Math.min(stats.min, price),
        max: Math.max(stats.max, price),
      });
    }
    const [day0, day1] = [perDay.get(0), perDay.get(1)];
    if (day0 === undefined || day1 === undefined) throw new Error("no trades");
    // 2013-01-24 traded 1.7x the shares of 2013-01-23: so must the simulation, within a loose band.
    expect(day1.volume / day0.volume).toBeGreaterThan(1.2);
    expect(day0.volume / 30_768_366).toBeGreaterThan(0.5);
    expect(day0.volume / 30_768_366).toBeLessThan(2);
    expect(day1.max - day1.min).toBeGreaterThan((465.73 - 450.25) * 0.6);
  });

  it("emits only events that decode with decodeConsumedEvent, over a long run of every sample symbol", () => {
    const simulator = createMarketSimulator({
      bars: sample,
      seed: 11,
      startTime: START,
      fromDate: "2015-07-17",
      dayDurationMs: 120_000,
    });
    const failures: string[] = [];
    const types = new Set<string>();
    for (let i = 0; i < 150_000; i++) {
      const event = simulator.next();
      types.add(event.event_type);
      const decoded = decodeConsumedEvent(topicOf(event), encodeEvent(event));
      if (!decoded.ok)
        failures.push(`${decoded.error.field}: ${decoded.error.message} in ${encodeEvent(event)}`);
      else if (i % 1000 === 0) expect(decoded.event).toEqual(event);
    }
    expect(failures.slice(0, 3)).toEqual([]);
    expect([...types].sort()).toEqual([
      "order.cancelled",
      "order.created",
      "order.modified",
      "quote",
      "trade.executed",
    ]);
  });

  it("keeps order lifecycles consistent: no unknown cancels or modifies, trades only between live orders of two users", () => {
    const simulator = createMarketSimulator({
      bars: sample,
      seed: 5,
      startTime: START,
      fromDate: "2014-06-02",
      dayDurationMs: 300_000,
    });
    const open = new Map<string, { quantity: number; symbol: string; userId: string }>();
    const finished = new Set<string>();
    const users = new Set(simulator.simulatedUsers().map((user) => user.userId));
    let agencyOrders = 0;
    for (const event of simulator.take(120_000)) {
      switch (event.event_type) {
        case "order.created":
          expect(open.has(event.order_id) || finished.has(event.order_id)).toBe(false);
          expect(users.has(event.user_id)).toBe(true);
          if (event.capacity === "agency") agencyOrders++;
          open.set(event.order_id, {
            quantity: Number(event.quantity),
            symbol: event.symbol,
            userId: event.user_id,
          });
          break;
        case "order.modified": {
          const order = open.get(event.order_id);
          expect(order, `modify of ${event.order_id}`).toBeDefined();
          if (order !== undefined) order.quantity = Number(event.quantity);
          break;
        }
        case "order.cancelled": {
          const order = open.get(event.order_id);
          expect(order?.quantity, `cancel of ${event.order_id}`).toBe(Number(event.quantity));
          open.delete(event.order_id);
          finished.add(event.order_id);
          break;
        }
        case "trade.executed": {
          expect(event.buy_user_id).not.toBe(event.sell_user_id);
          for (const [orderId, userId] of [
            [event.buy_order_id, event.buy_user_id],
            [event.sell_order_id, event.sell_user_id],
          ] as const) {
            const order = open.get(orderId);
            expect(order, `trade on ${orderId}`).toBeDefined();
            if (order === undefined) continue;
            expect([order.symbol, order.userId]).toEqual([event.symbol, userId]);
            order.quantity -= Number(event.quantity);
            expect(order.quantity).toBeGreaterThanOrEqual(0);
            if (order.quantity === 0) {
              open.delete(orderId);
              finished.add(orderId);
            }
          }
          break;
        }
        case "quote":
          expect(toDecimal(event.bid_price).lt(toDecimal(event.ask_price))).toBe(true);
          break;
      }
    }
    expect(agencyOrders).toBeGreaterThan(0);
  });

  it("lists its users by role", () => {
    const users = createMarketSimulator({
      bars: fewBars,
      seed: 1,
      startTime: START,
      traders: { marketMakers: 2, noiseTraders: 5, institutions: 1 },
    }).simulatedUsers();
    expect(users.map((user) => user.role)).toEqual([
      "market_maker",
      "market_maker",
      "noise_trader",
      "noise_trader",
      "noise_trader",
      "noise_trader",
      "noise_trader",
      "institution",
    ]);
    expect(new Set(users.map((user) => user.userId)).size).toBe(users.length);
  });

  it("hands out exactly the events stamped before a time, the same stream as take()", () => {
    const options = { bars: fewBars, seed: 9, startTime: START, dayDurationMs: 60_000, eventsPerSecond: 200 };
    const paced = createMarketSimulator(options);
    const cut = START + 5_000;
    const before = paced.takeBefore(cut, 1_000_000);
    expect(before.length).toBeGreaterThan(100);
    expect(before.every((event) => Date.parse(event.occurred_at) < cut)).toBe(true);
    expect(Date.parse(paced.next().occurred_at)).toBeGreaterThanOrEqual(cut);
    expect(createMarketSimulator(options).take(before.length)).toEqual(before);
    expect(paced.takeBefore(START + 10_000, 3)).toHaveLength(3);
  });

  it("says which date it replays, and how far into its session, at a simulator time", () => {
    const simulator = createMarketSimulator({
      bars: fewBars,
      seed: 1,
      startTime: START,
      dayDurationMs: 60_000,
      fromDate: "2013-01-24",
    });
    expect(simulator.replayedAt(START)).toEqual({ date: "2013-01-24", msIntoSession: 0 });
    expect(simulator.replayedAt(START + 61_500)).toEqual({ date: "2013-01-25", msIntoSession: 1_500 });
    // After the last date the replay starts over from the first.
    expect(simulator.replayedAt(START + 120_000).date).toBe("2013-01-23");
  });

  it("refuses unknown symbols, bad dates and bad settings with a clear error", () => {
    expect(() =>
      createMarketSimulator({ bars: fewBars, symbols: ["ZZZ"], seed: 1, startTime: START }),
    ).toThrow("symbols: no bars for ZZZ");
    expect(() =>
      createMarketSimulator({ bars: fewBars, seed: 1, startTime: START, fromDate: "2020-01-01" }),
    ).toThrow(/fromDate/);
    expect(() => createMarketSimulator({ bars: [], seed: 1, startTime: START })).toThrow(/no usable bar/);
    expect(() => createMarketSimulator({ bars: fewBars, seed: 1, startTime: Number.NaN })).toThrow(
      /startTime/,
    );
    expect(() =>
      createMarketSimulator({ bars: fewBars, seed: 1, startTime: START, eventsPerSecond: 0 }),
    ).toThrow(/eventsPerSecond/);
  });

  it("runs an agent's follow-up steps at their own sub-second times, and drops those still pending at the close", () => {
    const dayMs = 60_000;
    const user: SimulatedUser = {
      userId: "00000000-0000-4000-8000-000000000001",
      role: "noise_trader",
      name: "Probe",
    };
    const steps: Array<{ at: string; msToClose: number }> = [];
    let scheduled = 0;
    const probe: Agent = {
      symbol: "F",
      activityWeight: 0.01,
      startDay: () => undefined,
      act(market: AgentMarket) {
        if (scheduled++ > 0) return;
        const record = (later: AgentMarket): void =>
          void steps.push({ at: later.occurredAt, msToClose: later.msToClose });
        record(market);
        market.after(0.4, record);
        market.after(250, record);
        market.after(dayMs * 3, record);
        expect(() => market.after(-1, record)).toThrow(/delay/);
      },
    };
    const simulator = createMarketSimulator({
      bars: fewBars,
      symbols: ["F"],
      seed: 9,
      startTime: START,
      dayDurationMs: dayMs,
      extraPopulations: () => [{ users: [user], agentsFor: () => [probe] }],
    });
    simulator.take(20_000);
    const [first, sameMs, later, ...rest] = steps;
    if (first === undefined || sameMs === undefined || later === undefined)
      throw new Error("no follow-up ran");
    expect(sameMs.at).toBe(first.at);
    expect(Date.parse(later.at) - Date.parse(first.at)).toBeGreaterThanOrEqual(249);
    expect(Date.parse(later.at) - Date.parse(first.at)).toBeLessThanOrEqual(251);
    expect(first.msToClose).toBeGreaterThan(later.msToClose);
    expect(rest).toEqual([]);
    expect(simulator.labels()).toEqual([]);
    expect(simulator.relatedAccounts()).toEqual([]);
    // A population that registers nothing adds nothing to the reference data.
    expect(simulator.referenceData().desks).toHaveLength(4);
  });

  it("streams finished labels to onLabel instead of keeping them, for feeds that run for days", () => {
    const options = {
      bars: sample,
      symbols: ["AAPL", "KO"],
      seed: 17,
      startTime: START,
      fromDate: "2016-03-01",
      manipulation: { intensity: 20 },
    };
    const kept = createMarketSimulator(options);
    kept.take(40_000);
    const streamed: ManipulationLabel[] = [];
    const streaming = createMarketSimulator({
      ...options,
      manipulation: { ...options.manipulation, onLabel: (label) => streamed.push(label) },
    });
    streaming.take(40_000);
    const running = streaming.labels();
    expect(streamed.length).toBeGreaterThan(0);
    // The same episodes: the finished ones went to the sink, only those still running are kept.
    expect([...streamed, ...running]).toEqual(kept.labels());
    expect(running.length).toBeLessThanOrEqual(2 * 6);
  });

  it("attempts episodes at the opening's intensity until it ends, then at the steady one", () => {
    const options = {
      bars: sample,
      symbols: ["AAPL", "KO", "XOM", "F", "JPM"],
      seed: 21,
      startTime: START,
      fromDate: "2016-03-01",
    };
    const untilMs = START + 5 * 60_000;
    const perMinute = (manipulation: ManipulationOptions) => {
      const simulator = createMarketSimulator({ ...options, manipulation });
      const endMs = Date.parse(simulator.take(100_000).at(-1)?.occurred_at ?? "");
      const labels = simulator.labels();
      const before = labels.filter((label) => Date.parse(label.startedAt) < untilMs).length;
      return { labels, opening: before / 5, after: (labels.length - before) / ((endMs - untilMs) / 60_000) };
    };
    const steady = perMinute({ intensity: 2 });
    const busy = perMinute({ intensity: 2, opening: { intensity: 40, untilMs } });
    // 20 times the attempts in the first five minutes (3.0 episodes a minute against 31.8), then as many.
    expect(busy.opening).toBeGreaterThan(8 * steady.opening);
    expect(busy.after).toBeGreaterThan(steady.after / 2);
    expect(busy.after).toBeLessThan(steady.after * 2);
    // An opening at the steady intensity is no opening: the very same flow (no draw is added).
    expect(perMinute({ intensity: 2, opening: { intensity: 2, untilMs } }).labels).toEqual(steady.labels);
    expect(() =>
      createMarketSimulator({
        ...options,
        manipulation: { intensity: 2, opening: { intensity: 0, untilMs } },
      }),
    ).toThrow(/opening.intensity/);
  });

  it("injects labelled manipulation of all six types on request, with the linked accounts of its wash traders", () => {
    const simulator = createMarketSimulator({
      bars: sample,
      symbols: ["AAPL", "KO", "XOM", "F", "JPM"],
      seed: 13,
      startTime: START,
      fromDate: "2016-03-01",
      traders: { dayTraders: 10, blockDesks: 2 },
      manipulation: { intensity: 20 },
    });
    const orderIds = new Set<string>();
    let lastAt = "";
    for (const event of simulator.take(100_000)) {
      if (event.event_type === "order.created") orderIds.add(event.order_id);
      lastAt = event.occurred_at;
    }
    const labels = simulator.labels();
    expect(new Set(labels.map((label) => label.type))).toEqual(
      new Set(["spoofing", "layering", "wash_trading", "momentum", "front_running", "quote_stuffing"]),
    );
    for (const label of labels) {
      // The events of the last action may not all have been taken yet.
      if (label.endedAt < lastAt) expect(label.orderIds.every((orderId) => orderIds.has(orderId))).toBe(true);
      expect(label.startedAt <= label.endedAt).toBe(true);
    }
    expect(simulator.relatedAccounts()).toHaveLength(1);
    // The reference data the population implies: market makers, every agency desk, the linked accounts.
    const reference = simulator.referenceData();
    const makers = simulator.simulatedUsers().filter((user) => user.role === "market_maker");
    expect(reference.marketMakers).toEqual(makers.map((user) => user.userId));
    const agencyUsers = new Set(reference.desks.flatMap((desk) => desk.agencyUsers));
    for (const user of simulator.simulatedUsers())
      if (user.name.startsWith("Agency desk") || user.name.startsWith("Block desk"))
        expect(agencyUsers.has(user.userId)).toBe(true);
    expect(reference.relatedAccounts).toEqual(simulator.relatedAccounts());
    expect(Object.keys(reference.beneficialOwners)).toHaveLength(2);
    const roles = new Set(simulator.simulatedUsers().map((user) => user.role));
    expect(roles).toEqual(
      new Set(["market_maker", "noise_trader", "institution", "day_trader", "manipulator"]),
    );
    expect(() =>
      createMarketSimulator({ bars: fewBars, seed: 1, startTime: START, manipulation: { intensity: 0 } }),
    ).toThrow(/intensity/);
  });

  it("fills a fill-or-kill order in full or cancels all of it without a trade", () => {
    const user: SimulatedUser = {
      userId: "00000000-0000-4000-8000-000000000002",
      role: "noise_trader",
      name: "Probe",
    };
    const results: Array<{ quantity: number; filled: number; resting: number }> = [];
    const probe: Agent = {
      symbol: "F",
      activityWeight: 0.05,
      startDay: () => undefined,
      act(market: AgentMarket) {
        const ask = market.bestAskTicks();
        if (results.length > 0 || ask === undefined || market.bestBidTicks() === undefined) return;
        const shown = market.displayedSize("sell", ask);
        for (const quantity of [shown + 1_000_000, shown]) {
          const result = market.submit({ user, side: "buy", quantity, priceTicks: ask, timeInForce: "fok" });
          results.push({ quantity, filled: result.filledQuantity, resting: result.restingQuantity });
        }
      },
    };
    const simulator = createMarketSimulator({
      bars: fewBars,
      symbols: ["F"],
      seed: 4,
      startTime: START,
      extraPopulations: () => [{ users: [user], agentsFor: () => [probe] }],
    });
    const events = simulator.take(20_000);
    const [killed, filled] = results;
    if (killed === undefined || filled === undefined) throw new Error("the probe never acted");
    expect(killed.filled).toBe(0);
    expect(killed.resting).toBe(0);
    expect(filled.filled).toBe(filled.quantity);
    const probeOrders = events.filter(
      (event) => event.event_type !== "quote" && "user_id" in event && event.user_id === user.userId,
    );
    expect(
      probeOrders.map((event) => [event.event_type, "quantity" in event ? Number(event.quantity) : 0]),
    ).toEqual([
      ["order.created", killed.quantity],
      ["order.cancelled", killed.quantity],
      ["order.created", filled.quantity],
    ]);
  });
});
