import type { TradeExecutedEvent } from "../../events/index";
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

/** `count` small orders of the user on `side`, each filled at once by a counterparty (the user's median). */
function executions(flow: Flow, who: string, side: "buy" | "sell", count: number): void {
  for (let index = 0; index < count; index++) {
    const own = flow.order(index, who, side, side === "buy" ? "99.00" : "101.00", "100");
    const other = flow.order(
      index,
      "counterparty",
      side === "buy" ? "sell" : "buy",
      side === "buy" ? "99.00" : "101.00",
      "100",
      { tif: "ioc" },
    );
    flow.trade(index, other, own, side === "buy" ? "99.00" : "101.00", "100");
  }
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
    executions(flow, "spoofer", "sell", 9);
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
    executions(market, "spoofer-2", "buy", 9);
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

  it("leaves layers added after the fill to layering, not spoofing", () => {
    // Two levels rest at the fill, a third goes in after it; the whole stack is then pulled.
    const flow = new Flow();
    flow.order(0, "mm", "buy", "100.00", "500");
    const genuine = flow.order(100, "layerer", "sell", "100.02", "200");
    const early = ["99.99", "99.98"].map((price, index) =>
      flow.order(200 + index, "layerer", "buy", price, "3000"),
    );
    const lifter = flow.order(1000, "buyer", "buy", "100.02", "200", { tif: "ioc" });
    flow.trade(1000, lifter, genuine, "100.02", "200");
    const late = flow.order(1100, "layerer", "buy", "99.97", "3000");
    // The late layer goes first: the pull of a stack in any order.
    for (const layer of [late, ...early]) flow.cancel(1300, layer, "3000");
    const engine = engineWith();
    const alerts = [...flow.run(engine), ...engine.flush()];
    expect(alerts.map((alert) => alert.type)).toEqual(["layering"]);
  });

  it("leaves an ordinary order that rested long before the other side was entered alone", () => {
    // The large bid rested 30 s on its own; then the trader sold a little and pulled the bid.
    const flow = new Flow();
    flow.order(0, "mm", "buy", "99.99", "500");
    flow.order(0, "mm-2", "sell", "100.02", "500");
    const resting = flow.order(100, "trader", "buy", "99.99", "2000");
    const bid = flow.order(30_000, "bidder", "buy", "100.00", "200");
    const sale = flow.order(30_100, "trader", "sell", "100.00", "200", { tif: "ioc" });
    flow.trade(30_100, sale, bid, "100.00", "200");
    flow.cancel(30_600, resting, "2000");
    const engine = engineWith();
    flow.run(engine);
    expect(engine.flush()).toEqual([]);
  });

  it("does not compare orders with a median of a few small fills", () => {
    // Two 100-share fills and the genuine 2,000: a "median" of ~270 would make the 5,000 bid 18x; the
    // genuine order it goes with is what it is measured against until the user has traded more.
    const flow = new Flow();
    executions(flow, "trader", "buy", 2);
    const genuine = flow.order(100, "trader", "sell", "100.01", "2000");
    const bid = flow.order(200, "trader", "buy", "99.00", "5000");
    const lifter = flow.order(1000, "buyer", "buy", "100.01", "2000", { tif: "ioc" });
    flow.trade(1000, lifter, genuine, "100.01", "2000");
    flow.cancel(1200, bid, "5000");
    const engine = engineWith();
    expect([...flow.run(engine), ...engine.flush()]).toEqual([]);
  });

  it("keeps an agency desk's clients apart: one client's fill does not make another's cancel a spoof", () => {
    const flow = new Flow();
    flow.order(0, "mm", "buy", "99.99", "500");
    const sell = flow.order(100, "desk", "sell", "100.01", "200", {
      capacity: "agency",
      account: "client-a",
    });
    const bid = flow.order(200, "desk", "buy", "99.99", "2000", { capacity: "agency", account: "client-b" });
    const lifter = flow.order(1000, "buyer", "buy", "100.01", "200", { tif: "ioc" });
    flow.trade(1000, lifter, sell, "100.01", "200");
    flow.cancel(1500, bid, "2000");
    flow.order(1800, "desk", "buy", "99.98", "2000", { capacity: "agency", account: "client-b" });
    const engine = engineWith();
    expect([...flow.run(engine), ...engine.flush()]).toEqual([]);
    // Two accounts of one beneficial owner are one trader.
    const owned = engineWith({
      reference: {
        relatedAccounts: [],
        beneficialOwners: { "client-a": "owner-1", "client-b": "owner-1" },
        desks: [],
        marketMakers: [],
      },
    });
    expect([...flow.run(owned), ...owned.flush()].map((alert) => alert.type)).toEqual(["spoofing"]);
  });

  it("leaves a registered market maker's cancels alone", () => {
    const { flow } = spoofFlow();
    const engine = engineWith({
      reference: {
        relatedAccounts: [],
        beneficialOwners: {},
        desks: [],
        marketMakers: [flow.user("spoofer")],
      },
    });
    flow.run(engine);
    expect(engine.flush()).toEqual([]);
  });

  it("leaves self-trade-prevention cancels in the millisecond of the user's own aggressive fill alone", () => {
    // The trader's sell rests at 100.03 after a first buy; at 1,000 ms the venue cancels it as the
    // trader's second buy reaches it (the venue may report the cancel before or after the fills).
    const stp = (
      cancelFirst: boolean,
      second: { side: "buy" | "sell"; limit: string; market?: boolean } | undefined,
      stranger = false,
    ) => {
      const flow = new Flow();
      const bid = flow.order(0, "mm", "buy", "99.99", "200");
      const offers = ["100.01", "100.02"].map((price) => flow.order(0, "mm-2", "sell", price, "200"));
      const resting = flow.order(100, "trader", "sell", "100.03", "2000");
      const first = flow.order(500, "trader", "buy", "100.01", "200", { tif: "ioc" });
      flow.trade(500, first, offers[0] as string, "100.01", "200");
      const cancel = () => flow.cancel(1000, resting, "2000");
      if (second === undefined) {
        cancel();
        const lift = flow.order(1000, "buyer", "buy", "100.02", "200", { tif: "ioc" });
        flow.trade(1000, lift, offers[1] as string, "100.02", "200");
        if (stranger)
          flow.events.push({
            ...(flow.tradeEvents.at(-1) as TradeExecutedEvent),
            buy_order_id: "00000000-0000-4000-8000-0000000fffff",
          });
      } else {
        const take = flow.order(1000, "trader", second.side, second.limit, "2200", {
          tif: "ioc",
          market: second.market === true,
        });
        if (cancelFirst) cancel();
        if (second.side === "buy") flow.trade(1000, take, offers[1] as string, "100.02", "200");
        else flow.trade(1000, take, bid, "99.99", "200");
        flow.cancel(1000, take, "2000");
        if (!cancelFirst) cancel();
      }
      flow.order(1500, "other", "buy", "99.00", "1");
      const engine = engineWith();
      return [...flow.run(engine), ...engine.flush()].map((alert) => alert.type);
    };
    expect(stp(false, { side: "buy", limit: "100.03" })).toEqual([]);
    expect(stp(true, { side: "buy", limit: "", market: true })).toEqual([]);
    // A limit short of the resting order, a sale, or someone else's trade: the trader's own cancel.
    expect(stp(false, { side: "buy", limit: "100.02" })).toEqual(["spoofing"]);
    expect(stp(true, { side: "sell", limit: "", market: true })).toEqual(["spoofing"]);
    expect(stp(true, undefined)).toEqual(["spoofing"]);
    expect(stp(true, undefined, true)).toEqual(["spoofing"]);
  });

  it("leaves the mirror image of a self-trade-prevention cancel alone, and cancels of unknown orders", () => {
    const flow = new Flow();
    flow.order(0, "mm", "sell", "100.01", "200");
    const bids = ["99.99", "99.98"].map((price) => flow.order(0, "mm-2", "buy", price, "200"));
    const resting = flow.order(100, "trader", "buy", "99.97", "2000");
    const first = flow.order(500, "trader", "sell", "99.99", "200", { tif: "ioc" });
    flow.trade(500, first, bids[0] as string, "99.99", "200");
    const second = flow.order(1000, "trader", "sell", "99.97", "2200", { tif: "ioc" });
    flow.trade(1000, second, bids[1] as string, "99.98", "200");
    flow.cancel(1000, second, "2000");
    flow.cancel(1000, resting, "2000");
    const unknown = new Flow();
    unknown.cancel(1200, unknown.order(0, "ghost", "buy", "99.00", "10"), "10");
    flow.events.push(unknown.events[1] as (typeof flow.events)[number]);
    flow.order(1500, "other", "buy", "99.00", "1");
    const engine = engineWith();
    expect([...flow.run(engine), ...engine.flush()]).toEqual([]);
  });
});
