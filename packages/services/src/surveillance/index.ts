/** Surveillance use cases: recording alerts, halts and their Risk notification, reference data. */
export { alertEventIdOf, alertIdOf } from "./alert-ids";
export {
  ALERT_ACTIONS,
  BULK_LIMIT,
  DISPOSITION_REASONS,
  alertStepSchema,
  assignAlerts,
  assignAlertsMatching,
  stepAlerts,
  stepAlertsMatching,
} from "./alert-workflow";
export { alertQueueCsv } from "./alert-export";
export { decideQa, qaDecisionSchema, qaSampleRateSchema, setQaSampleRate } from "./alert-qa";
export type { QaDecision } from "./alert-qa";
export { renderStorPdf } from "./stor-pdf";
export { storDraftOf } from "./stor-export";
export type { AlertAction, AlertStatus, AlertStep, DispositionReason } from "./alert-workflow";
export {
  detectorSettingsChangeSchema,
  loadDetectorSettings,
  updateDetectorSettings,
} from "./detector-settings";
export type { DetectorSettings, DetectorSettingsChange } from "./detector-settings";
export { SurveillanceError } from "./errors";
export { scanContractEvents } from "./file-scan";
export type { FileScanResult } from "./file-scan";
export {
  loadScanContext,
  runHistoricalScan,
  scanRequestSchema,
  replaySymbolAlerts,
  SCAN_SYMBOLS_PER_READ,
  scanSymbols,
  startScan,
} from "./historical-scan";
export type { ScanContext, ScanFanOut, ScanRequest, SymbolScanResult } from "./historical-scan";
export { ALERT_OUTBOX_GRACE_MS, publishUnpublishedAlerts } from "./alert-outbox";
export type { AlertOutboxRound } from "./alert-outbox";
export { announceHalts } from "./halt-announcer";
export type { AnnouncementRound, HaltAnnouncerPorts } from "./halt-announcer";
export type { SurveillanceProblem } from "./errors";
export { haltEventOf, haltOnCriticalAlert, liftHalt } from "./halts";
export type { LiftHaltInput } from "./halts";
export type { SurveillancePorts } from "./ports";
export { recordAlerts } from "./record-alerts";
export { raisedUnder } from "./settings-filter";
export type { RecordAlertsOptions, RecordedAlerts } from "./record-alerts";
export { importReferenceData, replaceReference } from "./reference-data";
export type { ReferenceImport } from "./reference-data";
export { bookReplayRequestSchema, replayOrderBook } from "./book-replay";
export type { BookReplay, BookReplayRequest } from "./book-replay";
export { calibrateThresholds, calibrationRequestSchema } from "./calibration";
export { CalibrationRunner } from "./calibration-runner";
export type { CalibrationRequest, CalibrationResult, ModelCalibration } from "./calibration";
export {
  PROFILE_LOOKBACK_DAYS,
  invalidateTradingProfiles,
  loadTradingProfile,
  profileCacheKey,
} from "./trading-profiles";
export type { ProfileSubject, TradingProfile } from "./trading-profiles";
