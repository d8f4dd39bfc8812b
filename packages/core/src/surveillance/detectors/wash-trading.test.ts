import { describe, expect, it } from "vitest";
import { createSurveillanceEngine } from "../engine";
import type { SurveillanceEngineOptions } from "../engine";
import { Flow } from "../flow.fixture";
import { CONFIDENCE_FLOOR } from "../scoring";

function engineWith(options: Partial<SurveillanceEngineOptions> = {}) {
  let id = 0;
  return createSurveillanceEngine({ newId: () => `alert-${++id}`, ...options });
}

/**
 * Pre-arranged round trips: the accomplice rests an order inside the spread, the washer crosses it at
 * once, then the other way round (Gelber, Bunge).
 */
function roundTrips(
  trips: number,
  options: { backSize?: string; backPrice?: string; gapMs?: number; holdMs?: number } = {},
) {
  const flow = new Flow();
  for (let trip = 0; trip < trips; trip++) {
    const start = trip * (options.gapMs ?? 10_000);
    const offer = flow.order(start, "accomplice", "sell", "100.00", "1000");
    const buy = flow.order(start + 20, "washer", "buy", "100.00", "1000", { tif: "ioc" });
    flow.trade(start + 20, buy, offer, "100.00", "1000");
    const backAt = start + (options.holdMs ?? 2000);
    const price = options.backPrice ?? "100.01";
    const bid = flow.order(backAt - 20, "accomplice", "buy", price, options.backSize ?? "1000");
    const sell = flow.order(backAt, "washer", "sell", price, options.backSize ?? "1000", { tif: "ioc" });
    flow.trade(backAt, sell, bid, price, options.backSize ?? "1000");
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

  it("(b) flags two accounts of one beneficial owner trading with each other", () => {
    const flow = new Flow();
    const sell = flow.order(0, "alice", "sell", "100.00", "500", { account: "acct-a" });
    const buy = flow.order(5, "bob", "buy", "100.00", "500", { account: "nominee-b" });
    flow.trade(5, buy, sell, "100.00", "500");
    const reference = {
      relatedAccounts: [],
      beneficialOwners: { "acct-a": "owner-1", "nominee-b": "owner-1" },
      desks: [],
      marketMakers: [],
    };
    const [alert] = flow.run(engineWith({ reference }));
    expect(alert).toMatchObject({ type: "wash_trading", confidence: 0.9, userId: flow.user("bob") });
    expect(alert?.description).toContain("of one beneficial owner (owner-1)");
  });

  it("leaves round trips of a registered market maker alone", () => {
    const flow = roundTrips(2);
    const reference = {
      relatedAccounts: [],
      beneficialOwners: {},
      desks: [],
      marketMakers: [flow.user("washer")],
    };
    expect(flow.run(engineWith({ reference }))).toEqual([]);
  });

  it("(c) flags trades back and forth between the same two users, updating the alert as they go on", () => {
    const flow = roundTrips(2);
    const alerts = flow.run(engineWith());
    expect(alerts.map((alert) => alert.updates)).toEqual([0, 1]);
    expect(alerts[0]).toMatchObject({ type: "wash_trading", userId: flow.user("washer") });
    expect(alerts[0]?.relatedOrderIds).toHaveLength(4);
    expect(alerts[0]?.evidence.metrics).toMatchObject({
      roundTrips: 1,
      netPositionFraction: 0,
      counterpartyUserId: flow.user("accomplice"),
    });
    expect(alerts[0]?.description).toContain("1 round trip(s) with user");
  });

  it("(c) scores a round trip exactly at the thresholds at the floor", () => {
    // 5 % net (1000 then 950), 10 bps apart (100.00 -> 100.10), 30 s from print to print.
    const flow = roundTrips(1, { backSize: "950", backPrice: "100.10", holdMs: 30_020 });
    const [alert] = flow.run(engineWith());
    expect(alert?.confidence).toBeCloseTo(CONFIDENCE_FLOOR, 6);
  });

  it("(c) counts round trips within the repeat window", () => {
    const flow = roundTrips(3, { gapMs: 100_000 });
    const engine = engineWith({ thresholds: { wash_trading: { minRoundTrips: 2 } } });
    expect(flow.run(engine).map((alert) => alert.evidence.metrics.roundTrips)).toEqual([2, 2]);
    const sparse = roundTrips(3, { gapMs: 130_000 });
    expect(sparse.run(engineWith({ thresholds: { wash_trading: { minRoundTrips: 2 } } }))).toEqual([]);
  });

  it("(c) leaves a loss-making exit, a large imbalance, a slow return and one-way trading alone", () => {
    expect(roundTrips(1, { backPrice: "99.50" }).run(engineWith())).toEqual([]);
    expect(roundTrips(1, { backSize: "800" }).run(engineWith())).toEqual([]);
    expect(roundTrips(1, { holdMs: 31_000 }).run(engineWith())).toEqual([]);
    const oneWay = new Flow();
    for (let index = 0; index < 12; index++) {
      const offer = oneWay.order(index * 100, "seller", "sell", "100.00", String(100 + index));
      const buy = oneWay.order(index * 100 + 1, "client", "buy", "100.00", String(100 + index), {
        tif: "ioc",
      });
      oneWay.trade(index * 100 + 1, buy, offer, "100.00", String(100 + index));
    }
    expect(oneWay.run(engineWith())).toEqual([]);
  });

  it("(c) leaves a market maker trading back and forth with a customer alone", () => {
    const flow = new Flow();
    for (let trip = 0; trip < 3; trip++) {
      const t = trip * 1000;
      const bid = flow.order(t, "mm", "buy", "99.99", "300");
      const ask = flow.order(t, "mm", "sell", "100.01", "300");
      const hitter = flow.order(t + 100, "customer", "sell", "99.99", "300", { tif: "ioc" });
      flow.trade(t + 100, hitter, bid, "99.99", "300");
      const lifter = flow.order(t + 200, "customer", "buy", "100.01", "300", { tif: "ioc" });
      flow.trade(t + 200, lifter, ask, "100.01", "300");
    }
    expect(flow.run(engineWith())).toEqual([]);
  });

  it("(c) leaves two market makers that quoted both sides within the minute alone", () => {
    const flow = new Flow();
    for (const maker of ["mm-a", "mm-b"]) {
      const bid = flow.order(0, maker, "buy", "99.90", "100");
      const ask = flow.order(0, maker, "sell", "100.10", "100");
      flow.cancel(500, bid, "100");
      flow.cancel(500, ask, "100");
    }
    const offer = flow.order(10_000, "mm-b", "sell", "100.00", "1000");
    const buy = flow.order(10_020, "mm-a", "buy", "100.00", "1000", { tif: "ioc" });
    flow.trade(10_020, buy, offer, "100.00", "1000");
    const bid = flow.order(12_000, "mm-b", "buy", "100.01", "1000");
    const sell = flow.order(12_020, "mm-a", "sell", "100.01", "1000", { tif: "ioc" });
    flow.trade(12_020, sell, bid, "100.01", "1000");
    expect(flow.run(engineWith())).toEqual([]);
  });

  it("finds nothing in empty data or a single order", () => {
    expect(new Flow().run(engineWith())).toEqual([]);
    const flow = new Flow();
    flow.order(0, "trader", "buy", "100.00", "100");
    expect(flow.run(engineWith())).toEqual([]);
  });
});
