/**
 * What happens to the alerts the engine raises: each new alert or update is published on
 * surveillance.alerts and stored in surveillance_alerts, and a live critical alert halts its user on
 * its symbol. Safe to repeat: alert ids and message ids follow from the pattern and the update count,
 * so a batch retried after a failure, an event delivered twice or a state rebuilt from stored events
 * recomputes what is stored, and only alerts whose update count grew are published again.
 *
 * Published before stored: a crash in between republishes the same message (same event_id, dropped by
 * consumers, docs/events.md) instead of storing an alert nobody was told of.
 */
import { TOPICS, encodeEvent } from "@nexus/core/events";
import type { SurveillanceAlertEvent } from "@nexus/core/events";
import { toSurveillanceAlertEvent } from "@nexus/core/surveillance";
import type { SurveillanceAlert } from "@nexus/core/surveillance";
import { storeAlerts, storedUpdateCounts } from "@nexus/db/queries/surveillance-alerts";
import type { HaltRow } from "@nexus/db/queries/trading-halts";
import { alertEventIdOf } from "./alert-ids";
import { haltOnCriticalAlert } from "./halts";
import type { SurveillancePorts } from "./ports";

export interface RecordAlertsOptions {
  /** The historical scan the alerts belong to; null for the live pipeline (which alone publishes and halts). */
  scanId: string | null;
  /** Version of each type's detector_configs row the engine ran with. */
  detectorVersionOf?: (type: SurveillanceAlert["type"]) => number;
}

export interface RecordedAlerts {
  /** Alerts new or updated by this call (the latest state of each). */
  changed: SurveillanceAlert[];
  /** The surveillance.alerts messages published for them (none for a scan). */
  published: SurveillanceAlertEvent[];
  halts: HaltRow[];
}

export async function recordAlerts(
  ports: SurveillancePorts,
  alerts: readonly SurveillanceAlert[],
  options: RecordAlertsOptions,
): Promise<RecordedAlerts> {
  const latest = new Map<string, SurveillanceAlert>();
  for (const alert of alerts) {
    const seen = latest.get(alert.alertId);
    if (seen === undefined || seen.updates <= alert.updates) latest.set(alert.alertId, alert);
  }
  const stored = await storedUpdateCounts(ports.db, [...latest.keys()]);
  const changed = [...latest.values()].filter((alert) => (stored.get(alert.alertId) ?? -1) < alert.updates);
  if (changed.length === 0) return { changed, published: [], halts: [] };

  const live = options.scanId === null;
  const occurredAt = ports.now().toISOString();
  const published = live
    ? changed.map((alert) => toSurveillanceAlertEvent(alert, { eventId: alertEventIdOf(alert), occurredAt }))
    : [];
  if (published.length > 0)
    await ports.bus.publish(
      TOPICS.surveillanceAlerts,
      published.map((message) => ({ key: message.symbol, value: encodeEvent(message) })),
    );
  await storeAlerts(
    ports.db,
    changed.map((alert) => ({
      alert,
      scanId: options.scanId ?? undefined,
      detectorVersion: options.detectorVersionOf?.(alert.type),
    })),
  );
  const halts: HaltRow[] = [];
  if (live)
    for (const alert of changed.filter((candidate) => candidate.severity === "critical")) {
      const halt = await haltOnCriticalAlert(ports, alert);
      if (halt !== undefined) halts.push(halt);
    }
  return { changed, published, halts };
}
