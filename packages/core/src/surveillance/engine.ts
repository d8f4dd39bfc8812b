import type { OrderEvent, TradeExecutedEvent } from "../events/index";
import { AlertBook } from "./alert-book";
import { streamBatchDetector } from "./batch-adapter";
import { isStreaming } from "./detector";
import type { StreamingPatternDetector } from "./detector";
import { FrontRunningDetector } from "./detectors/front-running";
import { LayeringDetector } from "./detectors/layering";
import { MomentumDetector } from "./detectors/momentum";
import { QuoteStuffingDetector } from "./detectors/quote-stuffing";
import { SpoofingDetector } from "./detectors/spoofing";
import { WashTradingDetector } from "./detectors/wash-trading";
import { isoOf } from "./event-time";
import { DEFAULT_BOOK_OPTIONS } from "./market-view";
import type { SymbolBookOptions } from "./market-view";
import { countAlert, newUserActivity } from "./profiles";
import type { SymbolProfile, UserActivity, UserProfile } from "./profiles";
import type { SurveillanceReferenceData } from "./reference-data";
import { ReferenceIndex } from "./reference-index";
import { DEFAULT_SEVERITY_CUTOFFS, validateSeverityCutoffs } from "./scoring";
import type { SeverityCutoffs } from "./scoring";
import { SymbolStream } from "./symbol-stream";
import type { ThresholdOverrides } from "./thresholds";
import { validateThresholds } from "./thresholds";
import type { ManipulationType, PatternDetector, SurveillanceAlert, TradingPattern } from "./types";

export interface SurveillanceEngineOptions {
  /**
   * The id of an alert the pattern opens (injected so tests and replays are deterministic; the worker
   * derives it from the pattern so redelivery after a crash recreates the same alert id).
   */
  newId: (pattern: TradingPattern) => string;
  /**
   * Who is who: beneficial owners and related accounts (wash trading), desks (front running), registered
   * market makers (spoofing, quote stuffing, round trips). Default: nothing known. See updateReferenceData.
   */
  reference?: SurveillanceReferenceData;
  /** Further pairs of linked accounts, kept across updateReferenceData (added to reference.relatedAccounts). */
  relatedAccounts?: Iterable<readonly [string, string]>;
  thresholds?: ThresholdOverrides;
  /** Confidence cut-offs of medium, high and critical (default DEFAULT_SEVERITY_CUTOFFS). */
  severityCutoffs?: Partial<SeverityCutoffs>;
  /** An alert absorbs patterns of the same type/user/symbol within this long of it (default 60 s). */
  dedupWindowMs?: number;
  /** IOC/FOK/market remainders cancelled within this long of entry are not cancels (default 100 ms). */
  autoCancelGraceMs?: number;
  /** Per-user state is dropped after this long without events, a symbol's after the same (default 30 min). */
  idleEvictionMs?: number;
  /** Orders tracked per symbol at most; the oldest are dropped beyond it (default 200,000). */
  maxTrackedOrdersPerSymbol?: number;
}

export interface SurveillanceEngine {
  /** Alerts created or updated by this event. */
  processOrderEvent(event: OrderEvent): SurveillanceAlert[];
  processTradeEvent(event: TradeExecutedEvent): SurveillanceAlert[];
  /** Adds a detector for the given symbols (default all); one of the same name is replaced. */
  registerDetector(detector: PatternDetector, symbols?: readonly string[]): void;
  /** Validates and applies new thresholds for every detector of the type; throws naming the bad key. */
  updateThresholds(type: ManipulationType, thresholds: Readonly<Record<string, number>>): void;
  thresholdsOf(type: ManipulationType): Record<string, number>;
  /** Replaces the reference data; every detector uses the new data from the next event on. */
  updateReferenceData(reference: SurveillanceReferenceData): void;
  userProfile(userId: string): UserProfile | undefined;
  symbolProfile(symbol: string): SymbolProfile | undefined;
  openAlerts(): SurveillanceAlert[];
  /**
   * End of stream: reports patterns still held back (a spoof waits replaceWithinMs for a replacing order)
   * and closes every open alert (later patterns open new ones). Returns the alerts this created or updated.
   */
  flush(): SurveillanceAlert[];
}

interface Registration {
  detector: StreamingPatternDetector;
  symbols: ReadonlySet<string> | undefined;
}

interface SymbolActivity {
  stream: SymbolStream;
  orderEvents: number;
  trades: number;
  alerts: Partial<Record<ManipulationType, number>>;
}

/** Eviction runs once per this many events: O(keys / SWEEP_EVERY) per event. */
const SWEEP_EVERY = 16_384;
const DEFAULTS = {
  dedupWindowMs: 60_000,
  idleEvictionMs: 30 * 60_000,
  batchLookbackMs: 60_000,
  batchMaxEvents: 1000,
};

/**
 * The streaming surveillance engine: one SymbolStream (book + detector sessions) per symbol, fed each
 * event once; patterns become alerts through the AlertBook (scoring, severity, deduplication).
 * Deterministic: no clock (times are the events' occurred_at), ids from options.newId.
 */
export function createSurveillanceEngine(options: SurveillanceEngineOptions): SurveillanceEngine {
  const thresholds = options.thresholds ?? {};
  const book: SymbolBookOptions = {
    autoCancelGraceMs: options.autoCancelGraceMs ?? DEFAULT_BOOK_OPTIONS.autoCancelGraceMs,
    maxTrackedOrders: options.maxTrackedOrdersPerSymbol ?? DEFAULT_BOOK_OPTIONS.maxTrackedOrders,
  };
  const idleEvictionMs = options.idleEvictionMs ?? DEFAULTS.idleEvictionMs;
  const dedupWindowMs = options.dedupWindowMs ?? DEFAULTS.dedupWindowMs;
  const alerts = new AlertBook({
    newId: options.newId,
    dedupWindowMs,
    severityCutoffs: validateSeverityCutoffs({ ...DEFAULT_SEVERITY_CUTOFFS, ...options.severityCutoffs }),
  });
  const reference = new ReferenceIndex(options.reference, options.relatedAccounts);
  let registrations: Registration[] = [
    new SpoofingDetector({ book, reference, thresholds: thresholds.spoofing }),
    new LayeringDetector({ book, reference, thresholds: thresholds.layering }),
    new WashTradingDetector({ book, reference, thresholds: thresholds.wash_trading }),
    new MomentumDetector({ book, reference, thresholds: thresholds.momentum }),
    new FrontRunningDetector({ book, reference, thresholds: thresholds.front_running }),
    new QuoteStuffingDetector({ book, reference, thresholds: thresholds.quote_stuffing }),
  ].map((detector) => ({ detector, symbols: undefined }));

  const symbols = new Map<string, SymbolActivity>();
  const users = new Map<string, UserActivity>();
  /** Patterns found by the event being processed (one array reused: most events find none). */
  const eventPatterns: TradingPattern[] = [];
  let watermarkMs = Number.NEGATIVE_INFINITY;
  let sinceSweep = 0;

  const appliesTo = (registration: Registration, symbol: string) =>
    registration.symbols === undefined || registration.symbols.has(symbol);

  function symbolFor(symbol: string): SymbolActivity {
    let activity = symbols.get(symbol);
    if (activity === undefined) {
      const detectors = registrations
        .filter((entry) => appliesTo(entry, symbol))
        .map((entry) => entry.detector);
      activity = {
        stream: new SymbolStream(symbol, book, detectors),
        orderEvents: 0,
        trades: 0,
        alerts: {},
      };
      symbols.set(symbol, activity);
    }
    return activity;
  }

  function userFor(userId: string, symbol: string, timeMs: number, at: string): UserActivity {
    let activity = users.get(userId);
    if (activity === undefined) {
      activity = newUserActivity(userId);
      users.set(userId, activity);
    }
    // A user's events mostly follow one another in one symbol: the set is only touched on a change.
    if (activity.lastSymbol !== symbol) {
      activity.symbols.add(symbol);
      activity.lastSymbol = symbol;
    }
    if (timeMs >= activity.lastEventMs) {
      activity.lastEventMs = timeMs;
      activity.profile.lastEventAt = at;
    }
    return activity;
  }

  function afterEvent(activity: SymbolActivity, at: string, found: TradingPattern[]): SurveillanceAlert[] {
    if (++sinceSweep >= SWEEP_EVERY) sweep();
    // Checked here, not in record: record's closure is set up on every call, and most events find nothing.
    return found.length === 0 ? [] : record(activity, at, found);
  }

  function record(activity: SymbolActivity, at: string, found: TradingPattern[]): SurveillanceAlert[] {
    return found.map((pattern) => {
      const alert = alerts.record(pattern, at);
      if (alert.updates === 0) {
        countAlert(activity.alerts, alert.type);
        countAlert(userFor(alert.userId, alert.symbol, pattern.lastEventMs, at).profile.alerts, alert.type);
      }
      return alert;
    });
  }

  /** Drops idle users and symbols and closes alerts past the dedup window. */
  function sweep(): void {
    sinceSweep = 0;
    // The stream's latest event time: only a sweep reads it, so it is taken here rather than per event
    // (a symbol's latest time never decreases, and a symbol is only dropped by a sweep that saw it).
    for (const activity of symbols.values())
      if (activity.stream.lastEventMs > watermarkMs) watermarkMs = activity.stream.lastEventMs;
    const idleBefore = watermarkMs - idleEvictionMs;
    for (const [symbol, activity] of symbols) {
      if (activity.stream.lastEventMs < idleBefore) symbols.delete(symbol);
      else activity.stream.evictIdle(idleBefore);
    }
    // Values, not [key, value] pairs: a sweep visits every user and should allocate nothing.
    for (const activity of users.values())
      if (activity.lastEventMs < idleBefore) users.delete(activity.profile.userId);
    alerts.closeBefore(watermarkMs - dedupWindowMs);
  }

  function detectorsOf(type: ManipulationType): StreamingPatternDetector[] {
    return registrations.filter(({ detector }) => detector.type === type).map(({ detector }) => detector);
  }

  return {
    processOrderEvent(event) {
      const activity = symbolFor(event.symbol);
      // Setting an array's length is a runtime call even when nothing changes: most events find nothing.
      if (eventPatterns.length > 0) eventPatterns.length = 0;
      activity.stream.onOrder(event, eventPatterns);
      activity.orderEvents++;
      const profile = userFor(
        event.user_id,
        event.symbol,
        activity.stream.book.nowMs,
        event.occurred_at,
      ).profile;
      if (event.event_type === "order.created") profile.ordersEntered++;
      else if (event.event_type === "order.modified") profile.ordersModified++;
      else profile.ordersCancelled++;
      return afterEvent(activity, event.occurred_at, eventPatterns);
    },

    processTradeEvent(event) {
      const activity = symbolFor(event.symbol);
      if (eventPatterns.length > 0) eventPatterns.length = 0;
      activity.stream.onTrade(event, eventPatterns);
      activity.trades++;
      const timeMs = activity.stream.book.nowMs;
      userFor(event.buy_user_id, event.symbol, timeMs, event.occurred_at).profile.trades++;
      userFor(event.sell_user_id, event.symbol, timeMs, event.occurred_at).profile.trades++;
      return afterEvent(activity, event.occurred_at, eventPatterns);
    },

    registerDetector(detector, onlySymbols) {
      const streaming = isStreaming(detector)
        ? detector
        : streamBatchDetector(detector, {
            lookbackMs: DEFAULTS.batchLookbackMs,
            maxEvents: DEFAULTS.batchMaxEvents,
          });
      const registration: Registration = {
        detector: streaming,
        symbols: onlySymbols === undefined ? undefined : new Set(onlySymbols),
      };
      registrations = [
        ...registrations.filter((entry) => entry.detector.name !== detector.name),
        registration,
      ];
      for (const [symbol, activity] of symbols) {
        if (appliesTo(registration, symbol)) activity.stream.attach(streaming);
        else activity.stream.detach(streaming.name);
      }
    },

    updateThresholds(type, changes) {
      const detectors = detectorsOf(type);
      // Every detector validates before any changes: an update applies everywhere or nowhere.
      for (const detector of detectors) validateThresholds(type, detector.getThresholdConfig(), changes);
      for (const detector of detectors) detector.updateThresholds(changes);
    },

    thresholdsOf(type) {
      const values: Record<string, number> = {};
      for (const detector of detectorsOf(type))
        for (const [key, setting] of Object.entries(detector.getThresholdConfig()))
          values[key] = setting.value;
      return values;
    },

    updateReferenceData(data) {
      reference.update(data);
    },

    userProfile(userId) {
      const activity = users.get(userId);
      if (activity === undefined) return undefined;
      return { ...activity.profile, alerts: { ...activity.profile.alerts }, symbols: [...activity.symbols] };
    },

    symbolProfile(symbol) {
      const activity = symbols.get(symbol);
      if (activity === undefined) return undefined;
      const { book } = activity.stream;
      const orNull = (value: number) => (Number.isNaN(value) ? null : value);
      return {
        symbol,
        orderEvents: activity.orderEvents,
        trades: activity.trades,
        lastTradePrice: orNull(book.lastTradePrice),
        bestBid: orNull(book.touch("buy")),
        bestAsk: orNull(book.touch("sell")),
        trackedOrders: book.trackedOrders,
        alerts: { ...activity.alerts },
        lastEventAt: isoOf(activity.stream.lastEventMs),
      };
    },

    openAlerts: () => alerts.openAlerts(),

    flush() {
      const flushed = [...symbols.values()].flatMap((activity) => {
        const found: TradingPattern[] = [];
        activity.stream.flush(found);
        return record(activity, isoOf(activity.stream.lastEventMs), found);
      });
      alerts.closeBefore(Number.POSITIVE_INFINITY);
      return flushed;
    },
  };
}
