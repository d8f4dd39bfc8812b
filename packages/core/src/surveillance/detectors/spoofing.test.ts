import { describe, expect, it } from "vitest";
import { createSurveillanceEngine } from "../engine";
import type { SurveillanceEngineOptions } from "../engine";
import { Flow, at } from "../flow.fixture";
import { CONFIDENCE_FLOOR } from "../scoring";

function engineWith(options: Partial<SurveillanceEngineOptions> = {}) {
  let id = 0;
  return createSurveillanceEngine({ newId: () => `alert-${++id}`, ...options });
}

/**
 * Coscia's pattern: a small genuine sell rests at the offer, a large buy is placed near the bid, the
 * genuine sell is lifted, and the large buy is pulled moments later.
 */
function spoofFlow(
  options: {
    spoofSize?: string;
    cancelAfterFillMs?: number;
    beforeCancel?: (flow: Flow, spoof: string) => void;
  } = {},
) {
  const flow = new Flow();
  const bid = flow.order(0, "mm", "buy", "99.99", "500");
  flow.order(0, "mm-2", "sell", "100.02", "500");
  const genuine = flow.order(100, "spoofer", "sell", "100.01", "200");
  const spoof = flow.order(200, "spoofer", "buy", "99.99", options.spoofSize ?? "2000");
  const lifter = flow.order(1000, "buyer", "buy", "100.01", "200", { tif: "ioc" });
  flow.trade(1000, lifter, genuine, "100.01", "200");
  options.beforeCancel?.(flow, spoof);
  flow.cancel(1000 + (options.cancelAfterFillMs ?? 500), spoof, options.spoofSize ?? "2000");
  return { flow, bid, genuine, spoof };
}

describe("spoofing", () => {
  it("flags a large order pulled right after the user's opposite fill, naming the spoofer", () => {
    const { flow, genuine, spoof } = spoofFlow();
    const engine = engineWith();
    expect(flow.run(engine)).toEqual([]); // held back: a replacement order could still follow
    const [alert, ...rest] = engine.flush();
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({
      type: "spoofing",
      userId: flow.user("spoofer"),
      symbol: "AAPL",
      firstEventAt: at(200),
      lastEventAt: at(1500),
      updates: 0,
    });
    expect(alert?.relatedOrderIds).toEqual([spoof, genuine]);
    expect(alert?.evidence.metrics).toMatchObject({
      sizeVsDisplayed: 4,
      cancelledToFilled: 10,
      cancelRatio: 1,
    });
    expect(alert?.evidence.thresholds).toMatchObject({ largeVsDisplayed: 2, minCancelledToFilled: 2.5 });
    expect(alert?.evidence.timeline.map((entry) => entry.event)).toEqual(["created", "filled", "cancelled"]);
    expect(alert?.description).toContain("cancelled 500 ms after the user's sell fill of 200 at 100.01");
  });

  it("is reported by the next event once the replacement window has passed", () => {
    const { flow } = spoofFlow();
    flow.order(1601, "other", "buy", "99.98", "10");
    const alerts = flow.run(engineWith());
    expect(alerts.map((alert) => alert.type)).toEqual(["spoofing"]);
  });

  it("scores a pattern exactly at every threshold at the confidence floor", () => {
    // 2x the displayed 500, pulled exactly 2 s after the fill, cancelled 2.5x the filled 400.
    const flow = new Flow();
    flow.order(0, "mm", "buy", "99.99", "500");
    const genuine = flow.order(100, "spoofer", "sell", "100.01", "400");
    const spoof = flow.order(200, "spoofer", "buy", "99.99", "1000");
    const lifter = flow.order(1000, "buyer", "buy", "100.01", "400", { tif: "ioc" });
    flow.trade(1000, lifter, genuine, "100.01", "400");
    flow.cancel(3000, spoof, "1000");
    const engine = engineWith({ thresholds: { spoofing: { minCancelRatio: 1, minCancelledToFilled: 2.5 } } });
    flow.run(engine);
    const [alert] = engine.flush();
    expect(alert?.confidence).toBe(CONFIDENCE_FLOOR);
    expect(alert?.severity).toBe("low");
  });

  it("is not raised one millisecond past the cancel delay, or below the size rules", () => {
    const late = spoofFlow({ cancelAfterFillMs: 2001 }).flow;
    const lateEngine = engineWith();
    late.run(lateEngine);
    expect(lateEngine.flush()).toEqual([]);

    // 700 is 1.4x the displayed 500 and, being the user's second order, under 5x its median.
    const small = spoofFlow({ spoofSize: "700" }).flow;
    const smallEngine = engineWith();
    small.run(smallEngine);
    expect(smallEngine.flush()).toEqual([]);
  });

  it("counts an order large against the user's median when nothing was displayed on its side", () => {
    const flow = new Flow();
    const earlier = [0, 1, 2, 3, 4].map((ms) => flow.order(ms, "spoofer", "buy", "90.00", "100"));
    for (const orderId of earlier) flow.cancel(10, orderId, "100");
    const genuine = flow.order(100, "spoofer", "sell", "100.01", "100");
    const spoof = flow.order(200, "spoofer", "buy", "99.00", "5000"); // the bid side is empty
    const lifter = flow.order(1000, "buyer", "buy", "100.01", "100", { tif: "ioc" });
    flow.trade(1000, lifter, genuine, "100.01", "100");
    flow.cancel(1200, spoof, "5000");
    const engine = engineWith();
    flow.run(engine);
    const [alert] = engine.flush();
    expect(alert?.evidence.metrics.sizeVsUserMedian).toBeGreaterThan(5);
  });

  it("applies a new window to users already seen", () => {
    const { flow } = spoofFlow();
    const engine = engineWith();
    // The orders and the spoofer's fill first (the fill gives the spoofer state), then the cancel.
    const cancel = flow.events.splice(6);
    flow.run(engine);
    engine.updateThresholds("spoofing", { windowMs: 5000 });
    flow.events.splice(0, flow.events.length, ...cancel);
    flow.run(engine);
    expect(engine.flush()[0]?.evidence.metrics.cancelledToFilled).toBe(10);
  });

  it("flags the mirror image, and describes a late-cancelled market order as such", () => {
    const flow = new Flow();
    flow.order(0, "mm", "sell", "100.01", "500");
    const genuine = flow.order(100, "spoofer", "buy", "99.99", "200");
    const spoof = flow.order(200, "spoofer", "sell", "100.01", "2000");
    const hitter = flow.order(1000, "seller", "sell", "99.99", "200", { tif: "ioc" });
    flow.trade(1000, hitter, genuine, "99.99", "200");
    flow.cancel(1500, spoof, "2000");
    const engine = engineWith();
    flow.run(engine);
    expect(engine.flush()[0]?.relatedOrderIds).toEqual([spoof, genuine]);

    const market = new Flow();
    const bid = market.order(100, "spoofer-2", "buy", "99.99", "100");
    const big = market.order(200, "spoofer-2", "sell", "", "5000", { market: true });
    const hit = market.order(1000, "seller", "sell", "99.99", "100", { tif: "ioc" });
    market.trade(1000, hit, bid, "99.99", "100");
    market.cancel(1500, big, "5000");
    const marketEngine = engineWith();
    market.run(marketEngine);
    expect(marketEngine.flush()[0]?.description).toContain("sell order of 5000 at market");
  });

  it("needs most of the spoof side cancelled rather than filled", () => {
    const { flow } = spoofFlow({
      beforeCancel: (more, spoof) => {
        const seller = more.order(1200, "seller", "sell", "99.99", "1500", { tif: "ioc" });
        more.trade(1200, seller, spoof, "99.99", "1500");
      },
    });
    const engine = engineWith();
    flow.run(engine);
    expect(engine.flush()).toEqual([]);
  });

  it("ignores orders resting deep in the book", () => {
    const flow = new Flow();
    flow.order(0, "mm", "buy", "100.00", "500");
    const genuine = flow.order(100, "spoofer", "sell", "100.01", "200");
    const spoof = flow.order(200, "spoofer", "buy", "98.00", "5000"); // 200 bps behind the bid
    const lifter = flow.order(1000, "buyer", "buy", "100.01", "200", { tif: "ioc" });
    flow.trade(1000, lifter, genuine, "100.01", "200");
    flow.cancel(1500, spoof, "5000");
    const engine = engineWith();
    flow.run(engine);
    expect(engine.flush()).toEqual([]);
  });

  it("leaves a market maker's cancel/replace and two-sided quoting alone", () => {
    // The maker is lifted on its offer, then moves its large bid: cancel and re-enter at once.
    const replaced = spoofFlow();
    replaced.flow.order(1500, "spoofer", "buy", "100.00", "2000");
    const engine = engineWith();
    replaced.flow.run(engine);
    expect(engine.flush()).toEqual([]);

    // Still offering on the other side when it pulls the bid: a two-sided market.
    const { flow } = spoofFlow({
      beforeCancel: (quotes) => quotes.order(1200, "spoofer", "sell", "100.03", "300"),
    });
    const quoting = engineWith();
    flow.run(quoting);
    expect(quoting.flush()).toEqual([]);
  });

  it("leaves IOC auto-cancels and a client order filled in pieces alone", () => {
    const flow = new Flow();
    flow.order(0, "mm", "buy", "99.99", "500");
    const genuine = flow.order(100, "client", "sell", "100.01", "300");
    const ioc = flow.order(200, "client", "buy", "99.99", "5000", { tif: "ioc" });
    for (const [ms, size] of [
      [900, "100"],
      [950, "100"],
      [1000, "100"],
    ] as const) {
      const piece = flow.order(ms, `buyer-${ms}`, "buy", "100.01", size, { tif: "ioc" });
      flow.trade(ms, piece, genuine, "100.01", size);
    }
    flow.cancel(250, ioc, "5000"); // out of order in the list on purpose: times decide
    const engine = engineWith();
    flow.run(engine);
    expect(engine.flush()).toEqual([]);
  });

  it("finds nothing in empty data or a single order", () => {
    const engine = engineWith();
    expect(engine.flush()).toEqual([]);
    const flow = new Flow();
    flow.order(0, "spoofer", "buy", "100.00", "100000");
    expect(flow.run(engine)).toEqual([]);
    expect(engine.flush()).toEqual([]);
  });

  it("leaves a stack on three levels to layering", () => {
    const flow = new Flow();
    flow.order(0, "mm", "buy", "100.00", "500");
    const genuine = flow.order(100, "spoofer", "sell", "100.02", "200");
    const layers = ["99.99", "99.98", "99.97"].map((price, index) =>
      flow.order(200 + index, "spoofer", "buy", price, "3000"),
    );
    const lifter = flow.order(1000, "buyer", "buy", "100.02", "200", { tif: "ioc" });
    flow.trade(1000, lifter, genuine, "100.02", "200");
    for (const layer of layers) flow.cancel(1200, layer, "3000");
    const engine = engineWith();
    const alerts = [...flow.run(engine), ...engine.flush()];
    expect(alerts.map((alert) => alert.type)).toEqual(["layering"]);
  });
});
