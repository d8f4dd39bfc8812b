/**
 * Tells the Risk service of halts and lifts it has not acknowledged (an outbox over trading_halts:
 * the pipeline only writes the row, so a Risk outage never blocks detection). The body is the
 * risk.halts contract message, POSTed to `halts` with its event_id as the idempotency key, so a retry
 * after a timeout cannot apply a halt twice. A failure leaves the row pending for the next round.
 */
import type { Database } from "@nexus/db/client";
import { listHaltsPendingRisk, markRiskNotified } from "@nexus/db/queries/trading-halts";
import type { ServiceClient } from "@nexus/platform/http";
import { haltEventOf } from "./halts";

export interface RiskNotifierPorts {
  db: Database;
  risk: Pick<ServiceClient, "post">;
  now: () => Date;
}

export interface RiskNotificationRound {
  sent: number;
  /** The first failure of the round, when the service refused or could not be reached. */
  failed: unknown;
}

/** One round: sends pending halts oldest first, and stops at the first failure (the rest wait). */
export async function notifyRiskService(
  ports: RiskNotifierPorts,
  limit = 100,
): Promise<RiskNotificationRound> {
  let sent = 0;
  for (const halt of await listHaltsPendingRisk(ports.db, limit)) {
    const event = haltEventOf(halt, ports.now());
    try {
      await ports.risk.post("halts", event, undefined, { idempotencyKey: event.event_id });
    } catch (error) {
      return { sent, failed: error };
    }
    await markRiskNotified(ports.db, { id: halt.id, status: halt.status, at: ports.now() });
    sent++;
  }
  return { sent, failed: undefined };
}
