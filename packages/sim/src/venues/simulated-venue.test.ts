import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Decimal } from "@nexus/core/money";
import { ACCESS_FEE_CAP_2024, SmartOrderRouter, type Timer, type VenueOrder } from "@nexus/core/routing";
import { SeededRandom } from "../random";
import { sampleLatencyMs } from "./latency";
import { createSimulatedVenue, type SimulatedVenueOptions } from "./simulated-venue";
import { createVenueSet } from "./venue-set";

const T0 = Date.parse("2026-11-24T14:30:00Z");
const timer: Timer = {
  after(ms, callback) {
    const handle = setTimeout(callback, ms);
    return () => clearTimeout(handle);
  },
};
const d = (value: string | number) => new Decimal(value);

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

function venue(options: Partial<SimulatedVenueOptions> = {}) {
  const simulated = createSimulatedVenue({
    venueId: "SIM",
    venueType: "exchange",
    seed: 42,
    now: () => Date.now(),
    timer,
    ...options,
  });
  simulated.setReferencePrice("AAPL", d("189.25"));
  return simulated;
}

const order = (overrides: Partial<VenueOrder> = {}): VenueOrder => ({
  orderId: "0fde0000-0000-4000-8000-0000000000a1",
  userId: "b0b00000-0000-4000-8000-000000000002",
  symbol: "AAPL",
  side: "buy",
  quantity: d(100),
  orderType: "market",
  limitPrice: null,
  timeInForce: "ioc",
  ...overrides,
});

/** Submits and lets fake time run until the venue answers. */
async function submit(simulated: ReturnType<typeof venue>, o: VenueOrder = order()) {
  const pending = simulated.submitOrder(o);
  const settled = pending.then(
    (report) => ({ report, error: undefined }),
    (error: unknown) => ({ report: undefined, error }),
  );
  await vi.runAllTimersAsync();
  return settled;
}

describe("simulated quotes", () => {
  it("an exchange displays a seeded book one tick apart around the reference", async () => {
    const quote = await venue().getQuote("AAPL");
    expect(quote?.displayed).toBe(true);
    expect(quote?.timestamp).toBe(T0);
    expect(quote?.bids.map((l) => l.price.toFixed())).toEqual([
      "189.24",
      "189.23",
      "189.22",
      "189.21",
      "189.2",
    ]);
    expect(quote?.asks.map((l) => l.price.toFixed())).toEqual([
      "189.26",
      "189.27",
      "189.28",
      "189.29",
      "189.3",
    ]);
    for (const level of [...(quote?.bids ?? []), ...(quote?.asks ?? [])]) {
      expect(level.quantity.mod(100).isZero() && level.quantity.gte(100) && level.quantity.lte(1500)).toBe(
        true,
      );
    }
    expect(venue().quoteNow("AAPL")).toEqual(venue().quoteNow("AAPL"));
    expect(venue({ seed: 43 }).quoteNow("AAPL")).not.toEqual(venue().quoteNow("AAPL"));
    expect(venue().quoteNow("MSFT")).toBeUndefined();
  });

  it("a market maker quotes inside the spread, undisplayed; a dark pool shows nothing", () => {
    const mm = venue({ venueType: "market_maker" }).quoteNow("AAPL");
    expect(mm?.displayed).toBe(false);
    expect(mm?.asks.map((l) => l.price.toFixed())).toEqual(["189.259"]);
    expect(mm?.bids.map((l) => l.price.toFixed())).toEqual(["189.241"]);
    const dark = venue({ venueType: "dark_pool" }).quoteNow("AAPL");
    expect(dark).toMatchObject({ displayed: false, bids: [], asks: [] });
  });
});

describe("fee schedules", () => {
  it("maker-taker by default, taker fee capped by the Rule 610(c) cap given", () => {
    const fees = venue().feeSchedule;
    expect([fees.model, fees.takerFeePerShare.toFixed(), fees.makerFeePerShare.toFixed()]).toEqual([
      "maker_taker",
      "0.003",
      "-0.002",
    ]);
    const capped = venue({ accessFeeCap: ACCESS_FEE_CAP_2024 }).feeSchedule;
    expect(capped.accessFeeCap).toBe(ACCESS_FEE_CAP_2024);
  });

  it("inverted venues pay the taker; ATSs and dark pools charge flat; wholesalers nothing", () => {
    expect(venue({ feeModel: "inverted" }).feeSchedule.takerFeePerShare.toFixed()).toBe("-0.0005");
    expect(venue({ venueType: "ats" }).feeSchedule.takerFeePerShare.toFixed()).toBe("0.001");
    expect(venue({ venueType: "dark_pool" }).feeSchedule.model).toBe("flat");
    expect(venue({ venueType: "market_maker" }).feeSchedule.takerFeePerShare.toFixed()).toBe("0");
    const custom = venue({ feeSchedule: { ...venue().feeSchedule, takerFeePerShare: d("0.0025") } });
    expect(custom.feeSchedule.takerFeePerShare.toFixed()).toBe("0.0025");
  });
});

describe("simulated orders", () => {
  it("takes quoted levels within the limit after a sampled latency, charging the capped taker fee", async () => {
    const simulated = venue({ accessFeeCap: ACCESS_FEE_CAP_2024, profile: { fillProbability: 1 } });
    const pending = simulated.submitOrder(
      order({ quantity: d(100_000), orderType: "limit", limitPrice: d("189.27") }),
    );
    let answered = false;
    void pending.then(() => (answered = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(answered).toBe(false);
    await vi.runAllTimersAsync();
    const report = await pending;
    expect(report.status).toBe("partially_filled");
    expect(report.fills.map((f) => f.price.toFixed())).toEqual(["189.26", "189.27"]);
    expect(report.fills.every((f) => f.feePerShare.toFixed() === "0.001" && f.liquidity === "removed")).toBe(
      true,
    );
    expect(report.fee.toFixed()).toBe(report.filledQuantity.times("0.001").toFixed());
    expect(report.openQuantity.toFixed()).toBe("0");
    expect(Date.now()).toBeGreaterThan(T0);
  });

  it("fills a small sale completely at the bid; a faded quote fills nothing", async () => {
    const filled = await submit(
      venue({ profile: { fillProbability: 1 } }),
      order({ side: "sell", quantity: d(100) }),
    );
    expect(filled.report?.status).toBe("filled");
    expect(filled.report?.averagePrice?.toFixed()).toBe("189.24");
    const faded = await submit(venue({ profile: { fillProbability: 0 } }));
    expect(faded.report?.status).toBe("cancelled");
    expect(faded.report?.averagePrice).toBeNull();
  });

  it("a dark pool crosses hidden size at the midpoint", async () => {
    const dark = venue({
      venueType: "dark_pool",
      profile: { fillProbability: 1, minLevelShares: 300, maxLevelShares: 300 },
    });
    const { report } = await submit(dark, order({ quantity: d(1_000) }));
    expect(report?.fills.map((f) => [f.price.toFixed(), f.quantity.toFixed()])).toEqual([["189.25", "300"]]);
    expect(report?.fee.toFixed()).toBe("0.3");
  });

  it("a day order's remainder rests and can be cancelled once", async () => {
    const simulated = venue({ profile: { fillProbability: 0 } });
    const { report } = await submit(
      simulated,
      order({ timeInForce: "day", orderType: "limit", limitPrice: d("189.00") }),
    );
    expect(report?.status).toBe("resting");
    expect(report?.openQuantity.toFixed()).toBe("100");
    expect(await simulated.cancelOrder(order().orderId)).toEqual({
      venueId: "SIM",
      orderId: order().orderId,
      cancelled: true,
    });
    expect((await simulated.cancelOrder(order().orderId)).reason).toBe("no open order with that id");
    expect(simulated.getStats()).toMatchObject({ ordersReceived: 1, cancels: 1, ordersFilled: 0 });
  });
});

describe("fault injection", () => {
  it("times out by never answering, rejects, and refuses everything during an outage", async () => {
    const busy = await submit(venue({ faults: { timeoutRate: 0, rejectRate: 1, outages: [] } }));
    expect(busy.report).toMatchObject({
      status: "rejected",
      rejectReason: "venue busy: order rate limit exceeded",
    });
    const down = venue({
      faults: { timeoutRate: 0, rejectRate: 0, outages: [{ from: T0 + 60_000, to: T0 + 120_000 }] },
    });
    expect((await submit(down)).error).toBeUndefined();
    vi.setSystemTime(T0 + 60_000);
    expect(String((await submit(down)).error)).toBe("Error: SIM is down");
    await expect(down.getQuote("AAPL")).rejects.toThrow("SIM is down");
    vi.setSystemTime(T0 + 120_000);
    expect((await submit(down)).report?.venueId).toBe("SIM");
    const silent = venue({ faults: { timeoutRate: 1, rejectRate: 0, outages: [] } });
    let answered = false;
    void silent.submitOrder(order()).then(() => (answered = true));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(answered).toBe(false);
  });

  it("rejects an order for a symbol it has no market in", async () => {
    const simulated = venue();
    const { report } = await submit(simulated, order({ symbol: "MSFT" }));
    expect(report).toMatchObject({ status: "rejected", rejectReason: "unknown symbol MSFT" });
    expect(simulated.getStats().ordersRejected).toBe(1);
  });
});

describe("latency", () => {
  it("is log-normal around the median", () => {
    const random = new SeededRandom(1);
    const samples = Array.from({ length: 2_001 }, () =>
      sampleLatencyMs(random, { medianMs: 2, sigma: 0.5 }),
    ).sort((a, b) => a - b);
    expect(samples[1_000]).toBeGreaterThan(1.8);
    expect(samples[1_000]).toBeLessThan(2.2);
    expect(samples[0]).toBeGreaterThan(0);
  });
});

describe("with the router", () => {
  async function run(seed: number) {
    let id = 0;
    const router = new SmartOrderRouter({
      now: () => Date.now(),
      newId: () => `00000000-0000-4000-8000-${String((id += 1)).padStart(12, "0")}`,
      timer,
      venueTimeoutMs: 50,
    });
    const venues = [
      venue({ venueId: "EXCH", seed }),
      venue({ venueId: "INV", feeModel: "inverted", seed: seed + 1 }),
      venue({ venueId: "DARK", venueType: "dark_pool", seed: seed + 2 }),
      venue({
        venueId: "MM",
        venueType: "market_maker",
        seed: seed + 3,
        faults: { timeoutRate: 0.5, rejectRate: 0.2, outages: [] },
      }),
    ];
    for (const v of venues) router.registerVenue(v, v.priors);
    const fills: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      await router.refreshQuotes("AAPL");
      const pending = router.routeAndExecute({
        orderId: `0fde0000-0000-4000-8000-${String(i).padStart(12, "0")}`,
        userId: "b0b00000-0000-4000-8000-000000000002",
        symbol: "AAPL",
        side: i % 2 === 0 ? "buy" : "sell",
        quantity: d(300),
        strategy: "smart",
      });
      await vi.runAllTimersAsync();
      const result = await pending;
      fills.push(result.attempts.map((a) => `${a.venueId}:${a.outcome}`).join(","));
    }
    return { fills, stats: router.getRoutingStats() };
  }

  it("routes deterministically for a seed, failing over around the faulty venue", async () => {
    const first = await run(7);
    vi.setSystemTime(T0);
    const second = await run(7);
    expect(second.fills).toEqual(first.fills);
    expect(first.stats.sharesFilled.gt(0)).toBe(true);
    expect(first.fills.join(" ")).toMatch(/MM:(timeout|rejected)/);
  });
});

describe("createVenueSet", () => {
  it("builds the six-venue line-up on the given cap, each venue its own stream", () => {
    const venues = createVenueSet({
      seed: 1,
      now: () => Date.now(),
      timer,
      accessFeeCap: ACCESS_FEE_CAP_2024,
    });
    expect(venues.map((v) => [v.venueId, v.venueType, v.feeSchedule.model])).toEqual([
      ["XNYS", "exchange", "maker_taker"],
      ["XNAS", "exchange", "maker_taker"],
      ["BATY", "exchange", "inverted"],
      ["ATS1", "ats", "flat"],
      ["DARK1", "dark_pool", "flat"],
      ["WHSL1", "market_maker", "flat"],
    ]);
    expect(venues.every((v) => v.feeSchedule.accessFeeCap === ACCESS_FEE_CAP_2024)).toBe(true);
    expect(venues[4]?.priors).toEqual({ fillRate: 0.35, latencyMs: 2 });
    for (const v of venues) v.setReferencePrice("AAPL", d("50"));
    expect(venues[0]?.quoteNow("AAPL")).not.toEqual(venues[1]?.quoteNow("AAPL"));
  });
});
