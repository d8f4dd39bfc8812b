import type { SurveillanceAlertEvent } from "../events/index";
import type { SurveillanceAlert } from "./types";

/**
 * The contract's surveillance.alerts message for an alert (pure: the publisher supplies the event id and
 * the publication time). The evidence object carries metrics, thresholds and timeline as they are, plus
 * the alert's episode window and update count, which the contract has no fields for.
 */
export function toSurveillanceAlertEvent(
  alert: SurveillanceAlert,
  meta: { eventId: string; occurredAt: string },
): SurveillanceAlertEvent {
  return {
    event_id: meta.eventId,
    event_type: "surveillance.alert",
    occurred_at: meta.occurredAt,
    alert_id: alert.alertId,
    alert_type: alert.type,
    severity: alert.severity,
    user_id: alert.userId,
    symbol: alert.symbol,
    detected_at: alert.detectedAt,
    description: alert.description,
    evidence: {
      metrics: alert.evidence.metrics,
      thresholds: alert.evidence.thresholds,
      timeline: alert.evidence.timeline,
      first_event_at: alert.firstEventAt,
      last_event_at: alert.lastEventAt,
      updates: alert.updates,
    },
    related_order_ids: alert.relatedOrderIds,
    confidence_score: alert.confidence,
    recommended_action: alert.recommendedAction,
  };
}
