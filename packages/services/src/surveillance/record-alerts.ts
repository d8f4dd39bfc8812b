/**
 * What happens to the alerts the engine raises: each new alert or update is stored in
 * surveillance_alerts and published on surveillance.alerts, and a live critical alert halts its user on
 * its symbol. Safe to repeat: alert ids and message ids follow from the pattern and the update count,
 * so a batch retried after a failure, an event delivered twice or a state rebuilt from stored events
 * recomputes what is stored, and only alerts whose update count grew are stored and published again.
 *
 * Stored first, with its message (an outbox, surveillance_alerts.unpublished_message), then published:
 * the alert is in the compliance queue without waiting for the bus, and a crash or a bus outage between
 * the two leaves the message stored, for the outbox's round to publish (alert-outbox.ts) under the same
 * event_id, which consumers drop if they already had it (docs/events.md).
 */
import { TOPICS, encodeEvent } from "@nexus/core/events";
import type { SurveillanceAlertEvent } from "@nexus/core/events";
import { toSurveillanceAlertEvent } from "@nexus/core/surveillance";
import type { SurveillanceAlert } from "@nexus/core/surveillance";
import { markAlertsPublished, storeAlerts } from "@nexus/db/queries/surveillance-alerts";
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
  /** The surveillance.alerts messages of the changed live alerts (none for a scan), published or kept to publish. */
  messages: SurveillanceAlertEvent[];
  /** Why the messages could not be published now (the outbox's round publishes them); undefined when they were. */
  publishFailure: unknown;
  halts: HaltRow[];
}

/** An alert to store, with its message and the message's text when it is live. */
interface Candidate {
  alert: SurveillanceAlert;
  live: { message: SurveillanceAlertEvent; encoded: string } | undefined;
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
  const live = options.scanId === null;
  const occurredAt = ports.now().toISOString();
  const candidates = new Map<string, Candidate>();
  for (const alert of latest.values()) {
    const message = live
      ? toSurveillanceAlertEvent(alert, { eventId: alertEventIdOf(alert), occurredAt })
      : undefined;
    candidates.set(alert.alertId, { alert, live: message && { message, encoded: encodeEvent(message) } });
  }
  // The store keeps only states whose update count grew, and says which.
  const stored = await storeAlerts(
    ports.db,
    [...candidates.values()].map((candidate) => ({
      alert: candidate.alert,
      scanId: options.scanId ?? undefined,
      detectorVersion: options.detectorVersionOf?.(candidate.alert.type),
      message: candidate.live?.encoded,
    })),
  );
  const storedCandidates = stored.map((state) => candidates.get(state.id) as Candidate);
  const changed = storedCandidates.map((candidate) => candidate.alert);
  if (!live) return { changed, messages: [], publishFailure: undefined, halts: [] };

  // Halts first: a critical alert's halt does not wait for the bus.
  const halts: HaltRow[] = [];
  for (const alert of changed.filter((candidate) => candidate.severity === "critical")) {
    const halt = await haltOnCriticalAlert(ports, alert);
    if (halt !== undefined) halts.push(halt);
  }
  const toPublish = storedCandidates.flatMap((candidate) =>
    candidate.live === undefined ? [] : [candidate.live],
  );
  const messages = toPublish.map((entry) => entry.message);
  if (messages.length === 0) return { changed, messages, publishFailure: undefined, halts };
  try {
    await ports.bus.publish(
      TOPICS.surveillanceAlerts,
      toPublish.map((entry) => ({ key: entry.message.symbol, value: entry.encoded })),
    );
  } catch (error) {
    return { changed, messages, publishFailure: error, halts };
  }
  await markAlertsPublished(ports.db, stored);
  return { changed, messages, publishFailure: undefined, halts };
}
