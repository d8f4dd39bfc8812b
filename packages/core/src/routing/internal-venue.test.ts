import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MatchingEngine, type OrderOutcome } from "../matching/index";
import { InternalVenue } from "./internal-venue";
import { T0, d, fees, newId, newRouter, request, resetIds, routed, timeoutTimer } from "./test-venues";
import { StubVenue, quoteOf } from "./test-venues";

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  resetIds();
});
afterEach(() => {
  vi.useRealTimers();
});

const SELLER = "ca201000-0000-4000-8000-000000000003";

function internalBook(onOutcome?: (outcome: OrderOutcome) => void) {
  const engine = new MatchingEngine({ venueId: "NEXUS-INTERNAL", now: () => Date.now(), newId });
  engine.submit({
    orderId: "0fde0000-0000-4000-8000-000000000001",
    userId: SELLER,
    symbol: "AAPL",
    side: "sell",
    orderType: "limit",
    price: d("100.01"),
    quantity: d(60),
    timeInForce: "day",
  });
  return { engine, venue: new InternalVenue({ engine, now: () => Date.now(), onOutcome }) };
}

const order = (overrides = {}) => ({
  orderId: "0fde0000-0000-4000-8000-0000000000a1",
  userId: "b0b00000-0000-4000-8000-000000000002",
  symbol: "AAPL",
  side: "buy" as const,
  quantity: d(100),
  orderType: "limit" as const,
  limitPrice: d("100.02"),
  timeInForce: "ioc" as const,
  ...overrides,
});

describe("InternalVenue", () => {
  it("quotes its book undisplayed, with depth", async () => {
    const { venue } = internalBook();
    const quote = await venue.getQuote("AAPL");
    expect(quote).toEqual({
      venueId: "NEXUS-INTERNAL",
      symbol: "AAPL",
      bids: [],
      asks: [{ price: d("100.01"), quantity: d(60) }],
      displayed: false,
      timestamp: T0,
    });
    expect(venue.venueType).toBe("internal");
    expect(venue.feeSchedule.takerFeePerShare.toFixed()).toBe("0");
  });

  it("executes an IOC against the book and reports the fills and the cancelled rest", async () => {
    const outcomes: OrderOutcome[] = [];
    const { venue } = internalBook((o) => outcomes.push(o));
    const report = await venue.submitOrder(order());
    expect(report.status).toBe("cancelled");
    expect(report.filledQuantity.toFixed()).toBe("60");
    expect(report.openQuantity.toFixed()).toBe("0");
    expect(report.averagePrice?.toFixed()).toBe("100.01");
    expect(report.fills).toEqual([
      { price: d("100.01"), quantity: d(60), feePerShare: d(0), liquidity: "removed" },
    ]);
    expect(report.fee.toFixed()).toBe("0");
    expect(outcomes[0]?.trades[0]?.venue_id).toBe("NEXUS-INTERNAL");
    expect(venue.getStats()).toMatchObject({ ordersReceived: 1, ordersFilled: 0, sharesExecuted: d(60) });
  });

  it("counts full fills and rejects, and cancels resting orders", async () => {
    const { venue } = internalBook();
    const filled = await venue.submitOrder(order({ quantity: d(10) }));
    expect(filled.status).toBe("filled");
    const rejected = await venue.submitOrder(
      order({ orderId: "0fde0000-0000-4000-8000-0000000000a2", limitPrice: d("100.005") }),
    );
    expect(rejected.status).toBe("rejected");
    expect(rejected.rejectReason).toMatch(/tick/);
    const resting = await venue.submitOrder(
      order({ orderId: "0fde0000-0000-4000-8000-0000000000a3", limitPrice: d("99.00"), timeInForce: "day" }),
    );
    expect(resting.status).toBe("resting");
    expect(await venue.cancelOrder("0fde0000-0000-4000-8000-0000000000a3")).toEqual({
      venueId: "NEXUS-INTERNAL",
      orderId: "0fde0000-0000-4000-8000-0000000000a3",
      cancelled: true,
      reason: undefined,
    });
    const again = await venue.cancelOrder("0fde0000-0000-4000-8000-0000000000a3");
    expect(again.cancelled).toBe(false);
    expect(again.reason).toBeDefined();
    expect(venue.getStats()).toMatchObject({
      ordersReceived: 3,
      ordersFilled: 1,
      ordersRejected: 1,
      cancels: 1,
    });
  });

  it("internalizes through the router first and sends the rest out", async () => {
    const { venue } = internalBook();
    const router = newRouter();
    router.registerVenue(venue);
    const exchange = new StubVenue("NYSE", "exchange", fees("0.003"), timeoutTimer);
    exchange.behaviour = { kind: "fill", price: "100.02" };
    router.registerVenue(exchange);
    router.onQuote(quoteOf("NYSE", { bids: [["100.00", 500]], asks: [["100.02", 500]] }));
    await router.refreshQuotes("AAPL");
    const pending = router.routeAndExecute(request({ strategy: "internalize", limitPrice: d("100.02") }));
    await vi.runAllTimersAsync();
    const result = await pending;
    expect(routed(result.decision).venueId).toBe("NEXUS-INTERNAL");
    expect(result.executions.map((e) => [e.venueId, e.executedQuantity.toFixed(), e.quality])).toEqual([
      ["NEXUS-INTERNAL", "60", "good"],
      ["NYSE", "40", "neutral"],
    ]);
    expect(result.averagePrice?.toFixed()).toBe("100.014");
  });
});
