import { describe, expect, it } from "vitest";
import { createSurveillanceEngine } from "../engine.js";
import type { SurveillanceEngineOptions } from "../engine.js";
import { Flow } from "../flow.fixture.js";
import { CONFIDENCE_FLOOR } from "../scoring.js";

function engineWith(options: Partial<SurveillanceEngineOptions> = {}) {
  let id = 0;
  return createSurveillanceEngine({ newId: () => `alert-${++id}`, ...options });
}

/** A user takes liquidity to buy then to sell back, `trips` times. */
function roundTrips(
  trips: number,
  options: { sellSize?: string; sellPrice?: string; gapMs?: number; holdMs?: number } = {},
) {
  const flow = new Flow();
  for (let trip = 0; trip < trips; trip++) {
    const start = trip * (options.gapMs ?? 10_000);
    const offer = flow.order(start, `mm-a${trip}`, "sell", "100.00", "1000");
    const buy = flow.order(start + 1, "washer", "buy", "100.00", "1000", { tif: "ioc" });
    flow.trade(start + 1, buy, offer, "100.00", "1000");
    const sellAt = start + (options.holdMs ?? 2000);
    const bid = flow.order(sellAt - 1, `mm-b${trip}`, "buy", options.sellPrice ?? "100.01", "1000");
    const sell = flow.order(
      sellAt,
      "washer",
      "sell",
      options.sellPrice ?? "100.01",
      options.sellSize ?? "1000",
      {
        tif: "ioc",
      },
    );
    flow.trade(sellAt, sell, bid, options.sellPrice ?? "100.01", options.sellSize ?? "1000");
  }
  return flow;
}

describe("wash trading", () => {
  it("(a) flags one account on both sides with certainty, and one user on both sides", () => {
    const flow = new Flow();
    const sell = flow.order(0, "washer", "sell", "100.00", "500");
    const buy = flow.order(5, "washer", "buy", "100.00", "500");
    flow.trade(5, buy, sell, "100.00", "500");
    const [alert] = flow.run(engineWith());
    expect(alert).toMatchObject({ type: "wash_trading", confidence: 1, severity: "critical" });
    expect(alert?.description).toContain(`account ${flow.user("washer")} on both sides`);

    const accounts = new Flow();
    const a = accounts.order(0, "desk", "sell", "100.00", "500", { account: "client-1" });
    const b = accounts.order(5, "desk", "buy", "100.00", "500", { account: "client-2" });
    accounts.trade(5, b, a, "100.00", "500");
    const [sameUser] = accounts.run(engineWith());
    expect(sameUser?.confidence).toBe(0.9);
    expect(sameUser?.evidence.metrics).toMatchObject({ buyAccountId: "client-2", sellAccountId: "client-1" });
  });

  it("(b) flags related accounts trading with each other, in either order of the pair", () => {
    const flow = new Flow();
    const sell = flow.order(0, "alice", "sell", "100.00", "500", { account: "acct-a" });
    const buy = flow.order(5, "bob", "buy", "100.00", "500", { account: "acct-b" });
    flow.trade(5, buy, sell, "100.00", "500");
    const [alert] = flow.run(engineWith({ relatedAccounts: [["acct-b", "acct-a"]] }));
    expect(alert).toMatchObject({ type: "wash_trading", confidence: 0.8, userId: flow.user("bob") });
    expect(flow.run(engineWith())).toEqual([]);
  });

  it("(c) flags repeated marketable round trips of near-equal size and price", () => {
    const flow = roundTrips(2);
    const alerts = flow.run(engineWith());
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ type: "wash_trading", userId: flow.user("washer") });
    expect(alerts[0]?.relatedOrderIds).toHaveLength(4);
    expect(alerts[0]?.evidence.metrics).toMatchObject({ roundTrips: 2, netPositionFraction: 0 });
  });

  it("(c) scores round trips exactly at the thresholds at the floor", () => {
    // 10 % net, 30 bps apart (100.00 -> 100.30), 30 s round trip.
    const flow = roundTrips(2, { sellSize: "900", sellPrice: "100.30", holdMs: 30_001, gapMs: 40_000 });
    const [alert] = flow.run(engineWith());
    expect(alert?.confidence).toBeCloseTo(CONFIDENCE_FLOOR, 6);
  });

  it("(c) leaves one day trade, a loss-making exit, a large imbalance and slow round trips alone", () => {
    expect(roundTrips(1).run(engineWith())).toEqual([]);
    expect(roundTrips(2, { sellPrice: "99.50" }).run(engineWith())).toEqual([]);
    expect(roundTrips(2, { sellSize: "800" }).run(engineWith())).toEqual([]);
    expect(roundTrips(2, { holdMs: 31_000, gapMs: 40_000 }).run(engineWith())).toEqual([]);
    expect(roundTrips(2, { gapMs: 200_000 }).run(engineWith())).toEqual([]);
  });

  it("(c) leaves a market maker's quotes filled on both sides alone", () => {
    const flow = new Flow();
    for (let trip = 0; trip < 3; trip++) {
      const t = trip * 1000;
      const bid = flow.order(t, "mm", "buy", "99.99", "300");
      const ask = flow.order(t, "mm", "sell", "100.01", "300");
      const hitter = flow.order(t + 100, "noise-1", "sell", "99.99", "300", { tif: "ioc" });
      flow.trade(t + 100, hitter, bid, "99.99", "300");
      const lifter = flow.order(t + 200, "noise-2", "buy", "100.01", "300", { tif: "ioc" });
      flow.trade(t + 200, lifter, ask, "100.01", "300");
    }
    // A maker re-entering a quote through the spread while quoting the other side is not one-sided.
    const ask = flow.order(5000, "mm", "sell", "100.01", "300");
    const crossing = flow.order(5100, "mm-2", "buy", "100.05", "300");
    flow.order(5000, "mm-2", "sell", "100.09", "300");
    flow.trade(5100, crossing, ask, "100.01", "300");
    expect(flow.run(engineWith())).toEqual([]);
  });

  it("finds nothing in empty data or a single order", () => {
    expect(new Flow().run(engineWith())).toEqual([]);
    const flow = new Flow();
    flow.order(0, "trader", "buy", "100.00", "100");
    expect(flow.run(engineWith())).toEqual([]);
  });

  it("keeps a bounded history of marketable orders per user", () => {
    const flow = new Flow();
    for (let index = 0; index < 20; index++) {
      const offer = flow.order(index * 10, `mm-${index}`, "sell", "100.00", String(100 + index * 50));
      const buy = flow.order(index * 10 + 1, "buyer", "buy", "100.00", String(100 + index * 50), {
        tif: "ioc",
      });
      flow.trade(index * 10 + 1, buy, offer, "100.00", String(50 + index * 25));
      flow.trade(index * 10 + 1, buy, offer, "100.00", String(50 + index * 25));
    }
    expect(flow.run(engineWith())).toEqual([]);
  });
});
