/**
 * matching.ops_per_s: order operations per second through MatchingEngine's public API, one thread.
 *
 * The stream is a realistic continuous-trading mix over a few thousand live orders of one symbol whose
 * mid price random-walks: ~45% limit orders that rest near the touch, ~15% orders that cross (marketable
 * limits, ioc, some market orders), ~28% cancels and ~12% modifies (half size decreases, half price
 * moves). It is generated once, with a seeded PRNG, by driving an engine (so cancels and modifies target
 * orders that are really open), then replayed on fresh engines: ids, prices (Decimal) and orders are
 * built before the clock starts, `now` is a counter (about 1,000 operations per millisecond) and newId
 * cycles through pre-generated UUIDs.
 *
 * Two figures: ops_per_s reads each outcome's status (the engine's work; events are built lazily);
 * ops_with_events_per_s also reads every outcome's trades and order events, which builds the contract
 * event objects (UUIDs, timestamps, strings): the cost a consumer publishing every event pays. Each is
 * the median of 5 timed replays after a warm-up, over wall-clock time; the rate per CPU second is logged
 * beside it, since on the shared 2-core machine wall time also counts waiting for a core.
 */
import { randomUUID } from "node:crypto";
import { MatchingEngine } from "@nexus/core/matching";
import type { NewOrder, OrderChange, OrderOutcome } from "@nexus/core/matching";
import { Decimal } from "@nexus/core/money";
import type { BenchResult } from "./types.js";

const OPERATIONS = 400_000;
const TARGET_OPS_PER_S = 500_000;
const TIMED_RUNS = 5;
const LIVE_LOW = 2_000;
const LIVE_HIGH = 6_000;
const START = Date.parse("2026-11-24T14:30:00Z");

type Operation =
  | { kind: "submit"; order: NewOrder }
  | { kind: "cancel"; orderId: string }
  | { kind: "modify"; orderId: string; change: OrderChange };

const log = (message: string) => process.stderr.write(`bench matching: ${message}\n`);

/** mulberry32: a small seeded PRNG, so every run replays the same stream. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function newEngine(): MatchingEngine {
  const ids = Array.from({ length: 4096 }, () => randomUUID());
  let next = 0;
  let calls = 0;
  return new MatchingEngine({
    venueId: "NEXUS-INTERNAL",
    now: () => START + (++calls >>> 10),
    newId: () => ids[next++ & 4095] as string,
  });
}

/** Generates the stream by running it once, so that cancels and modifies name open orders. */
function generate(count: number): Operation[] {
  const random = prng(20261124);
  const users = Array.from({ length: 50 }, () => randomUUID());
  const engine = newEngine();
  const live: string[] = [];
  const operations: Operation[] = [];
  let trades = 0;
  let liveSamples = 0;
  const cent = new Decimal("0.01");
  const prices = new Map<number, Decimal>();
  const priceOf = (ticks: number) => {
    let price = prices.get(ticks);
    if (price === undefined) {
      price = cent.times(ticks);
      prices.set(ticks, price);
    }
    return price;
  };
  const pick = (n: number) => Math.floor(random() * n);
  let mid = 10_000; // ticks: $100.00

  /** A random open order (dropping ids that have filled or been cancelled meanwhile). */
  const liveOrder = (): string | undefined => {
    while (live.length > 0) {
      const index = pick(live.length);
      const orderId = live[index] as string;
      if (engine.openOrder(orderId) !== undefined) return orderId;
      live[index] = live[live.length - 1] as string;
      live.pop();
    }
    return undefined;
  };

  const submit = (side: "buy" | "sell", order: Omit<NewOrder, "orderId" | "userId" | "symbol" | "side">) => ({
    kind: "submit" as const,
    order: {
      orderId: randomUUID(),
      userId: users[pick(users.length)] as string,
      symbol: "AAPL",
      side,
      ...order,
    },
  });

  while (operations.length < count) {
    if (random() < 0.01) mid += pick(5) - 2;
    // Keep the live order count between LIVE_LOW and LIVE_HIGH by leaning towards resting or cancelling.
    const pressure = live.length < LIVE_LOW ? -0.3 : live.length > LIVE_HIGH ? 0.3 : 0;
    const restUntil = 0.45 - pressure;
    const crossUntil = restUntil + 0.15;
    const cancelUntil = crossUntil + (1 - crossUntil) * 0.7;
    const roll = random();
    const side = random() < 0.5 ? "buy" : "sell";
    let operation: Operation | undefined;
    if (roll < restUntil) {
      // Resting orders cluster near the touch: |u1 - u2| is triangular, densest at 0.
      const away = 1 + Math.floor(Math.abs(random() - random()) * 60);
      operation = submit(side, {
        orderType: "limit",
        price: priceOf(side === "buy" ? mid - away : mid + away),
        quantity: new Decimal(100 * (1 + pick(10))),
        timeInForce: random() < 0.7 ? "day" : "gtc",
      });
    } else if (roll < crossUntil) {
      const isMarket = random() < 0.15;
      const through = pick(4);
      operation = submit(side, {
        orderType: isMarket ? "market" : "limit",
        price: isMarket ? null : priceOf(side === "buy" ? mid + through : mid - through),
        quantity: new Decimal(100 * (1 + pick(5))),
        timeInForce: random() < 0.5 ? "ioc" : "day",
      });
    } else {
      const orderId = liveOrder();
      const open = orderId === undefined ? undefined : engine.openOrder(orderId);
      if (orderId !== undefined && open !== undefined) {
        const openShares = open.openQuantity.toNumber();
        if (roll < cancelUntil) operation = { kind: "cancel", orderId };
        else if (random() < 0.5 && openShares > 100) {
          const smaller = new Decimal(Math.max(100, Math.floor(openShares / 200) * 100));
          operation = { kind: "modify", orderId, change: { quantity: smaller } };
        } else {
          const moveTicks = random() < 0.5 ? -1 - pick(2) : 1 + pick(2);
          const price = open.order.price ?? priceOf(mid);
          operation = { kind: "modify", orderId, change: { price: price.plus(cent.times(moveTicks)) } };
        }
      }
    }
    if (operation === undefined) continue;
    const outcome = apply(engine, operation);
    if (
      operation.kind === "submit" &&
      (outcome.status === "resting" || outcome.status === "partially_filled")
    ) {
      live.push(operation.order.orderId);
    }
    operations.push(operation);
    trades += outcome.trades.length;
    if (operations.length % 1000 === 0) {
      const { bids, asks } = engine.depth("AAPL", 10_000);
      for (const level of [...bids, ...asks]) liveSamples += level.orders;
    }
  }
  log(`generated with ${trades} trades, ${Math.round(liveSamples / (count / 1000))} open orders on average`);
  return operations;
}

function apply(engine: MatchingEngine, operation: Operation): OrderOutcome {
  switch (operation.kind) {
    case "submit":
      return engine.submit(operation.order);
    case "cancel":
      return engine.cancel(operation.orderId);
    case "modify":
      return engine.modify(operation.orderId, operation.change);
  }
}

interface Replay {
  /** Over wall-clock time: the reported figure. */
  opsPerSecond: number;
  /** Over the process's CPU time (user + system), logged: on a shared machine wall time includes waiting for a core. */
  opsPerCpuSecond: number;
  checksum: number;
}

/** One replay on a fresh engine; `withEvents` reads every event too. */
function replay(operations: Operation[], withEvents: boolean): Replay {
  const engine = newEngine();
  let checksum = 0;
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (const operation of operations) {
    const outcome = apply(engine, operation);
    checksum += outcome.status.length;
    if (withEvents) checksum += outcome.trades.length + outcome.orderEvents.length;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  return {
    opsPerSecond: operations.length / seconds,
    opsPerCpuSecond: operations.length / cpuSeconds,
    checksum,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export default async function bench(): Promise<BenchResult[]> {
  const operations = generate(OPERATIONS);
  const counts = { submit: 0, cancel: 0, modify: 0 };
  for (const operation of operations) counts[operation.kind] += 1;
  log(`${operations.length} operations: ${JSON.stringify(counts)}`);

  const figures: BenchResult[] = [];
  for (const [name, withEvents] of [
    ["matching.ops_per_s", false],
    ["matching.ops_with_events_per_s", true],
  ] as const) {
    replay(operations, withEvents); // warm-up: JIT and inline caches
    const runs = Array.from({ length: TIMED_RUNS }, () => replay(operations, withEvents));
    const checksums = new Set(runs.map((run) => run.checksum));
    if (checksums.size !== 1) throw new Error(`replays disagree: checksums ${[...checksums].join(", ")}`);
    const rates = runs.map((run) => run.opsPerSecond);
    const round = (values: number[]) => values.map((value) => Math.round(value)).join(", ");
    log(`${name}: runs ${round(rates)} (median reported)`);
    log(`${name}: per CPU second ${round(runs.map((run) => run.opsPerCpuSecond))}`);
    figures.push({ name, value: median(rates), unit: "ops/s", target: TARGET_OPS_PER_S, better: "higher" });
  }
  return figures;
}
