import { describe, expect, it } from "vitest";
import { surveillanceAlertEventSchema } from "../events/index";
import type { OrderEvent } from "../events/index";
import { toSurveillanceAlertEvent } from "./alert-event";
import { createSurveillanceEngine } from "./engine";
import type { SurveillanceEngineOptions } from "./engine";
import { Flow, at, uuidOf } from "./flow.fixture";
import { FrontRunningDetector } from "./detectors/front-running";
import { LayeringDetector } from "./detectors/layering";
import { MomentumDetector } from "./detectors/momentum";
import { QuoteStuffingDetector } from "./detectors/quote-stuffing";
import { SpoofingDetector } from "./detectors/spoofing";
import { WashTradingDetector } from "./detectors/wash-trading";
import type { PatternDetector, TradingPattern } from "./types";

function engineWith(options: Partial<SurveillanceEngineOptions> = {}) {
  let id = 0;
  return createSurveillanceEngine({ newId: () => uuidOf(0xa000 + ++id), ...options });
}

/** One account on both sides of a trade at `ms` (a certain wash trade). */
function selfTrade(flow: Flow, ms: number, who = "washer"): [string, string] {
  const sell = flow.order(ms, who, "sell", "100.00", "100");
  const buy = flow.order(ms, who, "buy", "100.00", "100");
  flow.trade(ms, buy, sell, "100.00", "100");
  return [buy, sell];
}

const BOOK = { autoCancelGraceMs: 100, maxTrackedOrders: 1000 };

describe("surveillance engine", () => {
  it("updates an open alert for the same user, type and symbol within the dedup window", () => {
    const flow = new Flow();
    selfTrade(flow, 0);
    selfTrade(flow, 30_000);
    selfTrade(flow, 100_000); // 70 s after the last: a new alert
    const alerts = flow.run(engineWith({ severityCutoffs: { critical: 1 } }));
    expect(alerts.map((alert) => [alert.alertId, alert.updates])).toEqual([
      [uuidOf(0xa001), 0],
      [uuidOf(0xa001), 1],
      [uuidOf(0xa002), 0],
    ]);
    expect(alerts[1]?.relatedOrderIds).toHaveLength(4);
    expect(alerts[1]?.firstEventAt).toBe(at(0));
    expect(alerts[1]?.lastEventAt).toBe(at(30_000));
    expect(alerts[1]?.description).toContain("(episode 2 of this alert)");
    expect(alerts[1]?.evidence.timeline).toHaveLength(4);
  });

  it("opens a new alert for a pattern far before the open one (events out of order)", () => {
    const flow = new Flow();
    selfTrade(flow, 100_000);
    selfTrade(flow, 0);
    expect(flow.run(engineWith()).map((alert) => alert.updates)).toEqual([0, 0]);
  });

  it("keeps the latest 200 order ids of a long episode", () => {
    const flow = new Flow();
    for (let second = 0; second < 15; second++)
      for (let index = 0; index < 150; index++) {
        const ms = second * 1000 + (index * 1000) / 150;
        const orderId = flow.order(ms, "stuffer", "buy", "99.90", "100");
        flow.cancel(ms, orderId, "100");
      }
    const alerts = flow.run(engineWith());
    expect(alerts.at(-1)?.updates).toBe(13);
    expect(alerts.at(-1)?.relatedOrderIds).toHaveLength(200);
  });

  it("merges a later pattern sharing an order id even outside the window, and raises its confidence", () => {
    const engine = engineWith({ dedupWindowMs: 1000 });
    const flow = new Flow();
    const [buy] = selfTrade(flow, 0);
    flow.run(engine);
    const more = new Flow();
    more.events.push(...flow.events.slice(0, 2).map((event) => ({ ...event, occurred_at: at(5000) })));
    const again = flow.tradeEvents[0];
    if (again === undefined) throw new Error("no trade");
    const [alert] = engine.processTradeEvent({ ...again, occurred_at: at(5000) });
    expect(alert?.updates).toBe(1);
    expect(alert?.relatedOrderIds).toContain(buy);
    expect(alert?.confidence).toBe(1);
  });

  it("keeps alerts of different users, types and symbols apart, and counts them in the profiles", () => {
    const flow = new Flow("AAPL");
    selfTrade(flow, 0, "alice");
    selfTrade(flow, 10, "bob");
    const other = new Flow("MSFT");
    selfTrade(other, 20, "alice");
    const engine = engineWith();
    const alerts = [...flow.run(engine), ...other.run(engine)];
    expect(alerts.map((alert) => alert.updates)).toEqual([0, 0, 0]);
    expect(engine.openAlerts()).toHaveLength(3);
    const alice = engine.userProfile(flow.user("alice"));
    expect(alice).toMatchObject({
      ordersEntered: 4,
      trades: 4,
      alerts: { wash_trading: 2 },
      lastEventAt: at(20),
    });
    expect(alice?.symbols).toEqual(["AAPL", "MSFT"]);
    expect(engine.userProfile("nobody")).toBeUndefined();
    expect(engine.symbolProfile("AAPL")).toMatchObject({
      orderEvents: 4,
      trades: 2,
      lastTradePrice: 100,
      bestBid: null,
      bestAsk: null,
      alerts: { wash_trading: 2 },
      lastEventAt: at(10),
    });
    expect(engine.symbolProfile("TSLA")).toBeUndefined();
    expect(engine.flush()).toEqual([]);
    expect(engine.openAlerts()).toEqual([]);
  });

  it("rebuilds the book: touch, modified and cancelled orders, and counts them per user", () => {
    const flow = new Flow();
    const bid = flow.order(0, "mm", "buy", "99.99", "100");
    flow.order(0, "mm", "sell", "100.01", "100");
    flow.modify(10, bid, "100.00", "200");
    const second = flow.order(20, "mm-2", "buy", "99.98", "100");
    flow.cancel(30, second, "100");
    const engine = engineWith();
    flow.run(engine);
    expect(engine.symbolProfile("AAPL")).toMatchObject({ bestBid: 100, bestAsk: 100.01, trackedOrders: 2 });
    expect(engine.userProfile(flow.user("mm"))).toMatchObject({ ordersEntered: 2, ordersModified: 1 });
    expect(engine.userProfile(flow.user("mm-2"))).toMatchObject({ ordersCancelled: 1 });
    // A market order's unfilled rest is cancelled without touching the levels.
    const market = new Flow();
    const ask = market.order(35, "mm", "sell", "100.01", "50");
    const sweep = market.order(36, "taker", "buy", "", "80", { market: true });
    market.trade(36, sweep, ask, "100.01", "50");
    market.cancel(36, sweep, "30");
    market.run(engine);
    expect(engine.symbolProfile("AAPL")).toMatchObject({ bestBid: 100, bestAsk: 100.01 });
    // Cancelling the best bid finds the next one.
    const more = new Flow();
    more.events.push({
      ...(flow.orderEvents[0] as OrderEvent),
      event_type: "order.cancelled",
      occurred_at: at(40),
    });
    more.run(engine);
    expect(engine.symbolProfile("AAPL")).toMatchObject({ bestBid: null, trackedOrders: 1 });
  });

  it("validates threshold updates, applying them to the next event or not at all", () => {
    const engine = engineWith();
    expect(() => engine.updateThresholds("spoofing", { nope: 1 })).toThrow(/spoofing threshold nope/);
    expect(() => engine.updateThresholds("spoofing", { windowMs: -5 })).toThrow(/windowMs/);
    expect(engine.thresholdsOf("spoofing").windowMs).toBe(10_000);
    engine.updateThresholds("layering", { minLayers: 4 });
    expect(engine.thresholdsOf("layering").minLayers).toBe(4);
    expect(() =>
      createSurveillanceEngine({ newId: () => "x", thresholds: { momentum: { minMoveCaptured: 2 } } }),
    ).toThrow(/momentum threshold minMoveCaptured/);
    expect(() => createSurveillanceEngine({ newId: () => "x", severityCutoffs: { high: 0.95 } })).toThrow(
      /cut-off critical/,
    );
  });

  it("gives the same patterns from a batch detect() as from the stream", () => {
    const flow = new Flow();
    flow.order(0, "mm", "buy", "100.00", "500");
    const genuine = flow.order(10, "layerer", "sell", "100.02", "200");
    const layers = ["99.99", "99.98", "99.97"].map((price, index) =>
      flow.order(100 + index, "layerer", "buy", price, "1000"),
    );
    const lifter = flow.order(1000, "buyer", "buy", "100.02", "200", { tif: "ioc" });
    flow.trade(1000, lifter, genuine, "100.02", "200");
    for (const layer of layers) flow.cancel(1200, layer, "1000");
    const window = { from: at(0), to: at(2000) };
    const detector = new LayeringDetector();
    const batch = detector.detect(flow.orderEvents, flow.tradeEvents, window);
    const streamed = flow.run(engineWith());
    expect(batch).toHaveLength(1);
    expect(streamed.map((alert) => alert.relatedOrderIds)).toEqual(batch.map((pattern) => pattern.orderIds));
    expect(detector.detect(flow.orderEvents, flow.tradeEvents, { from: at(1100), to: at(2000) })).toEqual([]);
    expect(detector.getThresholdConfig().minLayers).toMatchObject({ value: 3 });
  });

  it("builds each detector alone with the defaults, and runs it on a batch", () => {
    const window = { from: at(0), to: at(10_000) };
    const flow = new Flow();
    selfTrade(flow, 0);
    const detectors = [
      new SpoofingDetector(),
      new LayeringDetector(),
      new WashTradingDetector(),
      new MomentumDetector(),
      new FrontRunningDetector(),
      new QuoteStuffingDetector(),
    ];
    expect(detectors.map((detector) => detector.name)).toEqual([
      "spoofing",
      "layering",
      "wash_trading",
      "momentum",
      "front_running",
      "quote_stuffing",
    ]);
    expect(
      detectors.map((detector) => detector.detect(flow.orderEvents, flow.tradeEvents, window).length),
    ).toEqual([0, 0, 1, 0, 0, 0]);
    expect(new SpoofingDetector({ thresholds: { windowMs: 1 } }).getThresholdConfig().windowMs?.value).toBe(
      1,
    );
  });

  it("runs a registered batch-only detector on the stream, for its symbols only", () => {
    const seen: number[] = [];
    const bigOrders: PatternDetector = {
      name: "big-orders",
      type: "spoofing",
      getThresholdConfig: () => ({ minQuantity: { value: 10_000, description: "size of a big order" } }),
      detect: (orders, trades) => {
        seen.push(orders.length + trades.length);
        return orders
          .filter((order) => Number(order.quantity) >= 10_000)
          .map((order): TradingPattern => ({
            type: "spoofing",
            userId: order.user_id,
            symbol: order.symbol,
            firstEventMs: Date.parse(order.occurred_at),
            lastEventMs: Date.parse(order.occurred_at),
            orderIds: [order.order_id],
            description: "big order",
            crossings: [],
            metrics: {},
            timeline: [],
          }));
      },
    };
    const engine = engineWith();
    engine.registerDetector(bigOrders, ["AAPL"]);
    const flow = new Flow("AAPL");
    flow.order(0, "whale", "buy", "100.00", "20000");
    const maker = flow.order(5, "mm", "sell", "101.00", "100");
    const taker = flow.order(6, "taker", "buy", "101.00", "100", { tif: "ioc" });
    flow.trade(6, taker, maker, "101.00", "100");
    const alerts = flow.run(engine);
    expect(alerts.map((alert) => alert.description)).toEqual(["big order"]);
    expect(seen).toEqual([1, 2, 3, 4]);
    const other = new Flow("MSFT");
    other.order(0, "whale", "buy", "100.00", "20000");
    expect(other.run(engine)).toEqual([]);
    // Thresholds change for every detector of the type or for none: this one has no windowMs.
    expect(() => engine.updateThresholds("spoofing", { windowMs: 5000 })).toThrow(
      /spoofing threshold windowMs/,
    );
    expect(engine.thresholdsOf("spoofing")).toMatchObject({ windowMs: 10_000, minQuantity: 10_000 });

    // Registering for all symbols attaches it to symbols already seen; replacing it detaches.
    engine.registerDetector(bigOrders);
    const again = new Flow("MSFT");
    again.order(10, "whale-2", "buy", "100.00", "30000");
    expect(again.run(engine)).toHaveLength(1);
    engine.registerDetector({ ...bigOrders }, ["TSLA"]);
    const quiet = new Flow("MSFT");
    quiet.order(20, "whale-3", "buy", "100.00", "30000");
    expect(quiet.run(engine)).toEqual([]);
    // A built-in can be replaced by one with other settings, too.
    engine.registerDetector(new LayeringDetector({ book: BOOK, thresholds: { minLayers: 5 } }));
    expect(engine.thresholdsOf("layering").minLayers).toBe(5);
  });

  it("maps an alert to a valid surveillance.alerts message", () => {
    const flow = new Flow();
    selfTrade(flow, 0);
    const [alert] = flow.run(engineWith());
    if (alert === undefined) throw new Error("no alert");
    const event = toSurveillanceAlertEvent(alert, { eventId: uuidOf(0xe001), occurredAt: at(5) });
    expect(surveillanceAlertEventSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      event_type: "surveillance.alert",
      alert_id: alert.alertId,
      alert_type: "wash_trading",
      severity: "critical",
      confidence_score: 1,
      related_order_ids: alert.relatedOrderIds,
    });
    expect(event.evidence).toMatchObject({ first_event_at: at(0), updates: 0 });
  });

  it("keeps memory bounded: idle users and symbols are evicted, old orders dropped", () => {
    const engine = engineWith({ idleEvictionMs: 1000, maxTrackedOrdersPerSymbol: 50 });
    const flow = new Flow("OLD");
    flow.order(0, "sleeper", "buy", "100.00", "100");
    flow.run(engine);
    const busy = new Flow("BUSY");
    busy.order(1500, "early-bird", "buy", "49.00", "1");
    selfTrade(busy, 1900);
    for (let index = 0; index < 16_384; index++)
      busy.order(2000 + index, `trader-${index % 3}`, "buy", "50.00", "1");
    busy.run(engine);
    expect(engine.symbolProfile("OLD")).toBeUndefined();
    expect(engine.userProfile(flow.user("sleeper"))).toBeUndefined();
    expect(engine.symbolProfile("BUSY")?.trackedOrders).toBe(50);
    expect(engine.userProfile(busy.user("early-bird"))).toBeUndefined();
    expect(engine.openAlerts()).toHaveLength(1);
  });

  it("measures idleness against the latest event of any symbol, not of the symbol swept last", () => {
    const engine = engineWith({ idleEvictionMs: 1000 });
    const ahead = new Flow("AHEAD");
    ahead.order(5000, "ahead-trader", "buy", "10.00", "1");
    ahead.run(engine);
    // The sweep comes with the 16,384th event, in a symbol whose clock is 4 s behind AHEAD's.
    const behind = new Flow("BEHIND");
    for (let index = 0; index < 16_383; index++)
      behind.order(1000, `behind-${index % 3}`, "buy", "20.00", "1");
    behind.run(engine);
    expect(engine.symbolProfile("BEHIND")).toBeUndefined();
    expect(engine.userProfile(behind.user("behind-0"))).toBeUndefined();
    expect(engine.symbolProfile("AHEAD")?.orderEvents).toBe(1);
  });

  it("tolerates events slightly out of order", () => {
    const flow = new Flow();
    const sell = flow.order(100, "washer", "sell", "100.00", "100");
    const buy = flow.order(50, "washer", "buy", "100.00", "100");
    flow.trade(90, buy, sell, "100.00", "100");
    const [alert] = flow.run(engineWith());
    expect(alert?.firstEventAt).toBe(at(90));
    expect(engineWith().flush()).toEqual([]);
  });

  it("applies new reference data to the events after it, keeping its own related accounts", () => {
    let id = 0;
    const engine = createSurveillanceEngine({
      newId: () => `alert-${++id}`,
      relatedAccounts: [["acct-x", "acct-y"]],
    });
    const washOf = (flow: Flow, buyer: string, seller: string) => {
      const sell = flow.order(0, `${seller}-user`, "sell", "100.00", "500", { account: seller });
      const buy = flow.order(5, `${buyer}-user`, "buy", "100.00", "500", { account: buyer });
      flow.trade(5, buy, sell, "100.00", "500");
      return flow;
    };
    expect(washOf(new Flow(), "acct-a", "acct-b").run(engine)).toEqual([]);
    engine.updateReferenceData({
      relatedAccounts: [],
      beneficialOwners: { "acct-a": "owner-1", "acct-b": "owner-1" },
      desks: [],
      marketMakers: [],
    });
    expect(
      washOf(new Flow("MSFT"), "acct-a", "acct-b")
        .run(engine)
        .map((alert) => alert.type),
    ).toEqual(["wash_trading"]);
    expect(
      washOf(new Flow("IBM"), "acct-x", "acct-y")
        .run(engine)
        .map((alert) => alert.type),
    ).toEqual(["wash_trading"]);
  });
});
