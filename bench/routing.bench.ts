/**
 * Smart order router speed (issue 4), single thread, cached quotes:
 *   routing.decision3.p99_us   routeOrder ("smart") over 3 venues
 *   routing.nbbo.p99_us        NBBO over 10 venues' cached quotes
 *   routing.split10.p99_us     splitOrder over 10 venues, 5 levels each, an order sweeping most of them
 *   routing.decisions_per_s    routeOrder throughput, 3 venues
 * Each latency figure times single calls with process.hrtime.bigint() after a warm-up, so the JIT has
 * compiled the hot path; the clock is frozen so the cached quotes stay fresh for the whole run.
 */
import { Decimal } from "@nexus/core/money";
import { ACCESS_FEE_CAP_2024, SmartOrderRouter, type RouteRequest } from "@nexus/core/routing";
import { createSimulatedVenue, type SimulatedVenueType } from "@nexus/sim/venues";
import type { BenchResult } from "./types.js";

const NOW = Date.parse("2026-11-24T14:30:00Z");
const WARMUP = 5_000;
const SAMPLES = 20_000;

function p99(samples: Float64Array): number {
  const sorted = samples.slice().sort();
  return sorted[Math.ceil(0.99 * sorted.length) - 1] ?? Number.NaN;
}

function timeEach(run: (i: number) => void, samples = SAMPLES): number {
  for (let i = 0; i < WARMUP; i += 1) run(i);
  const micros = new Float64Array(samples);
  for (let i = 0; i < samples; i += 1) {
    const start = process.hrtime.bigint();
    run(i);
    micros[i] = Number(process.hrtime.bigint() - start) / 1_000;
  }
  return p99(micros);
}

const TYPES: SimulatedVenueType[] = ["exchange", "exchange", "market_maker", "ats", "dark_pool"];

/** `count` seeded simulated venues around 189.25, each quoting 5 levels a side. */
function routerWith(count: number): SmartOrderRouter {
  let id = 0;
  const router = new SmartOrderRouter({
    now: () => NOW,
    newId: () => `00000000-0000-4000-8000-${String((id += 1) % 1e12).padStart(12, "0")}`,
    timer: { after: () => () => undefined },
  });
  for (let v = 0; v < count; v += 1) {
    const venue = createSimulatedVenue({
      venueId: `V${v}`,
      venueType: TYPES[v % TYPES.length] ?? "exchange",
      feeModel: v % 4 === 1 ? "inverted" : undefined,
      seed: v + 1,
      now: () => NOW,
      timer: { after: () => () => undefined },
      accessFeeCap: ACCESS_FEE_CAP_2024,
    });
    venue.setReferencePrice("AAPL", new Decimal("189.25"));
    router.registerVenue(venue);
    const quote = venue.quoteNow("AAPL");
    if (quote !== undefined) router.onQuote(quote);
  }
  return router;
}

const order = (quantity: number): RouteRequest => ({
  orderId: "0f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19",
  userId: "3c2b1a09-8f7e-4d6c-9b5a-493827160554",
  symbol: "AAPL",
  side: "buy",
  quantity: new Decimal(quantity),
  strategy: "smart",
});

export default async function bench(): Promise<BenchResult[]> {
  const three = routerWith(3);
  const ten = routerWith(10);
  const small = order(300);
  const sides = [small, { ...small, side: "sell" as const }];
  const decision3 = timeEach((i) => three.routeOrder(sides[i & 1] ?? small));
  const nbbo = timeEach(() => ten.nbbo("AAPL"));
  const big = order(6_000);
  const split10 = timeEach(() => ten.splitOrder(big, 10), 5_000);

  for (let i = 0; i < WARMUP; i += 1) three.routeOrder(small);
  let decisions = 0;
  const started = performance.now();
  while (performance.now() - started < 1_000) {
    for (let i = 0; i < 1_000; i += 1) three.routeOrder(sides[i & 1] ?? small);
    decisions += 1_000;
  }
  const perSecond = decisions / ((performance.now() - started) / 1_000);

  return [
    { name: "routing.decision3.p99_us", value: decision3, unit: "us", target: 200, better: "lower" },
    { name: "routing.nbbo.p99_us", value: nbbo, unit: "us", target: 20, better: "lower" },
    { name: "routing.split10.p99_us", value: split10, unit: "us", target: 1_000, better: "lower" },
    {
      name: "routing.decisions_per_s",
      value: perSecond,
      unit: "decisions/s",
      target: 20_000,
      better: "higher",
    },
  ];
}
