/** Surveillance use cases: recording alerts, halts and their Risk notification, reference data. */
export { alertEventIdOf, alertIdOf } from "./alert-ids";
export {
  detectorSettingsChangeSchema,
  loadDetectorSettings,
  updateDetectorSettings,
} from "./detector-settings";
export type { DetectorSettings, DetectorSettingsChange } from "./detector-settings";
export { SurveillanceError } from "./errors";
export { announceHalts } from "./halt-announcer";
export type { AnnouncementRound, HaltAnnouncerPorts } from "./halt-announcer";
export type { SurveillanceProblem } from "./errors";
export { haltEventOf, haltOnCriticalAlert, liftHalt } from "./halts";
export type { LiftHaltInput } from "./halts";
export type { SurveillancePorts } from "./ports";
export { recordAlerts } from "./record-alerts";
export type { RecordAlertsOptions, RecordedAlerts } from "./record-alerts";
export { importReferenceData } from "./reference-data";
export type { ReferenceImport } from "./reference-data";
