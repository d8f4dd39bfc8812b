import { ALERT_TYPES } from "@nexus/core/events";
import type { ManipulationLabel, ManipulationType } from "./label";

/**
 * Scoring of surveillance alerts against the simulator's ground truth (the rule of the surveillance
 * brief): an alert matches a label when type and symbol are equal, the alert names the label's
 * manipulator or one of its counterparties, and it shares an order id with the label or its
 * [firstEventAt, lastEventAt] overlaps [startedAt - 5 s, endedAt + 5 s]. Pure and data-only.
 */

/** What scoring reads of an alert (a structural subset of @nexus/core/surveillance's SurveillanceAlert). */
export interface ScoredAlert {
  alertId: string;
  type: ManipulationType;
  userId: string;
  symbol: string;
  firstEventAt: string;
  lastEventAt: string;
  relatedOrderIds: readonly string[];
}

export interface TypeScore {
  type: ManipulationType;
  precision: number;
  recall: number;
  alerts: number;
  labelled: number;
}

export interface MarketMakerCheck {
  check: "market_makers";
  spoofing: number;
  quote_stuffing: number;
}

/** Issue 3's targets. */
export const TARGET_PRECISION = 0.9;
export const TARGET_RECALL = 0.9;
export const MATCH_SLACK_MS = 5_000;

export function alertMatchesLabel(alert: ScoredAlert, label: ManipulationLabel): boolean {
  if (alert.type !== label.type || alert.symbol !== label.symbol) return false;
  if (alert.userId !== label.userId && !label.counterpartyUserIds.includes(alert.userId)) return false;
  if (alert.relatedOrderIds.some((orderId) => label.orderIds.includes(orderId))) return true;
  return (
    Date.parse(alert.firstEventAt) <= Date.parse(label.endedAt) + MATCH_SLACK_MS &&
    Date.parse(alert.lastEventAt) >= Date.parse(label.startedAt) - MATCH_SLACK_MS
  );
}

/**
 * Precision and recall per type, in ALERT_TYPES order. A type without alerts has precision 0 (nothing
 * shows the detector right), a type without labels recall 0 (the run did not test it): both fail.
 */
export function scoreAlerts(
  alerts: readonly ScoredAlert[],
  labels: readonly ManipulationLabel[],
): TypeScore[] {
  // Candidates by type, symbol and named user: each alert is compared with a handful of labels only.
  const candidates = new Map<string, ManipulationLabel[]>();
  for (const label of labels)
    for (const userId of new Set([label.userId, ...label.counterpartyUserIds])) {
      const key = keyOf(label.type, label.symbol, userId);
      const list = candidates.get(key);
      if (list === undefined) candidates.set(key, [label]);
      else list.push(label);
    }
  const matchedAlerts = new Set<string>();
  const matchedLabels = new Set<string>();
  for (const alert of alerts)
    for (const label of candidates.get(keyOf(alert.type, alert.symbol, alert.userId)) ?? [])
      if (alertMatchesLabel(alert, label)) {
        matchedAlerts.add(alert.alertId);
        matchedLabels.add(label.labelId);
      }
  return ALERT_TYPES.map((type) => {
    const typeAlerts = alerts.filter((alert) => alert.type === type);
    const typeLabels = labels.filter((label) => label.type === type);
    const hits = typeAlerts.filter((alert) => matchedAlerts.has(alert.alertId)).length;
    const found = typeLabels.filter((label) => matchedLabels.has(label.labelId)).length;
    return {
      type,
      precision: typeAlerts.length === 0 ? 0 : round4(hits / typeAlerts.length),
      recall: typeLabels.length === 0 ? 0 : round4(found / typeLabels.length),
      alerts: typeAlerts.length,
      labelled: typeLabels.length,
    };
  });
}

/** Spoofing and quote-stuffing alerts naming a market maker: there must be none. */
export function marketMakerCheck(
  alerts: readonly ScoredAlert[],
  marketMakerIds: Iterable<string>,
): MarketMakerCheck {
  const makers = new Set(marketMakerIds);
  const count = (type: ManipulationType): number =>
    alerts.filter((alert) => alert.type === type && makers.has(alert.userId)).length;
  return { check: "market_makers", spoofing: count("spoofing"), quote_stuffing: count("quote_stuffing") };
}

/** The targets a run missed, in words; empty when it met them all. */
export function missedTargets(scores: readonly TypeScore[], makers: MarketMakerCheck): string[] {
  const missed = scores.flatMap((score) => [
    ...(score.precision < TARGET_PRECISION
      ? [`${score.type} precision ${score.precision} < ${TARGET_PRECISION}`]
      : []),
    ...(score.recall < TARGET_RECALL ? [`${score.type} recall ${score.recall} < ${TARGET_RECALL}`] : []),
  ]);
  if (makers.spoofing > 0) missed.push(`${makers.spoofing} spoofing alert(s) on market makers`);
  if (makers.quote_stuffing > 0)
    missed.push(`${makers.quote_stuffing} quote_stuffing alert(s) on market makers`);
  return missed;
}

function keyOf(type: ManipulationType, symbol: string, userId: string): string {
  return `${type}\u0000${symbol}\u0000${userId}`;
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
