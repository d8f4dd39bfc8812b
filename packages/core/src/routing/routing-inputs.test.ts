import { beforeEach, describe, expect, it, vi } from "vitest";
import type { Side } from "../events/index";
import type { Decimal } from "../money";
import type { RouteRequest } from "./request";
import { RoutingInputError } from "./routing-inputs";
import { SmartOrderRouter } from "./router";
import { T0, addVenue, d, newRouter, refused, request, resetIds } from "./test-venues";

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  resetIds();
});

/** A lit venue at 10.00 x 10.01 and a dark pool: a limit reaches the pool as the child order's limit. */
function market() {
  const router = newRouter();
  addVenue(router, { id: "LIT", bids: [["10.00", 500]], asks: [["10.01", 500]] });
  const dark = addVenue(router, { id: "DARK", type: "dark_pool", fee: "0.001" });
  return { router, dark };
}

const onlyDark = { excludedVenues: ["LIT"] };

describe("routing inputs", () => {
  it.each<[string, Partial<RouteRequest>, string]>([
    ["side", { side: "BUY" as unknown as Side }, 'side: expected "buy" or "sell"'],
    ["quantity", { quantity: 500 as unknown as Decimal }, "quantity: expected a Decimal"],
    ["a NaN limit", { limitPrice: d(Number.NaN) }, "limitPrice: expected a positive price, got NaN"],
    // Rule 612: at $1.00 and above, whole cents; 10.005 is half a cent off.
    ["a limit off the grid", { limitPrice: d("10.005") }, "limitPrice: 10.005 is off the 0.01 price grid"],
    // Below $1.00 the increment is $0.0001: 0.50005 is off it.
    ["a sub-dollar limit", { limitPrice: d("0.50005") }, "limitPrice: 0.50005 is off the 0.0001 price grid"],
    [
      "minFillRate",
      { constraints: { minFillRate: Number.NaN } },
      "constraints.minFillRate: expected a probability from 0 to 1",
    ],
    [
      "maxFeePerShare",
      { constraints: { maxFeePerShare: d(Number.NaN) } },
      "constraints.maxFeePerShare: expected a finite fee per share",
    ],
    [
      "maxLatencyMs",
      { constraints: { maxLatencyMs: -1 } },
      "constraints.maxLatencyMs: expected a number of milliseconds >= 0",
    ],
    [
      "excludedVenues",
      { constraints: { excludedVenues: "LIT" as unknown as string[] } },
      "constraints.excludedVenues: expected a list of venue ids",
    ],
    // The routing events carry them: UUIDs and contract symbols only.
    ["orderId", { orderId: "42" }, "orderId: expected a UUID string"],
    ["symbol", { symbol: "aapl" }, "symbol: expected a symbol: 1-20 characters of A-Z 0-9 . -"],
    // A misspelt limit would otherwise route as a market order.
    ["a misspelt field", { limitprice: d("10.00") } as Partial<RouteRequest>, "limitprice: unknown field"],
  ])("refuses %s, naming the field, and sends nothing", async (_, overrides, message) => {
    // Before these checks: "BUY" went out as a sell, a NaN or off-grid limit reached the dark pool.
    const { router, dark } = market();
    const constraints = { ...onlyDark, ...overrides.constraints };
    await expect(router.routeAndExecute(request({ ...overrides, constraints }))).rejects.toThrow(message);
    expect(dark.orders).toEqual([]);
  });

  it("sends an on-grid limit on unchanged: whole cents from $1.00, $0.0001 below", async () => {
    const { router, dark } = market();
    const pending = router.routeAndExecute(request({ limitPrice: d("10.01"), constraints: onlyDark }));
    await vi.runAllTimersAsync();
    await pending;
    expect(dark.orders[0]?.limitPrice).toEqual(d("10.01"));
    // 0.5001 is on the sub-dollar grid: accepted, then refused by the market (the midpoint is 10.005).
    const refusal = refused(router.routeOrder(request({ limitPrice: d("0.5001"), constraints: onlyDark })));
    expect(refusal.violatedConstraints).toEqual(["excluded_venue", "limit_price"]);
  });

  it("lists every bad field in one error", () => {
    const { router } = market();
    const bad = request({ side: "BUY" as unknown as Side, quantity: d("10.5") });
    const thrown = (() => {
      try {
        return router.routeOrder(bad);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(RoutingInputError);
    expect(thrown).toMatchObject({
      message:
        'invalid route request: side: expected "buy" or "sell"; ' +
        "quantity: expected a whole number of shares from 1 to 100000000, got 10.5",
      issues: [
        { field: "side", message: 'expected "buy" or "sell"' },
        { field: "quantity", message: "expected a whole number of shares from 1 to 100000000, got 10.5" },
      ],
    });
  });

  it("refuses a split over less than one venue or a fraction of one", () => {
    const { router } = market();
    expect(() => router.splitOrder(request(), 0)).toThrow(
      "maxVenues: expected a whole number of venues, at least 1",
    );
    expect(() => router.splitOrder(request(), 1.5)).toThrow(
      "maxVenues: expected a whole number of venues, at least 1",
    );
    expect(router.splitOrder(request(), 1).kind).toBe("split");
  });

  it("refuses a router whose timeouts or limits are negative, zero or not numbers", () => {
    expect(() => newRouter({ venueTimeoutMs: -1 })).toThrow(
      "venueTimeoutMs: expected a number of milliseconds > 0",
    );
    expect(() => newRouter({ venueTimeoutMs: Number.NaN })).toThrow("venueTimeoutMs");
    expect(() => newRouter({ breaker: { failureThreshold: 0, openMs: 1_000 } })).toThrow(
      "breaker.failureThreshold",
    );
    expect(() => newRouter({ breaker: { failureThreshold: 3, openMs: -5 } })).toThrow("breaker.openMs");
    expect(() => newRouter({ statistics: { fillRateAlpha: 0, latencyWindow: 10 } })).toThrow(
      "statistics.fillRateAlpha",
    );
    expect(() => newRouter({ statistics: { fillRateAlpha: 0.1, latencyWindow: 2.5 } })).toThrow(
      "statistics.latencyWindow",
    );
    const smallest = { venueTimeoutMs: 0.5, quoteTtlMs: 999 };
    const breaker = { failureThreshold: 1, openMs: 1 };
    const statistics = { fillRateAlpha: 1, latencyWindow: 1 };
    expect(newRouter({ ...smallest, breaker, statistics })).toBeInstanceOf(SmartOrderRouter);
  });
});
