import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RouteRequest } from "./request";
import { SmartOrderRouter } from "./router";
import type { RoutingStrategy } from "./strategies";
import {
  StubVenue,
  T0,
  addVenue,
  d,
  fees,
  newRouter,
  quoteOf,
  refused,
  request,
  resetIds,
  routed,
  timeoutTimer,
} from "./test-venues";

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  resetIds();
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * NBBO 99.98 x 100.02. NYSE: price 100.02 + fee 0.003. INV (inverted): 100.02 - rebate 0.0016.
 * MM (wholesaler, undisplayed): 100.019 + 0.002. FAST: 100.02 + 0.003, 0.5 ms. DARK: midpoint 100.00, fills 40%.
 */
const stubs = new WeakMap<SmartOrderRouter, Map<string, StubVenue>>();

function routerVenue(router: SmartOrderRouter, id: string): StubVenue {
  const venue = stubs.get(router)?.get(id);
  if (venue === undefined) throw new Error(`no stub ${id}`);
  return venue;
}

function market(router = newRouter()): SmartOrderRouter {
  const add = (spec: Parameters<typeof addVenue>[1]) => {
    const venues = stubs.get(router) ?? new Map<string, StubVenue>();
    venues.set(spec.id, addVenue(router, spec));
    stubs.set(router, venues);
  };
  add({
    id: "NYSE",
    bids: [["99.98", 300]],
    asks: [
      ["100.02", 300],
      ["100.03", 500],
    ],
  });
  add({ id: "INV", fee: "-0.0016", bids: [["99.97", 200]], asks: [["100.02", 200]] });
  add({
    id: "MM",
    type: "market_maker",
    fee: "0.002",
    latencyMs: 8,
    bids: [["99.981", 200]],
    asks: [["100.019", 200]],
  });
  add({ id: "FAST", latencyMs: 0.5, bids: [["99.97", 100]], asks: [["100.02", 100]] });
  add({ id: "DARK", type: "dark_pool", fee: "0.001", fillRate: 0.4, latencyMs: 4 });
  return router;
}

describe("strategies", () => {
  it("best_price counts the fee: MM's better quote is the dearer price once its fee is paid", () => {
    // All-in a share: DARK 100.00 + 0.001 = 100.001; INV 100.02 - 0.0016 = 100.0184; MM 100.019 + 0.002 =
    // 100.021; FAST and NYSE 100.02 + 0.003 = 100.023 (equal fill probability 0.9: by id).
    const decision = routed(market().routeOrder(request({ strategy: "best_price" })));
    expect(decision.venueId).toBe("DARK");
    const lit = routed(
      market().routeOrder(request({ strategy: "best_price", constraints: { excludedVenues: ["DARK"] } })),
    );
    expect(lit.venueId).toBe("INV");
    expect(lit.allInPrice.toFixed()).toBe("100.0184");
    expect(lit.reason).toContain(
      "best_price: INV, best all-in price 100.0184 per share (price 100.02, rebate 0.0016)",
    );
    expect(lit.alternatives.map((a) => a.venueId)).toEqual(["MM", "FAST", "NYSE"]);
  });

  it("best_price ranks on the all-in price: equal quotes, the lower fee wins over a better fill rate", () => {
    // Both offer 10.00 x 500. A: 10.00 + 0.0030 = 10.0030 a share all-in, learned fill rate 0.95;
    // B: 10.00 + 0.0010 = 10.0010, fill rate 0.90. For 500 shares B costs 500 x 10.0010 = 5,000.50 and
    // A 500 x 10.0030 = 5,001.50: B is the better price by $1.00, whatever A's fill rate or name.
    const router = newRouter();
    addVenue(router, { id: "A", fee: "0.003", fillRate: 0.95, asks: [["10.00", 500]] });
    addVenue(router, { id: "B", fee: "0.001", fillRate: 0.9, asks: [["10.00", 500]] });
    const order = request({ strategy: "best_price", quantity: d(500) });
    const decision = routed(router.routeOrder(order));
    expect(decision.venueId).toBe("B");
    expect(decision.allInCost.toFixed()).toBe("5000.5");
    expect(decision.reason).toContain(
      "best_price: B, best all-in price 10.001 per share (price 10, fee 0.001)",
    );
    expect(decision.alternatives.map((a) => [a.venueId, a.allInPrice.toFixed()])).toEqual([["A", "10.003"]]);
    // C: 10.00 + 0.0010 = 10.0010 too, fill rate 0.95 against B's 0.90: equal all-in, the likelier fill first.
    addVenue(router, { id: "C", fee: "0.001", fillRate: 0.95, asks: [["10.00", 500]] });
    expect(router.getVenueRankings(order).map((r) => r.venueId)).toEqual(["C", "B", "A"]);
  });

  it("lowest_cost breaks a tie in all-in price by the shares a venue can fill", () => {
    // Both 10.00 + 0.003 = 10.003 a share. A shows 200, B 500: for 500 shares B can fill all of them,
    // A 200 (the other 300 would need a second venue), so B ranks first although A sorts first by name.
    const router = newRouter();
    addVenue(router, { id: "A", asks: [["10.00", 200]] });
    addVenue(router, { id: "B", asks: [["10.00", 500]] });
    const decision = routed(router.routeOrder(request({ strategy: "lowest_cost", quantity: d(500) })));
    expect(decision.venueId).toBe("B");
    expect(decision.alternatives.map((a) => [a.venueId, a.expectedQuantity.toFixed()])).toEqual([
      ["A", "200"],
    ]);
  });

  it("fastest takes the lowest expected latency", () => {
    const decision = routed(market().routeOrder(request({ strategy: "fastest" })));
    expect(decision.venueId).toBe("FAST");
    expect(decision.expectedLatencyMs).toBe(0.5);
    expect(decision.reason).toContain("lowest expected latency 0.5 ms");
  });

  it("lowest_cost takes the lowest all-in price: price + taker fee - rebate", () => {
    const decision = routed(
      market().routeOrder(request({ strategy: "lowest_cost", constraints: { excludedVenues: ["DARK"] } })),
    );
    expect(decision.venueId).toBe("INV");
    expect(decision.allInPrice.toFixed()).toBe("100.0184");
    expect(decision.feePerShare.toFixed()).toBe("-0.0016");
    expect(decision.allInCost.toFixed()).toBe("10001.84");
    expect(decision.reason).toContain("rebate 0.0016");
    expect(decision.alternatives.map((a) => a.venueId)).toEqual(["MM", "FAST", "NYSE"]);
    expect(decision.alternatives[1]?.reason).toContain("fee 0.003");
    expect(decision.alternatives.map((a) => a.rank)).toEqual([2, 3, 4]);
    expect(decision.alternatives[0]?.score).toBeGreaterThan(decision.alternatives[1]?.score ?? 0);
  });

  it("smart picks the cheap quote for a small order and the dark pool for one far beyond displayed depth", () => {
    const small = routed(market().routeOrder(request({ strategy: "smart" })));
    expect(small.venueId).toBe("INV");
    expect(small.fillProbability).toBeCloseTo(0.9, 12);
    const large = routed(market().routeOrder(request({ strategy: "smart", quantity: d(20_000) })));
    expect(large.venueId).toBe("DARK");
    expect(large.fillProbability).toBeCloseTo(0.4, 12);
    expect(large.reason).toContain("fill probability 0.40");
  });

  it("internalize sends to the internal book first when it can fill; external never does", () => {
    const router = market();
    addVenue(router, {
      id: "INTERNAL",
      type: "internal",
      fee: "0",
      asks: [["100.02", 50]],
      bids: [["99.98", 50]],
    });
    const internal = routed(router.routeOrder(request({ strategy: "internalize" })));
    expect(internal.venueId).toBe("INTERNAL");
    expect(internal.reason).toContain("internal cross at 100.02 for up to 50 shares");
    expect(internal.alternatives[0]?.reason).toContain("no internal liquidity");
    const outside = routed(router.routeOrder(request({ strategy: "external" })));
    expect(outside.venueId).toBe("INV");
    expect(outside.excluded).toContainEqual({
      venueId: "INTERNAL",
      reason: "strategy",
      detail: "not used by external",
    });
  });

  it("accepts a pluggable strategy, by option or registration", () => {
    const alphabetical: RoutingStrategy = {
      name: "alphabetical",
      accepts: () => true,
      score: (c) => -c.venueId.charCodeAt(0),
      explain: () => "first by name",
    };
    expect(
      routed(
        market(newRouter({ strategies: [alphabetical] })).routeOrder(request({ strategy: "alphabetical" })),
      ).venueId,
    ).toBe("DARK");
    const router = market();
    expect(() => router.routeOrder(request({ strategy: "alphabetical" }))).toThrow(
      /unknown routing strategy "alphabetical"/,
    );
    router.registerStrategy(alphabetical);
    expect(routed(router.routeOrder(request({ strategy: "alphabetical" }))).reason).toContain(
      "first by name",
    );
  });
});

describe("sell orders", () => {
  it("sell to the highest all-in bid", () => {
    const decision = routed(
      market().routeOrder(
        request({ side: "sell", strategy: "lowest_cost", constraints: { excludedVenues: ["DARK"] } }),
      ),
    );
    expect(decision.venueId).toBe("MM");
    expect(decision.allInPrice.toFixed()).toBe("99.979");
  });
});

describe("constraints", () => {
  it("max_fee leaves out venues charging more per share; rebates always pass", () => {
    const decision = routed(
      market().routeOrder(request({ strategy: "lowest_cost", constraints: { maxFeePerShare: d("0.0015") } })),
    );
    expect(decision.excluded.filter((e) => e.reason === "max_fee").map((e) => e.venueId)).toEqual([
      "NYSE",
      "MM",
      "FAST",
    ]);
    expect(decision.excluded[0]?.detail).toBe("fee 0.003 > max 0.0015");
  });

  it("names every constraint a venue fails, the same in routeOrder and splitOrder", () => {
    // SLOW offers 10.00 x 200 at a 0.003 fee, fill rate 0.9, 8 ms. The order: 500 shares, fee at most 0.002,
    // fill probability at least 0.5, latency at most 5 ms. It fails all three:
    //   fee 0.003 > 0.002; fill probability 0.9 x 200 / 500 = 0.36 < 0.5; latency 8 ms > 5 ms.
    const router = newRouter();
    addVenue(router, { id: "SLOW", latencyMs: 8, asks: [["10.00", 200]] });
    const order = request({
      quantity: d(500),
      constraints: { maxFeePerShare: d("0.002"), minFillRate: 0.5, maxLatencyMs: 5 },
    });
    const all = ["max_fee", "min_fill_rate", "max_latency_ms"];
    const routeRefusal = refused(router.routeOrder(order));
    expect(routeRefusal.violatedConstraints).toEqual(all);
    expect(routeRefusal.excluded.map((e) => [e.venueId, e.reason, e.detail])).toEqual([
      ["SLOW", "max_fee", "fee 0.003 > max 0.002"],
      ["SLOW", "min_fill_rate", "fill probability 0.360 < 0.5"],
      ["SLOW", "max_latency_ms", "latency 8 ms > 5 ms"],
    ]);
    const splitRefusal = router.splitOrder(order, 2);
    expect(splitRefusal.kind === "refused" && splitRefusal.violatedConstraints).toEqual(all);
  });

  it("shows how many shares the chosen venue is expected to fill, next to a cost for just those", () => {
    // PART (a wholesaler, undisplayed) offers 10.00 x 300 without fee; FULL offers 10.01 x 500 + 0.003.
    // lowest_cost picks PART: 10.00 a share against 10.013. Its all-in cost 300 x 10.00 = 3,000.00 is for
    // 300 of the 500 shares; FULL's 500 x 10.013 = 5,006.50 is for all 500. Like with like: per share
    // 10.00 vs 10.013, each with its expected quantity (300 vs 500).
    const router = newRouter();
    addVenue(router, { id: "PART", type: "market_maker", fee: "0", asks: [["10.00", 300]] });
    addVenue(router, { id: "FULL", asks: [["10.01", 500]] });
    const decision = routed(router.routeOrder(request({ strategy: "lowest_cost", quantity: d(500) })));
    expect(decision.venueId).toBe("PART");
    expect(decision.expectedQuantity.toFixed()).toBe("300");
    expect(decision.allInCost.toFixed()).toBe("3000");
    expect(decision.reason).toContain("; expects to fill 300 of 500 shares here");
    const [full] = decision.alternatives;
    expect([full?.venueId, full?.expectedQuantity.toFixed(), full?.allInCost.toFixed()]).toEqual([
      "FULL",
      "500",
      "5006.5",
    ]);
  });

  it("max_latency_ms and min_fill_rate leave out slow and unreliable venues", () => {
    const fast = routed(market().routeOrder(request({ constraints: { maxLatencyMs: 1 } })));
    expect(fast.venueId).toBe("FAST");
    expect(fast.excluded.filter((e) => e.reason === "max_latency_ms")).toHaveLength(4);
    const reliable = routed(
      market().routeOrder(request({ quantity: d(250), constraints: { minFillRate: 0.8 } })),
    );
    expect(reliable.excluded.filter((e) => e.reason === "min_fill_rate").map((e) => e.venueId)).toEqual([
      "INV",
      "MM",
      "FAST",
      "DARK",
    ]);
    expect(reliable.venueId).toBe("NYSE");
  });

  it("refuses, naming the constraint, when no venue satisfies it", () => {
    const router = market();
    const refusal = refused(router.routeOrder(request({ constraints: { minFillRate: 0.95 } })));
    expect(refusal.violatedConstraints).toEqual(["min_fill_rate"]);
    expect(refusal.reason).toMatch(
      /^cannot route 100 AAPL: violates min_fill_rate \(NYSE: fill probability 0.900 < 0.95;/,
    );
    const limit = refused(router.routeOrder(request({ limitPrice: d("99.99") })));
    expect(limit.violatedConstraints).toEqual(["limit_price"]);
    expect(limit.excluded.find((e) => e.venueId === "DARK")?.detail).toBe(
      "midpoint 100 is beyond limit 99.99",
    );
    const mixed = refused(
      router.routeOrder(
        request({ constraints: { excludedVenues: ["NYSE", "INV", "MM", "FAST"], maxLatencyMs: 3 } }),
      ),
    );
    expect(mixed.violatedConstraints).toEqual(["excluded_venue", "max_latency_ms"]);
    expect(router.getRoutingStats().refusalsByConstraint).toEqual({
      min_fill_rate: 1,
      limit_price: 1,
      excluded_venue: 1,
      max_latency_ms: 1,
    });
  });

  it("a limit price keeps only the levels within it", () => {
    const router = market();
    const noDark = ["DARK", "MM"];
    const decision = routed(
      router.routeOrder(
        request({
          quantity: d(600),
          limitPrice: d("100.02"),
          strategy: "best_price",
          constraints: { excludedVenues: noDark },
        }),
      ),
    );
    // NYSE's 100.03 level is beyond the limit. INV (all-in 100.0184) first; NYSE and FAST tie at 100.023,
    // and NYSE, filling 300 of 600 against FAST's 100, is the likelier fill (0.9 x 0.5 > 0.9 x 1/6).
    expect(decision.venueId).toBe("INV");
    expect(decision.expectedPrice.toFixed()).toBe("100.02");
    expect(decision.alternatives.map((a) => [a.venueId, a.expectedQuantity.toFixed()])).toEqual([
      ["NYSE", "300"],
      ["FAST", "100"],
    ]);
    // At 100.01 no lit offer is within the limit; the dark pool's midpoint 100.00 is.
    const tight = routed(router.routeOrder(request({ limitPrice: d("100.01"), strategy: "best_price" })));
    expect(tight.excluded).toContainEqual({
      venueId: "FAST",
      reason: "limit_price",
      detail: "no buy liquidity within limit 100.01",
    });
    expect(tight.excluded.map((e) => e.venueId)).toEqual(["NYSE", "INV", "MM", "FAST"]);
    expect([tight.venueId, tight.alternatives]).toEqual(["DARK", []]);
  });

  it("expects the volume-weighted price when one venue's order walks several levels", () => {
    const router = newRouter();
    addVenue(router, {
      id: "DEEP",
      asks: [
        ["10.00", 100],
        ["10.01", 200],
        ["10.02", 500],
      ],
    });
    const decision = routed(router.routeOrder(request({ quantity: d(250) })));
    expect(decision.expectedPrice.toFixed()).toBe("10.006");
    expect(decision.fillProbability).toBeCloseTo(0.9, 12);
    expect(decision.allInCost.toFixed()).toBe("2502.25");
  });

  it("refuses without naming a constraint when the market alone leaves nothing", () => {
    const router = newRouter();
    addVenue(router, { id: "EMPTY" });
    router.registerVenue(new StubVenue("SILENT", "exchange", fees("0"), timeoutTimer));
    const refusal = refused(router.routeOrder(request()));
    expect(refusal.violatedConstraints).toEqual([]);
    expect(refusal.reason).toBe(
      "cannot route 100 AAPL: no venue (EMPTY: no buy liquidity; SILENT: no quote)",
    );
    expect(refused(newRouter().routeOrder(request())).reason).toBe("cannot route 100 AAPL: no venue");
  });

  it("rejects malformed requests outright", () => {
    expect(() => market().routeOrder(request({ quantity: d("10.5") }))).toThrow(/whole number of shares/);
    expect(() => market().routeOrder(request({ quantity: d(0) }))).toThrow(/from 1 to 100000000/);
    expect(() => market().routeOrder(request({ quantity: d(100_000_001) }))).toThrow(/from 1 to 100000000/);
    expect(routed(market().routeOrder(request({ quantity: d(100_000_000) }))).venueId).toBe("DARK");
  });
});

describe("quotes and market conditions", () => {
  it("excludes stale quotes and says so in the decision", () => {
    const router = market();
    router.unregisterVenue("INV");
    addVenue(router, { id: "INV", fee: "-0.0016", asks: [["100.00", 200]], timestamp: T0 - 600 });
    const decision = routed(router.routeOrder(request({ strategy: "lowest_cost" })));
    expect(decision.venueId).not.toBe("INV");
    expect(decision.excluded).toContainEqual({
      venueId: "INV",
      reason: "stale_quote",
      detail: "quote 600 ms old (TTL 500 ms)",
    });
    expect(decision.warnings).toEqual(["stale quotes excluded: INV"]);
    expect(decision.nbbo.staleVenueIds).toEqual(["INV"]);
    expect(decision.reason).toContain("; stale quotes excluded: INV");
  });

  it("keeps the newest quote per venue and ignores unregistered venues", () => {
    const router = market();
    expect(router.onQuote(quoteOf("NYSE", { asks: [["101", 1]], timestamp: T0 - 1 }))).toBe(false);
    expect(router.onQuote(quoteOf("NOPE", { asks: [["1", 1]] }))).toBe(false);
    expect(
      router.onQuote(quoteOf("NYSE", { bids: [["99.99", 1]], asks: [["100.01", 1]], timestamp: T0 })),
    ).toBe(true);
    expect(router.nbbo("AAPL").ask?.venueIds).toEqual(["NYSE"]);
    expect(router.nbbo("MSFT").condition).toBe("empty");
  });

  it("flags a crossed market, drops the midpoint venues and still ranks on prices", () => {
    const router = market();
    router.onQuote(quoteOf("FAST", { bids: [["100.05", 100]], asks: [["100.06", 100]] }));
    const decision = routed(router.routeOrder(request({ strategy: "lowest_cost" })));
    expect(decision.marketCondition).toBe("crossed");
    expect(decision.warnings).toEqual(["market crossed: bid 100.05 ask 100.02"]);
    expect(decision.excluded).toContainEqual({
      venueId: "DARK",
      reason: "no_reference_price",
      detail: "NBBO is crossed",
    });
    expect(decision.venueId).toBe("INV");
  });

  it("flags a locked market and prices the dark pool at the lock", () => {
    const router = market();
    router.onQuote(quoteOf("FAST", { bids: [["100.02", 100]], asks: [["100.03", 100]] }));
    const decision = routed(router.routeOrder(request({ strategy: "best_price" })));
    expect(decision.marketCondition).toBe("locked");
    expect(decision.warnings).toEqual(["market locked: bid 100.02 ask 100.02"]);
    // The midpoint of 100.02 x 100.02 is 100.02: DARK's all-in 100.021 ties MM's 100.019 + 0.002.
    expect(decision.venueId).toBe("INV");
    const dark = decision.alternatives.find((a) => a.venueId === "DARK");
    expect([dark?.expectedPrice.toFixed(), dark?.allInPrice.toFixed()]).toEqual(["100.02", "100.021"]);
  });

  it("never sends a single-venue order through a better protected quote elsewhere", () => {
    const router = market();
    router.onQuote(quoteOf("NYSE", { bids: [["99.98", 300]], asks: [["100.01", 10]] }));
    const decision = routed(router.routeOrder(request({ strategy: "lowest_cost" })));
    expect(decision.excluded).toContainEqual({
      venueId: "INV",
      reason: "trade_through",
      detail: "would trade through the protected quote 100.01",
    });
    expect(decision.excluded.find((e) => e.venueId === "MM")?.reason).toBe("trade_through");
  });

  it("refreshes quotes from the venues, keeping the cached one when a venue fails", async () => {
    const router = newRouter();
    const live = new StubVenue("LIVE", "exchange", fees("0.003"), timeoutTimer);
    const down = new StubVenue("DOWN", "exchange", fees("0.003"), timeoutTimer);
    router.registerVenue(live);
    router.registerVenue(down);
    live.quote = quoteOf("LIVE", { bids: [["10", 1]], asks: [["10.01", 1]] });
    await router.refreshQuotes("AAPL");
    expect(router.nbbo("AAPL").bid?.venueIds).toEqual(["LIVE"]);
    // Registered without priors: the exchange defaults until reports arrive.
    expect(router.getVenueStatistics()[0]).toMatchObject({ fillRate: 0.95, latencyP50Ms: 1 });
  });
});

describe("rankings and registration", () => {
  it("rankings move with order size, fill history and the state of the market", async () => {
    const router = newRouter({ venueTimeoutMs: 100 });
    market(router);
    const inv = router.getVenueRankings(request()).find((r) => r.venueId === "INV");
    const ranks = (overrides: Partial<RouteRequest> = {}) =>
      router.getVenueRankings(request({ strategy: "smart", ...overrides })).map((r) => r.venueId);
    // Small order, calm market: cheapest all-in first; the dark pool's 40% fill rate puts it last.
    expect(ranks()).toEqual(["INV", "MM", "FAST", "NYSE", "DARK"]);
    expect(inv?.statistics).toMatchObject({ venueId: "INV", attempts: 0, successRate: 1 });
    // An order far beyond displayed depth: the dark pool, which can take it all, moves to the top.
    expect(ranks({ quantity: d(20_000) })[0]).toBe("DARK");
    // INV stops answering: two timeouts lower its learned fill rate and raise its latency.
    const venues = router.getVenueStatistics().map((s) => s.venueId);
    expect(venues).toContain("INV");
    const stub = routerVenue(router, "INV");
    stub.behaviour = { kind: "timeout" };
    for (let i = 0; i < 2; i += 1) {
      const pending = router.routeAndExecute(
        request({
          strategy: "lowest_cost",
          quantity: d(50),
          constraints: { excludedVenues: ["DARK", "MM"] },
        }),
      );
      await vi.runAllTimersAsync();
      await pending;
      vi.setSystemTime(T0);
    }
    const after = router.getVenueRankings(request()).find((r) => r.venueId === "INV");
    expect(after?.statistics.timeouts).toBe(2);
    expect(after?.latencyMs).toBe(100);
    expect(ranks().indexOf("INV")).toBeGreaterThan(2);
    // A crossed market: the dark pool has no midpoint to cross at and drops out of the ranking.
    router.onQuote(quoteOf("FAST", { bids: [["100.05", 100]], asks: [["100.06", 100]] }));
    expect(ranks()).not.toContain("DARK");
  });

  it("registers and unregisters venues at run time", () => {
    const router = market();
    expect(() => addVenue(router, { id: "NYSE" })).toThrow(/already registered/);
    expect(router.unregisterVenue("INV")).toBe(true);
    expect(router.unregisterVenue("INV")).toBe(false);
    expect(router.nbbo("AAPL").ask?.venueIds).toEqual(["NYSE", "FAST"]);
    expect(
      routed(
        router.routeOrder(request({ strategy: "lowest_cost", constraints: { excludedVenues: ["DARK"] } })),
      ).venueId,
    ).toBe("MM");
    expect(router.getVenueStatistics().map((s) => s.venueId)).toEqual(["NYSE", "MM", "FAST", "DARK"]);
  });

  it("counts decisions by strategy and venue", () => {
    const router = market();
    router.routeOrder(request({ strategy: "fastest" }));
    router.routeOrder(request({ strategy: "fastest" }));
    router.routeOrder(request({ strategy: "best_price" }));
    const stats = router.getRoutingStats();
    expect(stats.decisions).toBe(3);
    expect(stats.decisionsByStrategy).toEqual({ fastest: 2, best_price: 1 });
    expect(stats.decisionsByVenue).toEqual({ FAST: 2, DARK: 1 });
    expect(stats.fillRate).toBe(0);
  });

  it("insists on a quote TTL under one second", () => {
    expect(() => newRouter({ quoteTtlMs: 1000 })).toThrow(/quoteTtlMs/);
    expect(() => newRouter({ quoteTtlMs: 0 })).toThrow(/quoteTtlMs/);
    expect(newRouter({ quoteTtlMs: 999 })).toBeInstanceOf(SmartOrderRouter);
  });
});
