import type { OrderEvent, TradeExecutedEvent } from "../events/index";
import type { StreamingPatternDetector, SymbolDetector } from "./detector";
import { isoOf } from "./event-time";
import type { ObservedOrder, ObservedTrade } from "./market-view";
import { Ring } from "./ring";
import type { PatternDetector, TradingPattern } from "./types";

export interface BatchAdapterOptions {
  /** How far back each call of detect() looks (default 60 s). */
  lookbackMs: number;
  /** At most this many recent events per symbol are passed to detect() (default 1,000). */
  maxEvents: number;
}

/**
 * Runs a batch-only PatternDetector (a user-supplied one) on the stream: after each event, detect() is
 * called on the symbol's recent events (bounded by lookbackMs and maxEvents) and the patterns that end
 * at that event are reported. This costs O(maxEvents) per event; the built-in detectors are incremental.
 */
export function streamBatchDetector(
  detector: PatternDetector,
  options: BatchAdapterOptions,
): StreamingPatternDetector {
  return {
    name: detector.name,
    type: detector.type,
    detect: (orders, trades, window) => detector.detect(orders, trades, window),
    getThresholdConfig: () => detector.getThresholdConfig(),
    updateThresholds: () => {
      throw new Error(`${detector.name}: a batch detector's thresholds are set on the detector itself`);
    },
    forSymbol: () => new BatchSession(detector, options),
  };
}

class BatchSession implements SymbolDetector {
  private readonly recent: Ring<OrderEvent | TradeExecutedEvent>;

  constructor(
    private readonly detector: PatternDetector,
    private readonly options: BatchAdapterOptions,
  ) {
    this.recent = new Ring(options.maxEvents);
  }

  onOrder(observed: ObservedOrder, found: TradingPattern[]): void {
    this.run(observed.event, observed.timeMs, found);
  }

  onTrade(trade: ObservedTrade, found: TradingPattern[]): void {
    this.run(trade.event, trade.timeMs, found);
  }

  evictIdle(): void {}

  private run(event: OrderEvent | TradeExecutedEvent, timeMs: number, found: TradingPattern[]): void {
    this.recent.push(event);
    const orders: OrderEvent[] = [];
    const trades: TradeExecutedEvent[] = [];
    for (const item of this.recent) {
      if (item.event_type === "trade.executed") trades.push(item);
      else orders.push(item);
    }
    const window = { from: isoOf(timeMs - this.options.lookbackMs), to: event.occurred_at };
    for (const pattern of this.detector.detect(orders, trades, window))
      if (pattern.lastEventMs >= timeMs) found.push(pattern);
  }
}
