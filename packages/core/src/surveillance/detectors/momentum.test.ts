import { describe, expect, it } from "vitest";
import type { TradeExecutedEvent } from "../../events/index";
import { createSurveillanceEngine } from "../engine";
import type { SurveillanceEngineOptions } from "../engine";
import { Flow } from "../flow.fixture";
import { CONFIDENCE_FLOOR } from "../scoring";

function engineWith(options: Partial<SurveillanceEngineOptions> = {}) {
  let id = 0;
  return createSurveillanceEngine({ newId: () => `alert-${++id}`, ...options });
}

/**
 * Offers at 100.00, 100.05, 100.10, 100.15 (one each); the igniter lifts them with IOC buys, moving the
 * price 15 bps from the last trade at 100.00, then offers at the moved price.
 */
function ignition(
  options: { exitPrice?: string; exitAfterMs?: number; buys?: number; quoteOffer?: boolean } = {},
) {
  const flow = new Flow();
  const first = flow.order(0, "seller", "sell", "100.00", "100");
  const opener = flow.order(1, "opener", "buy", "100.00", "100", { tif: "ioc" });
  flow.trade(1, opener, first, "100.00", "100");
  const offers = ["100.05", "100.10", "100.15"].map((price) => flow.order(2, "mm", "sell", price, "100"));
  if (options.quoteOffer === true) flow.order(3, "igniter", "sell", "101.00", "100");
  const buys = options.buys ?? 3;
  offers.slice(0, buys).forEach((offer, index) => {
    const price = ["100.05", "100.10", "100.15"][index] as string;
    const buy = flow.order(100 + index * 100, "igniter", "buy", price, "100", { tif: "ioc" });
    flow.trade(100 + index * 100, buy, offer, price, "100");
  });
  const exit = flow.order(
    300 + (options.exitAfterMs ?? 1000),
    "igniter",
    "sell",
    options.exitPrice ?? "100.14",
    "300",
  );
  return { flow, exit };
}

describe("momentum ignition", () => {
  it("flags an aggressive burst through three levels followed by an offer at the moved price", () => {
    const { flow, exit } = ignition();
    const [alert, ...rest] = flow.run(engineWith());
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ type: "momentum", userId: flow.user("igniter") });
    expect(alert?.relatedOrderIds).toHaveLength(4);
    expect(alert?.relatedOrderIds.at(-1)).toBe(exit);
    expect(alert?.evidence.metrics).toMatchObject({ aggressiveOrders: 3, levelsCrossed: 3, startPrice: 100 });
    expect(alert?.description).toContain("entered a sell order of 300 at 100.14");
  });

  it("flags the reversal as a fill too, and scores a burst at its thresholds at the floor", () => {
    const flow = new Flow();
    const first = flow.order(0, "seller", "sell", "100.00", "100");
    const opener = flow.order(1, "opener", "buy", "100.00", "100", { tif: "ioc" });
    flow.trade(1, opener, first, "100.00", "100");
    const prices = ["100.05", "100.10", "100.15"];
    prices.forEach((price, index) => {
      const offer = flow.order(2, "mm", "sell", price, "100");
      const buy = flow.order(100 + index * 1450, "igniter", "buy", price, "100", { tif: "ioc" });
      flow.trade(100 + index * 1450, buy, offer, price, "100");
    });
    // Exactly half the 15 bps move kept (100.075 is not a tick: the buyer's bid at 100.075 is hit).
    const bid = flow.order(2999, "buyer", "buy", "100.075", "300");
    const exit = flow.order(13_000, "igniter", "sell", "100.075", "300", { market: true, tif: "ioc" });
    flow.trade(13_000, exit, bid, "100.075", "300");
    const engine = engineWith({
      thresholds: {
        momentum: {
          maxBurstSpanMs: 2900,
          minPriceMoveBps: 15,
          minMoveCaptured: 0.5,
          maxReversalDelayMs: 10_000,
        },
      },
    });
    const [alert] = flow.run(engine);
    expect(alert?.description).toContain("sold 300 at 100.075");
    expect(alert?.confidence).toBeCloseTo(CONFIDENCE_FLOOR, 10);
  });

  it("flags the mirror image: a selling burst bought back by a fill", () => {
    const flow = new Flow();
    const firstBid = flow.order(0, "buyer", "buy", "100.00", "100");
    const opener = flow.order(1, "opener", "sell", "100.00", "100", { tif: "ioc" });
    flow.trade(1, opener, firstBid, "100.00", "100");
    ["99.95", "99.90", "99.85"].forEach((price, index) => {
      const bid = flow.order(2, "mm", "buy", price, "100");
      const sell = flow.order(100 + index * 100, "igniter", "sell", price, "100", { tif: "ioc" });
      flow.trade(100 + index * 100, sell, bid, price, "100");
    });
    const offer = flow.order(500, "seller", "sell", "99.86", "300");
    const exit = flow.order(1300, "igniter", "buy", "99.86", "300", { market: true, tif: "ioc" });
    flow.trade(1300, exit, offer, "99.86", "300");
    const [alert, ...rest] = flow.run(engineWith());
    expect(rest).toEqual([]);
    expect(alert).toMatchObject({ type: "momentum", userId: flow.user("igniter") });
    expect(alert?.description).toContain("bought 300 at 99.86");
  });

  it("keeps the first fills of a long sweep as its timeline", () => {
    const flow = new Flow();
    const first = flow.order(0, "seller", "sell", "100.00", "100");
    const opener = flow.order(1, "opener", "buy", "100.00", "100", { tif: "ioc" });
    flow.trade(1, opener, first, "100.00", "100");
    const sweeps = [0, 1, 2].map((index) =>
      flow.order(100 + index, "igniter", "buy", "101.00", "2000", { tif: "ioc" }),
    );
    for (let level = 1; level <= 60; level++) {
      const price = (100 + level / 100).toFixed(2);
      const offer = flow.order(2, `mm-${level}`, "sell", price, "10");
      flow.trade(
        100 + Math.floor((level - 1) / 20),
        sweeps[Math.floor((level - 1) / 20)] as string,
        offer,
        price,
        "10",
      );
    }
    flow.order(1000, "igniter", "sell", "100.55", "600");
    const [alert] = flow.run(engineWith());
    expect(alert?.evidence.timeline).toHaveLength(13); // the first 12 fills and the exit
  });

  it("needs enough orders, an exit in time and at the moved price", () => {
    expect(ignition({ buys: 2 }).flow.run(engineWith())).toEqual([]);
    expect(ignition({ exitAfterMs: 60_001 }).flow.run(engineWith())).toEqual([]);
    expect(ignition({ exitPrice: "100.04" }).flow.run(engineWith())).toEqual([]);
  });

  it("flags a reversal 11-27 s after the burst while the move holds", () => {
    // The independent evaluation's reversals came this late (the old fixed 10 s limit dropped them).
    for (const exitAfterMs of [11_000, 27_000]) {
      const { flow, exit } = ignition({ exitAfterMs });
      // Trades after the reversal find the ignition already reported.
      const bid = flow.order(exitAfterMs + 400, "mm", "buy", "100.10", "100");
      const hit = flow.order(exitAfterMs + 400, "seller", "sell", "100.10", "100", { tif: "ioc" });
      flow.trade(exitAfterMs + 400, hit, bid, "100.10", "100");
      const [alert] = flow.run(engineWith());
      expect(alert?.type).toBe("momentum");
      expect(alert?.relatedOrderIds.at(-1)).toBe(exit);
    }
  });

  it("ends the ignition once the market trades back where the burst started", () => {
    const { flow } = ignition({ exitAfterMs: 20_000 });
    const exitEvent = flow.events.pop();
    const bid = flow.order(5_000, "mm", "buy", "100.00", "100");
    const hit = flow.order(5_000, "seller", "sell", "100.00", "100", { tif: "ioc" });
    flow.trade(5_000, hit, bid, "100.00", "100");
    // Later the price comes back up on its own, and the user sells there: the burst's move was gone.
    const offer = flow.order(19_000, "mm", "sell", "100.15", "100");
    const lift = flow.order(19_000, "buyer", "buy", "100.15", "100", { tif: "ioc" });
    flow.trade(19_000, lift, offer, "100.15", "100");
    flow.events.push(exitEvent as (typeof flow.events)[number]);
    expect(flow.run(engineWith())).toEqual([]);
  });

  it("leaves a market maker quoting the other side during the burst alone", () => {
    expect(ignition({ quoteOffer: true }).flow.run(engineWith())).toEqual([]);
  });

  it("leaves a client order worked in resting pieces, and re-priced quotes, alone", () => {
    const flow = new Flow();
    const prices = ["100.05", "100.10", "100.15", "100.20"];
    prices.forEach((price, index) => {
      const offer = flow.order(0, "mm", "sell", price, "100");
      const child = flow.order(100 + index * 100, "desk", "buy", price, "100", { capacity: "agency" });
      flow.trade(100 + index * 100, child, offer, price, "100");
    });
    flow.order(1000, "desk", "sell", "100.20", "100");
    // A trade between orders the engine never saw (e.g. from before a restart) changes nothing.
    flow.events.push({
      ...(flow.tradeEvents[0] as TradeExecutedEvent),
      buy_order_id: "00000000-0000-4000-8000-0000000fffff",
    });
    expect(flow.run(engineWith())).toEqual([]);
  });

  it("finds nothing in empty data or a single order", () => {
    expect(new Flow().run(engineWith())).toEqual([]);
    const flow = new Flow();
    flow.order(0, "igniter", "buy", "100.00", "100", { market: true });
    expect(flow.run(engineWith())).toEqual([]);
  });
});
