import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SplitPlan } from "./decision";
import type { RoutingRefusal } from "./request";
import { T0, addVenue, d, newRouter, request, resetIds } from "./test-venues";

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  resetIds();
});
afterEach(() => {
  vi.useRealTimers();
});

function plan(outcome: SplitPlan | RoutingRefusal): SplitPlan {
  if (outcome.kind !== "split") throw new Error(`expected a split, got: ${outcome.reason}`);
  return outcome;
}

const allocations = (p: SplitPlan) =>
  p.allocations.map((a) => [
    a.venueId,
    a.quantity.toFixed(),
    a.averagePrice.toFixed(),
    a.limitPrice.toFixed(),
  ]);

/** All-in per level: B 9.998 (100), A 10.003 (100), C 10.0125 (100), A 10.013 (200), B 10.018 (300). */
function ladder() {
  const router = newRouter();
  addVenue(router, {
    id: "A",
    fee: "0.003",
    asks: [
      ["10.00", 100],
      ["10.01", 200],
    ],
    bids: [
      ["9.99", 100],
      ["9.98", 500],
    ],
  });
  addVenue(router, {
    id: "B",
    fee: "-0.002",
    asks: [
      ["10.00", 100],
      ["10.02", 300],
    ],
    bids: [["9.99", 100]],
  });
  addVenue(router, { id: "C", fee: "0.0025", asks: [["10.01", 100]], bids: [["9.98", 100]] });
  return router;
}

describe("splitOrder", () => {
  it("sweeps fee-adjusted depth cheapest first and reports what is beyond all displayed liquidity", () => {
    const split = plan(ladder().splitOrder(request({ quantity: d(1000) }), 3));
    expect(allocations(split)).toEqual([
      ["B", "400", "10.015", "10.02"],
      ["A", "300", "10.00666666666666666666666666666667", "10.01"],
      ["C", "100", "10.01", "10.01"],
    ]);
    expect(split.routedQuantity.toFixed()).toBe("800");
    expect(split.remainder.quantity.toFixed()).toBe("200");
    expect(split.allInCost.toFixed()).toBe("8009.35");
    expect(split.averageAllInPrice?.toFixed()).toBe("10.0116875");
    expect(split.reason).toContain("; 200 shares beyond quoted depth -> ");
    expect(split.allocations.map((a) => a.feePerShare.toFixed())).toEqual(["-0.002", "0.003", "0.0025"]);
  });

  it("never does worse than the best single venue; with one venue allowed it is that venue", () => {
    const split = plan(ladder().splitOrder(request({ quantity: d(150) }), 1));
    // A alone could not go past 10.00 without trading through B's 10.00 offer, B not past it either.
    expect(split.bestSingleVenue?.venueId).toBe("B");
    expect(split.bestSingleVenue?.averageAllInPrice.toFixed()).toBe("9.998");
    expect(allocations(split)).toEqual([["B", "100", "10", "10"]]);
    expect(split.remainder.quantity.toFixed()).toBe("50");
    const wide = plan(ladder().splitOrder(request({ quantity: d(150) }), 3));
    expect(wide.routedQuantity.gt(wide.bestSingleVenue?.routedQuantity ?? 0)).toBe(true);
    expect(wide.reason).toMatch(/^split over up to 3 venues: 100 @ B, 50 @ A, all-in/);
  });

  it("does not trade through a protected quote at a venue the order may not use", () => {
    const split = plan(
      ladder().splitOrder(request({ quantity: d(300), constraints: { excludedVenues: ["B"] } }), 3),
    );
    expect(allocations(split)).toEqual([["A", "100", "10", "10"]]);
    expect(split.remainder.quantity.toFixed()).toBe("200");
  });

  it("prefers one venue that fills more over cheap slivers that use up the venue budget", () => {
    const router = newRouter();
    addVenue(router, { id: "X", fee: "0.003", asks: [["10.00", 100]] });
    addVenue(router, {
      id: "Y",
      fee: "-0.002",
      asks: [
        ["10.00", 10],
        ["10.01", 90],
      ],
    });
    addVenue(router, {
      id: "Z",
      fee: "-0.001",
      asks: [
        ["10.00", 10],
        ["10.01", 90],
      ],
    });
    const split = plan(router.splitOrder(request({ quantity: d(100) }), 2));
    expect(split.reason).toMatch(/^single venue beats the split: 100 @ X/);
    expect(allocations(split)).toEqual([["X", "100", "10", "10"]]);
    expect(split.remainder.quantity.toFixed()).toBe("0");
  });

  it("takes a better-priced protected quote first even when a worse price is cheaper all-in (Rule 611)", () => {
    const router = newRouter();
    // REBATE's 10.01 offer costs 9.99 all-in (a 0.02 rebate), but NYSE and ARCA show 10.00: those go first.
    addVenue(router, { id: "NYSE", fee: "0.003", asks: [["10.00", 60]] });
    addVenue(router, { id: "ARCA", fee: "0.003", asks: [["10.00", 60]] });
    addVenue(router, { id: "REBATE", fee: "-0.02", asks: [["10.01", 500]] });
    const big = plan(router.splitOrder(request({ quantity: d(200) }), 3));
    // Equal protected prices are taken in ranking order (equal scores: by venue id).
    expect(allocations(big)).toEqual([
      ["ARCA", "60", "10", "10"],
      ["NYSE", "60", "10", "10"],
      ["REBATE", "80", "10.01", "10.01"],
    ]);
    // When REBATE runs dry the sweep moves on, past the protected levels it already took.
    const shallow = newRouter();
    addVenue(shallow, {
      id: "NYSE",
      fee: "0.003",
      asks: [
        ["10.00", 60],
        ["10.02", 100],
      ],
    });
    addVenue(shallow, { id: "REBATE", fee: "-0.02", asks: [["10.01", 10]] });
    expect(allocations(plan(shallow.splitOrder(request({ quantity: d(100) }), 3)))).toEqual([
      ["NYSE", "90", "10.00666666666666666666666666666667", "10.02"],
      ["REBATE", "10", "10.01", "10.01"],
    ]);
    // The protected quotes alone cover a small order: nothing is taken at the worse price.
    const small = plan(router.splitOrder(request({ quantity: d(50) }), 3));
    expect(allocations(small)).toEqual([["ARCA", "50", "10", "10"]]);
    // Equal all-in prices: the better price first, then the higher-ranked venue.
    const ties = newRouter();
    addVenue(ties, { id: "P", fee: "0.003", asks: [["10.000", 10]] });
    addVenue(ties, { id: "Q", fee: "-0.002", asks: [["10.005", 10]] });
    addVenue(ties, { id: "R", type: "market_maker", fee: "0.003", asks: [["10.000", 10]] });
    addVenue(ties, { id: "S", type: "market_maker", fee: "0.003", asks: [["10.000", 10]] });
    expect(allocations(plan(ties.splitOrder(request({ quantity: d(40) }), 4))).map((a) => a[0])).toEqual([
      "P",
      "R",
      "S",
      "Q",
    ]);
  });

  it("splits a sale over the highest all-in bids", () => {
    const split = plan(ladder().splitOrder(request({ side: "sell", quantity: d(300) }), 3));
    // B 9.99 + rebate 0.002, A 9.99 - 0.003, C 9.98 - 0.0025 (9.9775) beats A's 9.98 - 0.003 (9.977).
    expect(allocations(split)).toEqual([
      ["B", "100", "9.99", "9.99"],
      ["A", "100", "9.99", "9.99"],
      ["C", "100", "9.98", "9.98"],
    ]);
    expect(split.averageAllInPrice?.toFixed()).toBe("9.9855");
  });

  it("routes nothing from dark pools, which show no depth, and says where the rest would go", () => {
    const router = newRouter();
    addVenue(router, { id: "LIT", bids: [["9.99", 100]], asks: [["10.01", 100]] });
    addVenue(router, { id: "DARK", type: "dark_pool", fee: "0.001", fillRate: 0.4 });
    const split = plan(
      router.splitOrder(request({ quantity: d(100), constraints: { excludedVenues: ["LIT"] } }), 2),
    );
    expect(split.allocations).toEqual([]);
    expect(split.averageAllInPrice).toBeNull();
    expect(split.bestSingleVenue).toBeUndefined();
    expect(split.remainder).toEqual({ quantity: d(100), venueId: "DARK" });
    expect(split.reason).toBe(
      "split over up to 2 venues: no quoted depth, all-in n/a; 100 shares beyond quoted depth -> DARK",
    );
  });

  it("refuses like routeOrder when no venue qualifies", () => {
    const refusal = ladder().splitOrder(request({ limitPrice: d("9.99") }), 3);
    expect(refusal.kind).toBe("refused");
    expect(refusal.reason).toMatch(/^cannot split 100 AAPL: violates limit_price/);
  });
});
