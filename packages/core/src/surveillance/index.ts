/**
 * Market surveillance: six incremental detectors (spoofing, layering, wash trading, momentum ignition,
 * front running, quote stuffing) over the contract's order and trade events, scored and deduplicated
 * alerts, and the mapping to the published surveillance.alerts message. Pure: no clock, no I/O.
 */
export { toSurveillanceAlertEvent } from "./alert-event";
export { BuiltInDetector } from "./detector";
export type { DetectorOptions, StreamingPatternDetector, SymbolDetector } from "./detector";
export { FrontRunningDetector } from "./detectors/front-running";
export { LayeringDetector } from "./detectors/layering";
export { MomentumDetector } from "./detectors/momentum";
export { QuoteStuffingDetector } from "./detectors/quote-stuffing";
export { SpoofingDetector } from "./detectors/spoofing";
export { WashTradingDetector } from "./detectors/wash-trading";
export { createSurveillanceEngine } from "./engine";
export type { SurveillanceEngine, SurveillanceEngineOptions } from "./engine";
export { DEFAULT_BOOK_OPTIONS, MARKET_MAKING_MEMORY_MS } from "./market-view";
export type {
  ObservedOrder,
  ObservedTrade,
  SymbolBook,
  SymbolBookOptions,
  TrackedOrder,
} from "./market-view";
export type { SymbolProfile, UserProfile } from "./profiles";
export {
  CONFIDENCE_FLOOR,
  DEFAULT_SEVERITY_CUTOFFS,
  confidenceOf,
  recommendedActionOf,
  severityOf,
} from "./scoring";
export type { SeverityCutoffs } from "./scoring";
export { THRESHOLD_DEFAULTS, validateThresholds } from "./thresholds";
export type { ThresholdOverrides, Thresholds } from "./thresholds";
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
} from "./types";
export { EMPTY_REFERENCE_DATA, referenceDataOf, referenceFileSchema } from "./reference-data";
export type { Desk, ReferenceFile, SurveillanceReferenceData } from "./reference-data";
export { eventTimeMs } from "./event-time";
export { sampledForQa } from "./review/qa-sampling";
export { buildStorDraft, storDraftSchema } from "./review/stor-draft";
export type { StorDraft, StorDraftInput } from "./review/stor-draft";
