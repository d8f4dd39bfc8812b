/**
 * The calibration sandbox (issue 11): a period's stored events replayed with the live detector
 * settings and with candidate thresholds side by side, in this process, writing nothing. Per model it
 * says how many alerts each would raise, and how many of the alerts reviewers confirmed or dismissed
 * in that period the candidates would still raise: raising a threshold that silences the dismissed
 * ones while keeping the confirmed ones is the calibration a reviewer is after. Applying the
 * candidates live is updateDetectorSettings (audited with old and new values).
 */
import { ALERT_TYPES } from "@nexus/core/events";
import { THRESHOLD_DEFAULTS, validateThresholds } from "@nexus/core/surveillance";
import type { ManipulationType, SurveillanceAlert, ThresholdConfig } from "@nexus/core/surveillance";
import type { Database } from "@nexus/db/client";
import { listClosedAlerts } from "@nexus/db/queries/closed-alerts";
import type { ClosedAlert } from "@nexus/db/queries/closed-alerts";
import { symbolsTradedBetween } from "@nexus/db/queries/surveillance-scans";
import { z } from "zod";
import { alertIdOf } from "./alert-ids";
import { SurveillanceError, parseOrRefuse } from "./errors";
import { loadScanContext, replaySymbolAlerts } from "./historical-scan";
import type { ScanContext } from "./historical-scan";

/** A sandbox run is synchronous: a week of one desk's flow, not a year of the market. */
const MAX_PERIOD_MS = 7 * 86_400_000;

const symbolSchema = z.string().regex(/^[A-Z0-9.-]{1,20}$/, "expected 1-20 characters of A-Z 0-9 . -");

export const calibrationRequestSchema = z
  .strictObject({
    from: z.coerce.date({ error: "expected an ISO-8601 date or time" }),
    to: z.coerce.date({ error: "expected an ISO-8601 date or time" }),
    symbols: z.array(symbolSchema).min(1).max(1000).optional(),
    /** Per model, the thresholds to try (on top of the live ones); models left out run as live. */
    candidates: z.partialRecord(z.enum(ALERT_TYPES), z.record(z.string(), z.number())),
  })
  .refine((request) => request.from < request.to, { path: ["to"], message: "must be after from" })
  .refine((request) => request.to.getTime() - request.from.getTime() <= MAX_PERIOD_MS, {
    path: ["to"],
    message: "a sandbox period is at most 7 days",
  });
export type CalibrationRequest = z.input<typeof calibrationRequestSchema>;

export interface DispositionReplay {
  /** Alerts of this model reviewers closed this way in the period. */
  total: number;
  /** How many of them the settings would raise again. */
  stillRaised: number;
}

export interface ModelCalibration {
  type: ManipulationType;
  liveThresholds: Record<string, number>;
  candidateThresholds: Record<string, number>;
  liveAlerts: number;
  candidateAlerts: number;
  confirmed: { live: DispositionReplay; candidate: DispositionReplay };
  dismissed: { live: DispositionReplay; candidate: DispositionReplay };
}

export interface CalibrationResult {
  from: Date;
  to: Date;
  symbols: number;
  events: number;
  models: ModelCalibration[];
}

/** The live settings with a model's thresholds replaced by the candidates (refused with the key at fault). */
function candidateContext(live: ScanContext, candidates: CalibrationRequest["candidates"]): ScanContext {
  return {
    reference: live.reference,
    settings: live.settings.map((settings) => {
      const changes = candidates[settings.type];
      if (changes === undefined) return settings;
      try {
        const config = THRESHOLD_DEFAULTS[settings.type] as ThresholdConfig;
        return {
          ...settings,
          thresholds: validateThresholds(settings.type, config, { ...settings.overrides, ...changes }),
        };
      } catch (error) {
        throw new SurveillanceError("invalid", (error as Error).message, `candidates.${settings.type}`);
      }
    }),
  };
}

/**
 * A closed alert is raised again when an alert of the same model, user and symbol covers part of its
 * episode (thresholds move where an episode starts, so the id a pattern gets may change; its time does not).
 */
function raisedAgain(closed: ClosedAlert, alerts: readonly SurveillanceAlert[]): boolean {
  const first = closed.firstEventAt ?? closed.detectedAt;
  const last = closed.lastEventAt ?? closed.detectedAt;
  return alerts.some(
    (alert) =>
      alert.type === closed.alertType &&
      alert.userId === closed.userId &&
      alert.symbol === closed.symbol &&
      Date.parse(alert.firstEventAt) <= last.getTime() &&
      Date.parse(alert.lastEventAt) >= first.getTime(),
  );
}

function replayOf(closed: readonly ClosedAlert[], alerts: readonly SurveillanceAlert[]): DispositionReplay {
  return { total: closed.length, stillRaised: closed.filter((alert) => raisedAgain(alert, alerts)).length };
}

export async function calibrateThresholds(
  db: Database,
  input: CalibrationRequest,
): Promise<CalibrationResult> {
  const request = parseOrRefuse(calibrationRequestSchema, input);
  const live = await loadScanContext(db);
  const candidate = candidateContext(live, request.candidates);
  const period = { from: request.from, to: request.to };
  const [symbols, closed] = await Promise.all([
    request.symbols ?? symbolsTradedBetween(db, period),
    listClosedAlerts(db, {
      ...period,
      ...(request.symbols === undefined ? {} : { symbols: request.symbols }),
    }),
  ]);
  // An alert deduplication widened comes back once per update: the map keeps each alert once.
  const liveAlerts = new Map<string, SurveillanceAlert>();
  const candidateAlerts = new Map<string, SurveillanceAlert>();
  let events = 0;
  for (const symbol of symbols) {
    const replay = await replaySymbolAlerts(
      db,
      { symbol, ...period, userIds: [] },
      [live, candidate],
      // The live pipeline's ids: an alert both raise is the same alert.
      (pattern) => alertIdOf(pattern, null),
    );
    events += replay.events;
    for (const alert of replay.alerts[0] ?? []) liveAlerts.set(alert.alertId, alert);
    for (const alert of replay.alerts[1] ?? []) candidateAlerts.set(alert.alertId, alert);
  }
  const models = ALERT_TYPES.map((type): ModelCalibration => {
    const ofType = (alerts: Map<string, SurveillanceAlert>) =>
      [...alerts.values()].filter((alert) => alert.type === type);
    const liveOfType = ofType(liveAlerts);
    const candidateOfType = ofType(candidateAlerts);
    const closedOf = (status: ClosedAlert["status"]) =>
      closed.filter((alert) => alert.alertType === type && alert.status === status);
    const confirmed = closedOf("closed_reported");
    const dismissed = closedOf("closed_no_action");
    const thresholdsOf = (context: ScanContext) =>
      context.settings.find((settings) => settings.type === type)?.thresholds ?? {};
    return {
      type,
      liveThresholds: thresholdsOf(live),
      candidateThresholds: thresholdsOf(candidate),
      liveAlerts: liveOfType.length,
      candidateAlerts: candidateOfType.length,
      confirmed: { live: replayOf(confirmed, liveOfType), candidate: replayOf(confirmed, candidateOfType) },
      dismissed: { live: replayOf(dismissed, liveOfType), candidate: replayOf(dismissed, candidateOfType) },
    };
  });
  return { from: request.from, to: request.to, symbols: symbols.length, events, models };
}
