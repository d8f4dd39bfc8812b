import type { ConsumedEvent, OrderEvent, TradeExecutedEvent } from "@nexus/core/events";
import { loadSampleBars } from "../market-data";
import { createMarketSimulator } from "../simulator";
import type { MarketSimulator } from "../simulator";
import type { ManipulationLabel, ManipulationType } from "./label";

const bars = loadSampleBars().bars;

export interface LabelledRun {
  simulator: MarketSimulator;
  events: ConsumedEvent[];
  labels: readonly ManipulationLabel[];
}

/** A short seeded run of a few liquid symbols with one pattern injected often. */
export function runWith(type: ManipulationType, seed: number, eventCount = 60_000): LabelledRun {
  const simulator = createMarketSimulator({
    bars,
    symbols: ["AAPL", "KO", "XOM", "F"],
    seed,
    startTime: Date.parse("2026-11-24T14:30:00.000Z"),
    fromDate: "2016-03-01",
    manipulation: { types: [type], intensity: 40, lookAlikes: false },
  });
  const events = simulator.take(eventCount);
  // Episodes last at most two minutes: those that started earlier are finished, the rest may not be.
  const settledBefore = Date.parse(events.at(-1)?.occurred_at ?? "") - 120_000;
  const labels = simulator.labels().filter((label) => Date.parse(label.startedAt) < settledBefore);
  return { simulator, events, labels };
}

export interface EpisodeEvents {
  orders: OrderEvent[];
  trades: TradeExecutedEvent[];
}

/** The events of a label's orders (their lifecycle and their trades). */
export function eventsOf(label: ManipulationLabel, events: readonly ConsumedEvent[]): EpisodeEvents {
  const ids = new Set(label.orderIds);
  const orders: OrderEvent[] = [];
  const trades: TradeExecutedEvent[] = [];
  for (const event of events) {
    if (event.event_type === "quote") continue;
    if (event.event_type === "trade.executed") {
      if (ids.has(event.buy_order_id) || ids.has(event.sell_order_id)) trades.push(event);
    } else if (ids.has(event.order_id)) orders.push(event);
  }
  return { orders, trades };
}

export const ms = (iso: string): number => Date.parse(iso);
