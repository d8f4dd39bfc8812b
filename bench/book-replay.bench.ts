/**
 * The order-book replay a reviewer steps through (issue 11), over a trading day of the simulator's flow
 * (400,000 stored events across its symbols, about an hour and a half at 80 events a second):
 * - surveillance.replay.p95_ms: one step (`replayOrderBook`: the bounds query, the symbol's events of
 *   the day up to the moment, the book rebuilt, the next instant's events) at 200 random moments of the
 *   busiest symbol, late in the day where the most events precede the moment.
 */
import { randomUUID } from "node:crypto";
import type { OrderEvent, TradeExecutedEvent } from "@nexus/core/events";
import { createDb } from "@nexus/db/client";
import { insertOrderEvents, insertTradeEvents } from "@nexus/db/queries/events";
import { migrate } from "@nexus/db/migrate";
import { replayOrderBook } from "@nexus/services/surveillance";
import { createMarketSimulator, loadSampleBars } from "@nexus/sim";
import { benchDatabaseUrl } from "./bench-worker.js";
import type { BenchResult, BenchServices } from "./types.js";

const EVENTS = 400_000;
const STEPS = 200;
const START = Date.parse("2026-03-02T14:30:00Z");

export const services: BenchServices = { postgres: benchDatabaseUrl };

const log = (message: string) => process.stderr.write(`bench book-replay: ${message}\n`);

export default async function bench(): Promise<BenchResult[]> {
  const schema = `bench_replay_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  const handle = createDb({ url: benchDatabaseUrl, schema, max: 4 });
  try {
    await migrate(handle.sql, { schema });
    log(`storing ${EVENTS} events of the simulator's flow`);
    const simulator = createMarketSimulator({
      bars: loadSampleBars().bars,
      seed: 11,
      startTime: START,
      eventsPerSecond: 80,
    });
    const perSymbol = new Map<string, number>();
    let stored = 0;
    let lastMs = START;
    while (stored < EVENTS) {
      const chunk = simulator.take(50_000);
      const orders = chunk.filter((event): event is OrderEvent => event.event_type.startsWith("order."));
      const trades = chunk.filter(
        (event): event is TradeExecutedEvent => event.event_type === "trade.executed",
      );
      await Promise.all([insertOrderEvents(handle.db, orders), insertTradeEvents(handle.db, trades)]);
      for (const event of [...orders, ...trades])
        perSymbol.set(event.symbol, (perSymbol.get(event.symbol) ?? 0) + 1);
      stored += chunk.length;
      lastMs = Date.parse(chunk.at(-1)?.occurred_at ?? "") || lastMs;
    }
    await handle.sql`analyze`;
    const [symbol, symbolEvents] = [...perSymbol].sort((a, b) => b[1] - a[1])[0] ?? ["AAPL", 0];
    log(`replaying ${symbol} (${symbolEvents} events) at ${STEPS} moments`);
    const durations: number[] = [];
    // Moments in the last quarter of the day: the most history to rebuild.
    const span = lastMs - START;
    for (let step = 0; step < STEPS; step++) {
      const at = new Date(START + span * (0.75 + (0.25 * step) / STEPS)).toISOString();
      const started = performance.now();
      await replayOrderBook(handle.db, { symbol, at, depth: 12 });
      durations.push(performance.now() - started);
    }
    durations.sort((a, b) => a - b);
    const p95 = durations[Math.ceil(durations.length * 0.95) - 1] ?? Number.NaN;
    log(`p50 ${durations[durations.length >> 1]?.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
    return [{ name: "surveillance.replay.p95_ms", value: p95, unit: "ms", target: 250, better: "lower" }];
  } finally {
    await handle.sql.unsafe(`drop schema if exists "${schema}" cascade`);
    await handle.close();
  }
}
