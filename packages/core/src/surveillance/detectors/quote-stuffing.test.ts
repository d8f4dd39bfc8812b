import { describe, expect, it } from "vitest";
import { createSurveillanceEngine } from "../engine";
import type { SurveillanceEngineOptions } from "../engine";
import type { TradeExecutedEvent } from "../../events/index";
import { Flow, uuidOf } from "../flow.fixture";
import { CONFIDENCE_FLOOR } from "../scoring";

function engineWith(options: Partial<SurveillanceEngineOptions> = {}) {
  let id = 0;
  return createSurveillanceEngine({ newId: () => `alert-${++id}`, ...options });
}

/** `pairs` create+cancel pairs by one user, spread evenly from startMs over spanMs. */
function stuff(flow: Flow, who: string, pairs: number, startMs: number, spanMs: number, ioc = false) {
  for (let index = 0; index < pairs; index++) {
    const ms = startMs + (spanMs * index) / pairs;
    const orderId = flow.order(ms, who, "buy", "99.90", "100", ioc ? { tif: "ioc" } : {});
    flow.cancel(ms, orderId, "100");
  }
}

describe("quote stuffing", () => {
  it("flags a micro-burst of orders entered and cancelled within a millisecond", () => {
    const flow = new Flow();
    stuff(flow, "stuffer", 40, 1000, 0.5);
    const alerts = flow.run(engineWith());
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ type: "quote_stuffing", userId: flow.user("stuffer") });
    expect(alerts[0]?.relatedOrderIds).toHaveLength(20); // the latest, as evidence
    expect(alerts[0]?.description).toContain("80 of them within");
  });

  it("flags a sustained rate over two seconds, once per second", () => {
    const flow = new Flow();
    stuff(flow, "stuffer", 150, 0, 3000);
    const alerts = flow.run(engineWith());
    expect(alerts.map((alert) => alert.updates)).toEqual([0, 1]);
    expect(alerts[0]?.evidence.metrics).toMatchObject({ sustainedSeconds: 2, cancelRatio: 1, fillRatio: 0 });
    expect(alerts[0]?.description).toContain("at >= 100/s for 2 s");
  });

  it("holds a registered market maker to the micro-burst test only", () => {
    const flow = new Flow();
    stuff(flow, "maker", 150, 0, 3000);
    const reference = {
      relatedAccounts: [],
      beneficialOwners: {},
      desks: [],
      marketMakers: [flow.user("maker")],
    };
    expect(flow.run(engineWith({ reference }))).toEqual([]);
    const burst = new Flow();
    stuff(burst, "maker", 40, 1000, 0.5);
    expect(burst.run(engineWith({ reference })).map((alert) => alert.type)).toEqual(["quote_stuffing"]);
  });

  it("scores a stream exactly at its thresholds at the floor", () => {
    const flow = new Flow();
    // 100 messages in each of two seconds, all withdrawn, none filled; thresholds set to 1 and 0.
    stuff(flow, "stuffer", 100, 0, 2000);
    const engine = engineWith({ thresholds: { quote_stuffing: { minCancelRatio: 1, maxFillRatio: 0 } } });
    const [alert] = flow.run(engine);
    expect(alert?.confidence).toBe(CONFIDENCE_FLOOR);
  });

  it("leaves a market maker's busy quoting, a trader's fills and IOC auto-cancels alone", () => {
    const flow = new Flow();
    stuff(flow, "mm", 40, 0, 1000); // 80 messages a second: busy, below the rate
    stuff(flow, "ioc-trader", 60, 5000, 0.5, true); // IOC remainders are not withdrawals
    // A burst that mostly trades: fills above 10 % of the orders.
    for (let index = 0; index < 80; index++) {
      const ms = 9000 + index / 100;
      const orderId = flow.order(ms, "active", "buy", "100.00", "100");
      const seller = flow.order(ms, `seller-${index}`, "sell", "100.00", "100", { tif: "ioc" });
      flow.trade(ms, seller, orderId, "100.00", "100");
    }
    expect(flow.run(engineWith())).toEqual([]);
  });

  it("resets its count after a quiet second", () => {
    const flow = new Flow();
    stuff(flow, "bursty", 60, 0, 999);
    stuff(flow, "bursty", 60, 2000, 999);
    expect(flow.run(engineWith())).toEqual([]);
  });

  it("starts over when the micro-burst size changes", () => {
    const flow = new Flow();
    stuff(flow, "stuffer", 40, 0, 0.5);
    const engine = engineWith();
    expect(flow.run(engine)).toHaveLength(1);
    engine.updateThresholds("quote_stuffing", { microBurstMessages: 120 });
    const later = new Flow();
    stuff(later, "stuffer", 40, 5000, 0.5);
    expect(later.run(engine)).toEqual([]);
  });

  it("ignores fills of users it has no messages from", () => {
    const flow = new Flow();
    const sell = flow.order(0, "a", "sell", "100.00", "100");
    const buy = flow.order(0, "b", "buy", "100.00", "100");
    flow.trade(0, buy, sell, "100.00", "100");
    const [trade] = flow.tradeEvents;
    const engine = engineWith();
    expect(
      engine.processTradeEvent({
        ...(trade as TradeExecutedEvent),
        buy_user_id: uuidOf(0xbeef),
        sell_user_id: uuidOf(0xcafe),
      }),
    ).toEqual([]);
  });

  it("finds nothing in empty data or a single order", () => {
    expect(new Flow().run(engineWith())).toEqual([]);
    const flow = new Flow();
    flow.order(0, "trader", "buy", "100.00", "100");
    expect(flow.run(engineWith())).toEqual([]);
  });
});
