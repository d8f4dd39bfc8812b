import { SAME_INSTANT_RANK } from "../events/index";
import type { OrderEvent, TradeExecutedEvent } from "../events/index";
import type { StreamingPatternDetector } from "./detector";
import { eventTimeMs } from "./event-time";
import type { SymbolBookOptions } from "./market-view";
import { SymbolStream } from "./symbol-stream";
import type { DetectionWindow, TradingPattern } from "./types";

type BatchEvent =
  | { kind: "order"; timeMs: number; rank: number; index: number; event: OrderEvent }
  | { kind: "trade"; timeMs: number; rank: number; index: number; event: TradeExecutedEvent };

/**
 * PatternDetector.detect: the batch is merged into one time-ordered stream (ties as SAME_INSTANT_RANK, then input
 * order) and fed through the same SymbolStream the engine uses, one per symbol, so a batch and the live
 * stream give the same patterns. Events outside the window are skipped.
 */
export function replay(
  detectors: readonly StreamingPatternDetector[],
  orders: readonly OrderEvent[],
  trades: readonly TradeExecutedEvent[],
  window: DetectionWindow,
  options: SymbolBookOptions,
): TradingPattern[] {
  const fromMs = eventTimeMs(window.from);
  const toMs = eventTimeMs(window.to);
  const events: BatchEvent[] = [];
  const keep = (timeMs: number) => timeMs >= fromMs && timeMs <= toMs;
  orders.forEach((event, index) => {
    const timeMs = eventTimeMs(event.occurred_at);
    if (keep(timeMs))
      events.push({ kind: "order", timeMs, rank: SAME_INSTANT_RANK[event.event_type], index, event });
  });
  trades.forEach((event, index) => {
    const timeMs = eventTimeMs(event.occurred_at);
    if (keep(timeMs))
      events.push({ kind: "trade", timeMs, rank: SAME_INSTANT_RANK[event.event_type], index, event });
  });
  events.sort((a, b) => a.timeMs - b.timeMs || a.rank - b.rank || a.index - b.index);

  const streams = new Map<string, SymbolStream>();
  const found: TradingPattern[] = [];
  for (const item of events) {
    const symbol = item.event.symbol;
    let stream = streams.get(symbol);
    if (stream === undefined) {
      stream = new SymbolStream(symbol, options, detectors);
      streams.set(symbol, stream);
    }
    if (item.kind === "order") stream.onOrder(item.event, found);
    else stream.onTrade(item.event, found);
  }
  for (const stream of streams.values()) stream.flush(found);
  return found;
}
