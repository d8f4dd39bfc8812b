import type { RouterOutputs } from "@nexus/api";

type QueueRow = RouterOutputs["alerts"]["queue"]["rows"][number];
export type AlertStatus = QueueRow["status"];
export type AlertSeverity = QueueRow["severity"];
export type AlertType = QueueRow["alertType"];

/** The workflow's words (issue 11: open -> reviewing -> escalated / dismissed / confirmed). */
export const STATUS_LABELS: Record<AlertStatus, string> = {
  open: "Open",
  under_review: "Reviewing",
  escalated: "Escalated",
  closed_no_action: "Dismissed",
  closed_reported: "Confirmed",
};
export const STATUSES = Object.keys(STATUS_LABELS) as AlertStatus[];

export const TYPE_LABELS: Record<AlertType, string> = {
  spoofing: "Spoofing",
  layering: "Layering",
  wash_trading: "Wash trading",
  momentum: "Momentum ignition",
  front_running: "Front running",
  quote_stuffing: "Quote stuffing",
};
export const TYPES = Object.keys(TYPE_LABELS) as AlertType[];

export const SEVERITIES: AlertSeverity[] = ["critical", "high", "medium", "low"];

/** Whole days an alert has waited since it was detected (the queue's ageing column). */
export function daysOpen(detectedAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - detectedAt.getTime()) / 86_400_000));
}
