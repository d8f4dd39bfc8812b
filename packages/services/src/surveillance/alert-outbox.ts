/**
 * Publishes the live alert states stored but not yet published (an outbox over surveillance_alerts,
 * see record-alerts.ts): what a crash between storing and publishing, or a bus outage, left behind.
 * The messages are the ones stored, so each keeps its event_id and consumers drop one they already had.
 */
import { TOPICS } from "@nexus/core/events";
import { listUnpublishedAlerts, markAlertsPublished } from "@nexus/db/queries/surveillance-alerts";
import type { SurveillancePorts } from "./ports";

/**
 * How long a stored message is left to the pipeline that stored it (which publishes it at once) before
 * a round publishes it: a round does not race the pipeline into sending each alert twice.
 */
export const ALERT_OUTBOX_GRACE_MS = 5_000;

export interface AlertOutboxRound {
  published: number;
  /** Why the bus refused the round's messages (they wait for the next round); undefined otherwise. */
  failed: unknown;
}

/**
 * One round: publishes up to `limit` messages that have waited `graceMs` or more, oldest first, in one
 * request to the bus.
 */
export async function publishUnpublishedAlerts(
  ports: SurveillancePorts,
  { limit = 500, graceMs = ALERT_OUTBOX_GRACE_MS }: { limit?: number; graceMs?: number } = {},
): Promise<AlertOutboxRound> {
  const waiting = await listUnpublishedAlerts(ports.db, {
    storedBefore: new Date(ports.now().getTime() - graceMs),
    limit,
  });
  if (waiting.length === 0) return { published: 0, failed: undefined };
  try {
    await ports.bus.publish(
      TOPICS.surveillanceAlerts,
      waiting.map((alert) => ({ key: alert.symbol, value: alert.message })),
    );
  } catch (error) {
    return { published: 0, failed: error };
  }
  await markAlertsPublished(ports.db, waiting);
  return { published: waiting.length, failed: undefined };
}
