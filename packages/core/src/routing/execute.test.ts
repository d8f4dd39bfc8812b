import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ExecutionResult } from "./decision";
import { routingDecisionEventSchema, routingExecutionEventSchema } from "../events/index";
import { toRoutingDecisionEvent, toRoutingExecutionEvent } from "./routing-events";
import type { SmartOrderRouter } from "./router";
import {
  T0,
  addVenue,
  d,
  newRouter,
  quoteOf,
  request,
  resetIds,
  routed,
  type QuoteSpec,
} from "./test-venues";
import type { RouteRequest } from "./request";

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  resetIds();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Re-stamps the venues' quotes at the current fake time, as a live market-data feed would. */
let requote = (): void => undefined;

/** Runs routeAndExecute to completion on fake time, on fresh quotes. */
async function execute(router: SmartOrderRouter, order: RouteRequest = request()): Promise<ExecutionResult> {
  requote();
  const pending = router.routeAndExecute(order);
  await vi.runAllTimersAsync();
  return pending;
}

/** PRIMARY ranks first (cheapest), BACKUP second, both quoting 100.00 x 100.02; 50 ms venue timeout. */
function twoVenues(breaker = { failureThreshold: 2, openMs: 1_000 }) {
  const router = newRouter({ venueTimeoutMs: 50, breaker });
  const primary = addVenue(router, {
    id: "PRIMARY",
    fee: "-0.001",
    bids: [["100.00", 500]],
    asks: [["100.02", 500]],
  });
  const backup = addVenue(router, {
    id: "BACKUP",
    fee: "0.003",
    bids: [["100.00", 500]],
    asks: [["100.02", 500]],
  });
  primary.behaviour = { kind: "fill", price: "100.01" };
  backup.behaviour = { kind: "fill", price: "100.02" };
  requote = () => {
    for (const id of ["PRIMARY", "BACKUP"]) {
      router.onQuote(
        quoteOf(id, { bids: [["100.00", 500]], asks: [["100.02", 500]], timestamp: Date.now() }),
      );
    }
  };
  return { router, primary, backup };
}

const cheapest = request({ strategy: "lowest_cost" });

describe("routeAndExecute", () => {
  it("executes at the selected venue and rates the price improvement", async () => {
    const { router, primary } = twoVenues();
    const result = await execute(router);
    expect(routed(result.decision).venueId).toBe("PRIMARY");
    expect(result.attempts.map((a) => [a.venueId, a.outcome, a.latencyMs])).toEqual([
      ["PRIMARY", "executed", 2],
    ]);
    const [execution] = result.executions;
    expect(execution?.executedPrice?.toFixed()).toBe("100.01");
    expect(execution?.priceImprovementPerShare.toFixed()).toBe("0.01");
    expect(execution?.priceImprovement.toFixed()).toBe("1");
    expect(execution?.quality).toBe("good");
    expect(execution?.fee.toFixed()).toBe("-0.1");
    expect(result.filledQuantity.toFixed()).toBe("100");
    expect(result.averagePrice?.toFixed()).toBe("100.01");
    expect(primary.getStats().ordersReceived).toBe(1);
    // The child order is limited to the deepest level the decision counted on: it cannot trade through.
    expect(primary.orders[0]).toMatchObject({
      quantity: d(100),
      orderType: "limit",
      limitPrice: d("100.02"),
      timeInForce: "ioc",
    });
  });

  it("fails over to the next-ranked venue when the primary times out, and cancels the lost order", async () => {
    const { router, primary } = twoVenues();
    primary.behaviour = { kind: "timeout" };
    const result = await execute(router, request({ limitPrice: d("100.05") }));
    expect(result.attempts.map((a) => [a.venueId, a.outcome, a.latencyMs, a.detail])).toEqual([
      ["PRIMARY", "timeout", 50, "no answer within 50 ms"],
      ["BACKUP", "executed", 2, "100 of 100 filled"],
    ]);
    expect(result.failovers).toBe(1);
    expect(primary.cancels).toEqual([result.attempts[0]?.childOrderId]);
    expect(primary.orders[0]).toMatchObject({ orderType: "limit", limitPrice: d("100.02") });
    expect(result.executions.map((e) => e.venueId)).toEqual(["BACKUP"]);
    const statistics = router.getVenueStatistics()[0];
    expect(statistics?.timeouts).toBe(1);
    expect(statistics?.successRate).toBe(0);
  });

  it("fails over on rejects and errors too, and a lost cancel does not break the call", async () => {
    const { router, primary, backup } = twoVenues({ failureThreshold: 5, openMs: 1_000 });
    primary.behaviour = { kind: "reject", reason: "halted" };
    let result = await execute(router);
    expect(result.attempts.map((a) => [a.outcome, a.detail])).toEqual([
      ["rejected", "halted"],
      ["executed", "100 of 100 filled"],
    ]);
    primary.behaviour = { kind: "reject" };
    backup.behaviour = { kind: "error" };
    result = await execute(router);
    expect(result.attempts.map((a) => [a.outcome, a.detail])).toEqual([
      ["rejected", "rejected"],
      ["error", "Error: BACKUP connection reset"],
    ]);
    expect(result.filledQuantity.toFixed()).toBe("0");
    expect(result.averagePrice).toBeNull();
    primary.behaviour = { kind: "timeout" };
    primary.failCancels = true;
    backup.behaviour = { kind: "fill", price: "100.02" };
    result = await execute(router);
    expect(result.attempts.map((a) => a.outcome)).toEqual(["timeout", "executed"]);
  });

  it("sends what a partial or missed fill leaves to the next venue", async () => {
    const { router, primary, backup } = twoVenues();
    primary.behaviour = { kind: "fill", price: "100.01", fillRatio: 0.3 };
    const partial = await execute(router);
    expect(partial.executions.map((e) => [e.venueId, e.executedQuantity.toFixed()])).toEqual([
      ["PRIMARY", "30"],
      ["BACKUP", "70"],
    ]);
    expect(backup.orders[0]?.quantity.toFixed()).toBe("70");
    expect(partial.averagePrice?.toFixed()).toBe("100.017");
    expect(partial.executions[1]?.quality).toBe("neutral");
    primary.behaviour = { kind: "fill", price: "100.01", fillRatio: 0 };
    backup.behaviour = { kind: "fill", price: "100.02", fillRatio: 0 };
    const missed = await execute(router);
    expect(missed.attempts.map((a) => a.outcome)).toEqual(["unfilled", "unfilled"]);
    expect(missed.failovers).toBe(0);
    expect(missed.unfilledQuantity.toFixed()).toBe("100");
    expect(missed.executions[0]?.executedPrice).toBeNull();
    expect(missed.executions[0]?.quality).toBe("neutral");
    const stats = router.getRoutingStats();
    expect(stats.executions).toBe(4);
    expect(stats.sharesFilled.toFixed()).toBe("100");
    expect(stats.fillRate).toBe(0.5);
  });

  it("re-ranks after every leg, so the next price level gets what the better protected quotes left", async () => {
    // Buy 500 with lowest_cost. MM (a wholesaler, undisplayed) offers 10.00 x 500 without fee: 10.00 all-in,
    // first. NYSE offers 10.00 x 300 + 0.003 = 10.003. ARCA offers 10.01 x 2,000 but would trade through
    // NYSE's protected 10.00 (Rule 611), so the first ranking is MM, NYSE.
    // MM times out; NYSE's IOC at 10.00 fills 300 of 500, so nothing is left at 10.00 there. Ranked again for
    // the other 200, ARCA trades through nothing: 200 at 10.01. Filled 300 + 200 = 500 at
    // (300 x 10.00 + 200 x 10.01) / 500 = 5,002 / 500 = 10.004.
    const router = newRouter({ venueTimeoutMs: 50 });
    const mm = addVenue(router, { id: "MM", type: "market_maker", fee: "0", asks: [["10.00", 500]] });
    const nyse = addVenue(router, { id: "NYSE", asks: [["10.00", 300]] });
    const arca = addVenue(router, { id: "ARCA", asks: [["10.01", 2_000]] });
    requote = () => undefined;
    mm.behaviour = { kind: "timeout" };
    nyse.behaviour = { kind: "fill", price: "10.00", fillRatio: 0.6 };
    arca.behaviour = { kind: "fill", price: "10.01" };
    const result = await execute(router, request({ strategy: "lowest_cost", quantity: d(500) }));
    expect(routed(result.decision).excluded).toContainEqual({
      venueId: "ARCA",
      reason: "trade_through",
      detail: "would trade through the protected quote 10",
    });
    expect(result.attempts.map((a) => [a.venueId, a.outcome, a.detail])).toEqual([
      ["MM", "timeout", "no answer within 50 ms"],
      ["NYSE", "executed", "300 of 500 filled"],
      ["ARCA", "executed", "200 of 200 filled"],
    ]);
    expect(arca.orders[0]).toMatchObject({ quantity: d(200), limitPrice: d("10.01") });
    expect(result.filledQuantity.toFixed()).toBe("500");
    expect(result.averagePrice?.toFixed()).toBe("10.004");
  });

  it("keeps a quote that arrives while the order is out: the venue's word beats the router's estimate", async () => {
    // NYSE offers 10.00 x 300, ARCA 10.01 x 2,000. NYSE fills 300 of 500 and, while its answer travels,
    // quotes 10.00 x 1,000 afresh. That quote stands (not 1,000 - 300 = 700): ARCA's 10.01 would trade
    // through it, and NYSE has had its child order, so 200 stay unfilled.
    const router = newRouter({ venueTimeoutMs: 50 });
    const nyse = addVenue(router, { id: "NYSE", asks: [["10.00", 300]] });
    addVenue(router, { id: "ARCA", asks: [["10.01", 2_000]] });
    nyse.behaviour = { kind: "fill", price: "10.00", fillRatio: 0.6 };
    const pending = router.routeAndExecute(request({ strategy: "lowest_cost", quantity: d(500) }));
    router.onQuote(quoteOf("NYSE", { asks: [["10.00", 1_000]], timestamp: T0 + 1 }));
    await vi.runAllTimersAsync();
    const result = await pending;
    expect(result.attempts.map((a) => [a.venueId, a.detail])).toEqual([["NYSE", "300 of 500 filled"]]);
    expect(result.unfilledQuantity.toFixed()).toBe("200");
    expect(router.nbbo("AAPL").ask).toEqual({ price: d("10.00"), quantity: d(1_000), venueIds: ["NYSE"] });
  });

  it("takes concurrent orders' fills at one venue off its cached quote, each of them", async () => {
    // NYSE offers 10.00 x 300, ARCA 10.01 x 1,000. Two buys of 200 go to NYSE at once and both fill: the
    // cached offer goes 300 - 200 = 100, then 100 - min(200, 100) = 0. A third buy of 100 then finds
    // nothing left at 10.00, so ARCA's 10.01 no longer trades through anything.
    const router = newRouter();
    const nyse = addVenue(router, { id: "NYSE", asks: [["10.00", 300]] });
    addVenue(router, { id: "ARCA", asks: [["10.01", 1_000]] });
    nyse.behaviour = { kind: "fill", price: "10.00" };
    const buy = request({ strategy: "lowest_cost", quantity: d(200) });
    const both = Promise.all([router.routeAndExecute(buy), router.routeAndExecute(buy)]);
    await vi.runAllTimersAsync();
    expect((await both).map((r) => r.executions.map((e) => e.venueId))).toEqual([["NYSE"], ["NYSE"]]);
    expect(router.nbbo("AAPL").ask?.venueIds).toEqual(["ARCA"]);
    expect(routed(router.routeOrder(request({ quantity: d(100) }))).venueId).toBe("ARCA");
  });

  it("opens the breaker after repeated timeouts, probes when half-open, and closes on success", async () => {
    // lowest_cost ignores learned fill rates, so only the breaker keeps the primary away.
    const { router, primary } = twoVenues();
    primary.behaviour = { kind: "timeout" };
    await execute(router, cheapest);
    await execute(router, cheapest);
    // Open: the primary is left out of the ranking entirely.
    const whileOpen = await execute(router, cheapest);
    expect(routed(whileOpen.decision).excluded).toContainEqual({
      venueId: "PRIMARY",
      reason: "circuit_open",
      detail: "circuit breaker open",
    });
    expect(whileOpen.attempts.map((a) => a.venueId)).toEqual(["BACKUP"]);
    // Open -> half-open after openMs: one probe; it fails, so open again.
    vi.setSystemTime(Date.now() + 1_000);
    const failedProbe = await execute(router, cheapest);
    expect(failedProbe.attempts.map((a) => [a.venueId, a.outcome])).toEqual([
      ["PRIMARY", "timeout"],
      ["BACKUP", "executed"],
    ]);
    expect(routed((await execute(router, cheapest)).decision).venueId).toBe("BACKUP");
    // Next probe succeeds: closed again, primary routed to as before.
    vi.setSystemTime(Date.now() + 1_000);
    primary.behaviour = { kind: "fill", price: "100.01" };
    expect((await execute(router, cheapest)).attempts.map((a) => a.outcome)).toEqual(["executed"]);
    expect((await execute(router, cheapest)).attempts.map((a) => a.venueId)).toEqual(["PRIMARY"]);
  });

  it("lets only one concurrent order probe a half-open venue; the other leaves it out", async () => {
    const router = newRouter({ venueTimeoutMs: 50, breaker: { failureThreshold: 1, openMs: 1_000 } });
    const quote: QuoteSpec = { bids: [["100.00", 500]], asks: [["100.02", 500]] };
    const cheap = addVenue(router, { id: "CHEAP", fee: "-0.003", latencyMs: 40, ...quote });
    const probed = addVenue(router, { id: "PROBED", fee: "0", latencyMs: 1, ...quote });
    requote = () => {
      for (const id of ["CHEAP", "PROBED"]) router.onQuote(quoteOf(id, { ...quote, timestamp: Date.now() }));
    };
    cheap.behaviour = { kind: "timeout" };
    probed.behaviour = { kind: "timeout" };
    const fastest = request({ strategy: "fastest", constraints: { excludedVenues: ["CHEAP"] } });
    await execute(router, fastest);
    vi.setSystemTime(Date.now() + 1_000);
    requote();
    // First order: CHEAP, which times out at 50 ms. Second order: PROBED, claiming the probe. Ranked again
    // after CHEAP, the first order finds PROBED's probe still out and sends it nothing.
    const first = router.routeAndExecute(cheapest);
    const second = router.routeAndExecute(fastest);
    await vi.runAllTimersAsync();
    expect((await first).attempts.map((a) => [a.venueId, a.outcome])).toEqual([["CHEAP", "timeout"]]);
    expect((await first).unfilledQuantity.toFixed()).toBe("100");
    expect((await second).attempts.map((a) => [a.venueId, a.outcome])).toEqual([["PROBED", "timeout"]]);
    expect(probed.orders).toHaveLength(2);
  });

  it("sends a dark pool a pegged order, or the order's own limit", async () => {
    const { router } = twoVenues();
    const dark = addVenue(router, { id: "DARK", type: "dark_pool", fee: "0.001" });
    dark.behaviour = { kind: "fill", price: "100.01" };
    const onlyDark = { excludedVenues: ["PRIMARY", "BACKUP"] };
    const pegged = await execute(router, request({ constraints: onlyDark }));
    expect(pegged.executions[0]?.quality).toBe("good");
    expect(dark.orders[0]).toMatchObject({ orderType: "market", limitPrice: null });
    await execute(router, request({ constraints: onlyDark, limitPrice: d("100.01") }));
    expect(dark.orders[1]).toMatchObject({ orderType: "limit", limitPrice: d("100.01") });
  });

  it("returns the refusal and sends nothing when no venue qualifies", async () => {
    const { router, primary } = twoVenues();
    const result = await execute(router, request({ limitPrice: d("99") }));
    expect(result.decision.kind).toBe("refused");
    expect(result.attempts).toEqual([]);
    expect(primary.orders).toEqual([]);
  });
});

describe("contract events", () => {
  it("maps a decision and its executions to schema-valid routing events", async () => {
    const { router, primary } = twoVenues();
    primary.behaviour = { kind: "fill", price: "100.0100000000001", fillRatio: 0.5 };
    const result = await execute(router);
    const decision = routed(result.decision);
    const decisionEvent = toRoutingDecisionEvent(decision, {
      eventId: "7b0a3f64-8d1e-4c55-9a0e-1f2d3c4b5a69",
    });
    expect(routingDecisionEventSchema.parse(decisionEvent)).toEqual(decisionEvent);
    expect(decisionEvent).toMatchObject({
      selected_venue_id: "PRIMARY",
      quantity: "100",
      strategy: "smart",
      occurred_at: "2026-11-24T14:30:00.000Z",
    });
    expect(decisionEvent.alternatives).toEqual([
      {
        venue_id: "BACKUP",
        expected_price: "100.02",
        expected_fill_rate: 0.9,
        reason: expect.stringContaining("all-in 100.023"),
      },
    ]);
    const [first, second] = result.executions.map((e) =>
      toRoutingExecutionEvent(e, { eventId: "1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d" }),
    );
    expect(routingExecutionEventSchema.parse(first)).toEqual(first);
    expect(first).toMatchObject({
      executed_price: "100.01",
      executed_quantity: "50",
      fee: "-0.05",
      execution_quality: "good",
    });
    expect(second).toMatchObject({
      venue_id: "BACKUP",
      execution_quality: "neutral",
      price_improvement: "0",
    });
    primary.behaviour = { kind: "fill", price: "100.01", fillRatio: 0 };
    const none = toRoutingExecutionEvent((await execute(router)).executions[0] ?? fail(), {
      eventId: "1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
    });
    expect(none.executed_price).toBeNull();
    expect(routingExecutionEventSchema.parse(none)).toEqual(none);
  });
});

function fail(): never {
  throw new Error("missing execution");
}
