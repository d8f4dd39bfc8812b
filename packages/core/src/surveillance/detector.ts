import type { OrderEvent, TradeExecutedEvent } from "../events/index";
import { DEFAULT_BOOK_OPTIONS } from "./market-view";
import type { ObservedOrder, ObservedTrade, SymbolBook, SymbolBookOptions } from "./market-view";
import { ReferenceIndex } from "./reference-index";
import { replay } from "./replay";
import { configOf, defaultThresholds, validateThresholds } from "./thresholds";
import type { Thresholds } from "./thresholds";
import type {
  DetectionWindow,
  ManipulationType,
  PatternDetector,
  ThresholdConfig,
  TradingPattern,
} from "./types";

/** How a built-in detector is set up (the engine passes its own; alone, the defaults apply). */
export interface DetectorOptions {
  /** Overrides of the type's THRESHOLD_DEFAULTS (validated). */
  thresholds?: Readonly<Record<string, number>>;
  /** How its batch detect() rebuilds the book (default DEFAULT_BOOK_OPTIONS). */
  book?: SymbolBookOptions;
  /** Who is who (the engine shares one across its detectors; alone, none is known). */
  reference?: ReferenceIndex;
}

/** A detector's incremental state in one symbol: fed every event once, in order, O(1) amortised each. */
export interface SymbolDetector {
  onOrder(order: ObservedOrder, found: TradingPattern[]): void;
  onTrade(trade: ObservedTrade, found: TradingPattern[]): void;
  /** Drops per-user state of users without events since idleBeforeMs. */
  evictIdle(idleBeforeMs: number): void;
  /** End of stream: reports patterns still waiting for their confirmation (optional). */
  flush?(found: TradingPattern[]): void;
}

/** A PatternDetector that can also run on the live stream; its batch detect() replays through it. */
export interface StreamingPatternDetector extends PatternDetector {
  forSymbol(book: SymbolBook): SymbolDetector;
  /** Validates and applies new threshold values (see validateThresholds); live sessions see them next event. */
  updateThresholds(changes: Readonly<Record<string, number>>): void;
}

export function isStreaming(detector: PatternDetector): detector is StreamingPatternDetector {
  return "forSymbol" in detector && "updateThresholds" in detector;
}

/**
 * The six built-in detectors: thresholds held in one mutable object that every symbol session reads
 * per event, and a batch detect() that is the streaming path run over the batch (same code, same output).
 */
export abstract class BuiltInDetector<T extends ManipulationType> implements StreamingPatternDetector {
  readonly thresholds: Thresholds<T>;
  readonly name: string;
  readonly reference: ReferenceIndex;
  private readonly bookOptions: SymbolBookOptions;

  constructor(
    readonly type: T,
    options: DetectorOptions,
  ) {
    this.name = type;
    this.bookOptions = options.book ?? DEFAULT_BOOK_OPTIONS;
    this.reference = options.reference ?? new ReferenceIndex();
    this.thresholds = defaultThresholds(type);
    this.updateThresholds(options.thresholds ?? {});
  }

  getThresholdConfig(): ThresholdConfig {
    return configOf(this.type, this.thresholds);
  }

  updateThresholds(changes: Readonly<Record<string, number>>): void {
    Object.assign(this.thresholds, validateThresholds(this.type, this.getThresholdConfig(), changes));
  }

  detect(
    orders: readonly OrderEvent[],
    trades: readonly TradeExecutedEvent[],
    window: DetectionWindow,
  ): TradingPattern[] {
    return replay([this], orders, trades, window, this.bookOptions);
  }

  abstract forSymbol(book: SymbolBook): SymbolDetector;
}
