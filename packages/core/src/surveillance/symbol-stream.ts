import type { OrderEvent, TradeExecutedEvent } from "../events/index";
import type { StreamingPatternDetector, SymbolDetector } from "./detector";
import { SymbolBook } from "./market-view";
import type { SymbolBookOptions } from "./market-view";
import type { TradingPattern } from "./types";

interface Session {
  name: string;
  detector: SymbolDetector;
}

/**
 * One symbol's book and the detectors watching it: the single path every event takes, whether it comes
 * from the live stream (the engine) or from a batch (PatternDetector.detect replays through it).
 * An order event is shown to the detectors with the book as it stood before it (a created order already
 * resting, so its displayed size and depth are known); a trade before it reduces the orders it filled.
 */
export class SymbolStream {
  readonly book: SymbolBook;
  private sessions: Session[] = [];
  /** The sessions' detectors, in order: what every event walks (an indexed loop over a plain array). */
  private detectors: SymbolDetector[] = [];
  lastEventMs = Number.NEGATIVE_INFINITY;

  constructor(symbol: string, options: SymbolBookOptions, detectors: readonly StreamingPatternDetector[]) {
    this.book = new SymbolBook(symbol, options);
    for (const detector of detectors) this.attach(detector);
  }

  /** Adds the detector's session, replacing one of the same name. */
  attach(detector: StreamingPatternDetector): void {
    const session = { name: detector.name, detector: detector.forSymbol(this.book) };
    this.sessions = [...this.sessions.filter(({ name }) => name !== detector.name), session];
    this.detectors = this.sessions.map((entry) => entry.detector);
  }

  detach(name: string): void {
    this.sessions = this.sessions.filter((session) => session.name !== name);
    this.detectors = this.sessions.map((entry) => entry.detector);
  }

  onOrder(event: OrderEvent, found: TradingPattern[]): void {
    const observed = this.book.observeOrder(event);
    this.seen(observed.timeMs);
    const { detectors } = this;
    for (let index = 0; index < detectors.length; index++)
      (detectors[index] as SymbolDetector).onOrder(observed, found);
    this.book.settleOrder(observed);
  }

  onTrade(event: TradeExecutedEvent, found: TradingPattern[]): void {
    const observed = this.book.observeTrade(event);
    this.seen(observed.timeMs);
    const { detectors } = this;
    for (let index = 0; index < detectors.length; index++)
      (detectors[index] as SymbolDetector).onTrade(observed, found);
    this.book.applyTrade(observed);
  }

  flush(found: TradingPattern[]): void {
    for (const { detector } of this.sessions) detector.flush?.(found);
  }

  evictIdle(idleBeforeMs: number): void {
    this.book.evictIdle(idleBeforeMs);
    for (const { detector } of this.sessions) detector.evictIdle(idleBeforeMs);
  }

  private seen(timeMs: number): void {
    if (timeMs > this.lastEventMs) this.lastEventMs = timeMs;
  }
}
