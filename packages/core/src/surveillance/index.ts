/**
 * Market surveillance: six incremental detectors (spoofing, layering, wash trading, momentum ignition,
 * front running, quote stuffing) over the contract's order and trade events, scored and deduplicated
 * alerts, and the mapping to the published surveillance.alerts message. Pure: no clock, no I/O.
 */
export { toSurveillanceAlertEvent } from "./alert-event.js";
export { BuiltInDetector } from "./detector.js";
export type { DetectorOptions, StreamingPatternDetector, SymbolDetector } from "./detector.js";
export { FrontRunningDetector } from "./detectors/front-running.js";
export { LayeringDetector } from "./detectors/layering.js";
export { MomentumDetector } from "./detectors/momentum.js";
export { QuoteStuffingDetector } from "./detectors/quote-stuffing.js";
export { SpoofingDetector } from "./detectors/spoofing.js";
export { WashTradingDetector } from "./detectors/wash-trading.js";
export { createSurveillanceEngine } from "./engine.js";
export type { SurveillanceEngine, SurveillanceEngineOptions } from "./engine.js";
export { DEFAULT_BOOK_OPTIONS, MARKET_MAKING_MEMORY_MS } from "./market-view.js";
export type {
  ObservedOrder,
  ObservedTrade,
  SymbolBook,
  SymbolBookOptions,
  TrackedOrder,
} from "./market-view.js";
export type { SymbolProfile, UserProfile } from "./profiles.js";
export {
  CONFIDENCE_FLOOR,
  DEFAULT_SEVERITY_CUTOFFS,
  confidenceOf,
  recommendedActionOf,
  severityOf,
} from "./scoring.js";
export type { SeverityCutoffs } from "./scoring.js";
export { THRESHOLD_DEFAULTS, validateThresholds } from "./thresholds.js";
export type { ThresholdOverrides, Thresholds } from "./thresholds.js";
export type {
  AlertEvidence,
  AlertSeverity,
  DetectionWindow,
  ManipulationType,
  PatternDetector,
  SurveillanceAlert,
  ThresholdConfig,
  ThresholdCrossing,
  ThresholdSetting,
  TimelineEntry,
  TradingPattern,
} from "./types.js";
