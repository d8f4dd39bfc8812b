import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SplitPlan } from "./decision";
import { T0, addVenue, d, newRouter, request, resetIds } from "./test-venues";

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  resetIds();
});
afterEach(() => {
  vi.useRealTimers();
});

const venueArbitrary = fc.record({
  displayed: fc.boolean(),
  /** Fee in units of 0.0005 from -0.003 to +0.003. */
  feeSteps: fc.integer({ min: -6, max: 6 }),
  /** Ask levels as (cents above 10.00, round lots); deduplicated and sorted into a book below. */
  levels: fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 10 })), {
    minLength: 1,
    maxLength: 4,
  }),
});

const marketArbitrary = fc.record({
  venues: fc.array(venueArbitrary, { minLength: 1, maxLength: 6 }),
  quantity: fc.integer({ min: 1, max: 5_000 }),
  maxVenues: fc.integer({ min: 1, max: 6 }),
});

type Market = typeof marketArbitrary extends fc.Arbitrary<infer T> ? T : never;

function book(levels: [number, number][]): [string, number][] {
  const byCents = new Map<number, number>();
  for (const [cents, lots] of levels) byCents.set(cents, (byCents.get(cents) ?? 0) + lots * 100);
  return [...byCents]
    .sort((a, b) => a[0] - b[0])
    .map(([cents, shares]) => [(10 + cents / 100).toFixed(2), shares]);
}

function split(market: Market, maxVenues: number, only?: number): SplitPlan {
  const router = newRouter();
  market.venues.forEach((venue, index) => {
    addVenue(router, {
      id: `V${index}`,
      type: venue.displayed ? "exchange" : "market_maker",
      fee: (venue.feeSteps * 0.0005).toFixed(4),
      asks: book(venue.levels),
    });
  });
  const others = market.venues
    .map((_, index) => `V${index}`)
    .filter((_, index) => only !== undefined && index !== only);
  const outcome = router.splitOrder(
    request({ quantity: d(market.quantity), constraints: { excludedVenues: others } }),
    maxVenues,
  );
  if (outcome.kind !== "split") throw new Error(outcome.reason);
  return outcome;
}

describe("splitOrder properties", () => {
  it("allocates whole shares to at most maxVenues venues, and routed + remainder = the order", () => {
    fc.assert(
      fc.property(marketArbitrary, (market) => {
        const plan = split(market, market.maxVenues);
        expect(plan.allocations.length).toBeLessThanOrEqual(market.maxVenues);
        for (const allocation of plan.allocations)
          expect(allocation.quantity.isInteger() && allocation.quantity.gt(0)).toBe(true);
        const allocated = plan.allocations.reduce((sum, a) => sum.plus(a.quantity), d(0));
        expect(allocated.eq(plan.routedQuantity)).toBe(true);
        expect(plan.routedQuantity.plus(plan.remainder.quantity).eq(market.quantity)).toBe(true);
      }),
    );
  });

  it("never trades through: every displayed level better than the worst price taken is used up", () => {
    fc.assert(
      fc.property(marketArbitrary, (market) => {
        const plan = split(market, market.maxVenues);
        const worst = plan.allocations.reduce((max, a) => (a.limitPrice.gt(max) ? a.limitPrice : max), d(0));
        market.venues.forEach((venue, index) => {
          if (!venue.displayed) return;
          const taken = plan.allocations.find((a) => a.venueId === `V${index}`)?.quantity ?? d(0);
          let depth = 0;
          for (const [price, shares] of book(venue.levels)) {
            if (!d(price).lt(worst)) break;
            depth += shares;
            expect(taken.gte(depth)).toBe(true);
          }
        });
      }),
    );
  });

  it("is never worse than the best single venue: fills at least as much, and then costs no more", () => {
    fc.assert(
      fc.property(marketArbitrary, (market) => {
        const plan = split(market, market.maxVenues);
        market.venues.forEach((_, index) => {
          const single = split(market, 1, index);
          expect(plan.routedQuantity.gte(single.routedQuantity)).toBe(true);
          if (plan.routedQuantity.eq(single.routedQuantity) && !single.routedQuantity.isZero()) {
            expect(plan.averageAllInPrice?.lte(single.averageAllInPrice ?? 0)).toBe(true);
          }
        });
      }),
      { numRuns: 60 },
    );
  });
});
