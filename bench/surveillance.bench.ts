/**
 * surveillance.engine.*: the streaming surveillance engine with all six detectors, in process, single
 * thread, over two simulator flows (createMarketSimulator + loadSampleBars):
 *   - the default flow (market makers, noise traders, agency desks): surveillance.engine.*;
 *   - the evaluation's flow (a retail crowd of 500, day traders, block desks, and labelled manipulation
 *     of all six types at the evaluation's intensity, far above what a real market holds, so alerts are
 *     raised and deduplicated while it is timed): surveillance.engine.manipulated.*, and the heap figure.
 *
 * Events are generated in chunks BEFORE each timed section, so the simulator's cost is never timed:
 *   - events_per_s: 1M order/trade events, the clock running only while the engine processes a chunk
 *     (after a full GC of what the simulator left behind);
 *   - p99_us: the 99th percentile of the time one event takes, over another 1M events, each timed alone;
 *   - heap_growth_pct: heap in use after 5M events vs after 1M (a fresh engine, chunks dropped once
 *     processed, a full GC before each reading): the engine's state must stay bounded.
 * Quotes are skipped: the engine consumes orders and trades only.
 */
import v8 from "node:v8";
import vm from "node:vm";
import type { OrderEvent, TradeExecutedEvent } from "@nexus/core/events";
import { createSurveillanceEngine } from "@nexus/core/surveillance";
import type { SurveillanceEngine } from "@nexus/core/surveillance";
import { createMarketSimulator, loadSampleBars } from "@nexus/sim";
import type { MarketSimulator } from "@nexus/sim";
import type { BenchResult } from "./types.js";

const THROUGHPUT_EVENTS = 1_000_000;
const LATENCY_EVENTS = 1_000_000;
const HEAP_BASELINE_EVENTS = 1_000_000;
const HEAP_TOTAL_EVENTS = 5_000_000;
const CHUNK = 50_000;
const WARM_UP_EVENTS = 200_000;

type EngineEvent = OrderEvent | TradeExecutedEvent;

const log = (message: string) => process.stderr.write(`bench surveillance: ${message}\n`);

type Flow = "default" | "manipulated";

function simulator(seed: number, flow: Flow): MarketSimulator {
  const common = { bars: loadSampleBars().bars, seed, startTime: Date.parse("2026-11-24T14:30:00Z") };
  if (flow === "default") return createMarketSimulator(common);
  return createMarketSimulator({
    ...common,
    traders: { noiseTraders: 500, dayTraders: 50, blockDesks: 2 },
    // Labels are not scored here: streamed away, so the heap figure is the engine's, not the ground truth's.
    manipulation: { intensity: 5, onLabel: () => undefined },
  });
}

function newEngine(source: MarketSimulator): SurveillanceEngine {
  let next = 0;
  return createSurveillanceEngine({
    newId: () => `alert-${++next}`,
    relatedAccounts: source.relatedAccounts(),
  });
}

/** The next `count` order and trade events of the simulator (its quotes are dropped). */
function chunkOf(source: MarketSimulator, count: number): EngineEvent[] {
  const events: EngineEvent[] = [];
  while (events.length < count) {
    const event = source.next();
    if (event.event_type !== "quote") events.push(event);
  }
  return events;
}

function feed(engine: SurveillanceEngine, event: EngineEvent): void {
  if (event.event_type === "trade.executed") engine.processTradeEvent(event);
  else engine.processOrderEvent(event);
}

/** Streams `total` events through the engine in chunks; `visit` runs each chunk (and may time it). */
function stream(source: MarketSimulator, total: number, visit: (chunk: EngineEvent[]) => void): void {
  for (let done = 0; done < total; done += CHUNK) visit(chunkOf(source, Math.min(CHUNK, total - done)));
}

function forcedGc(): () => void {
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

/** Events per second (1M events, after a warm-up) and the per-event p99, on one warm engine. */
function speed(flow: Flow): { eventsPerSecond: number; p99Us: number } {
  // Throughput: a warm-up first (JIT), then 1M events timed chunk by chunk. The simulator's garbage
  // is collected before each timed chunk, so the engine pays only for the collections it causes.
  const gc = forcedGc();
  const source = simulator(11, flow);
  const engine = newEngine(source);
  stream(source, WARM_UP_EVENTS, (chunk) => chunk.forEach((event) => feed(engine, event)));
  let busyMs = 0;
  stream(source, THROUGHPUT_EVENTS, (chunk) => {
    gc();
    const started = performance.now();
    for (const event of chunk) feed(engine, event);
    busyMs += performance.now() - started;
  });
  const eventsPerSecond = THROUGHPUT_EVENTS / (busyMs / 1000);
  log(`${flow} flow: ${THROUGHPUT_EVENTS} events in ${busyMs.toFixed(0)} ms of engine time`);

  // Latency: each event timed on its own, on the same (warm) engine.
  const latencies = new Float64Array(LATENCY_EVENTS);
  let timed = 0;
  stream(source, LATENCY_EVENTS, (chunk) => {
    for (const event of chunk) {
      const started = process.hrtime.bigint();
      feed(engine, event);
      latencies[timed++] = Number(process.hrtime.bigint() - started) / 1000;
    }
  });
  latencies.sort();
  const p99Us = latencies[Math.floor(LATENCY_EVENTS * 0.99)] ?? Number.NaN;
  log(
    `${flow} flow: per-event p50 ${latencies[LATENCY_EVENTS / 2]?.toFixed(2)} us, p99 ${p99Us.toFixed(2)} us`,
  );
  return { eventsPerSecond, p99Us };
}

/** Heap growth from 1M to 5M events on a fresh engine (the speed run's engine is garbage by then). */
function heapGrowthPct(): number {
  const gc = forcedGc();
  const heapSource = simulator(23, "manipulated");
  const heapEngine = newEngine(heapSource);
  let processed = 0;
  let baselineBytes = 0;
  let finalBytes = 0;
  // Both readings are taken at the same point of a chunk (its events processed, the chunk itself still
  // held), so the only difference between them is what the engine and the simulator kept.
  stream(heapSource, HEAP_TOTAL_EVENTS, (chunk) => {
    for (const event of chunk) feed(heapEngine, event);
    processed += chunk.length;
    if (processed === HEAP_BASELINE_EVENTS || processed === HEAP_TOTAL_EVENTS) {
      gc();
      const bytes = process.memoryUsage().heapUsed;
      if (processed === HEAP_BASELINE_EVENTS) baselineBytes = bytes;
      else finalBytes = bytes;
    }
  });
  const growthPct = ((finalBytes - baselineBytes) / baselineBytes) * 100;
  log(
    `heap ${(baselineBytes / 2 ** 20).toFixed(1)} MiB after 1M events, ` +
      `${(finalBytes / 2 ** 20).toFixed(1)} MiB after 5M`,
  );
  return growthPct;
}

export default async function bench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const flow of ["default", "manipulated"] as const) {
    const { eventsPerSecond, p99Us } = speed(flow);
    const prefix = flow === "default" ? "surveillance.engine" : "surveillance.engine.manipulated";
    results.push(
      {
        name: `${prefix}.events_per_s`,
        value: eventsPerSecond,
        unit: "events/s",
        target: 250_000,
        better: "higher",
      },
      { name: `${prefix}.p99_us`, value: p99Us, unit: "us", target: 1000, better: "lower" },
    );
  }
  const growthPct = heapGrowthPct();
  return [
    ...results,
    {
      name: "surveillance.engine.heap_growth_pct",
      value: growthPct,
      unit: "%",
      target: 10,
      better: "lower",
    },
  ];
}
