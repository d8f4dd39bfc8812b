/**
 * Announces halts and lifts that are not yet announced (an outbox over trading_halts): publishes the
 * risk.halts message and, when a Risk service is configured, POSTs the same message to its `halts`
 * endpoint with the event_id as idempotency key, then marks the row. Runs in the worker, which holds
 * the bus, so a lift made in the web app is announced too. A failure leaves the row for the next
 * round; a message published again on a retry keeps its event_id, which consumers drop.
 */
import { TOPICS, encodeEvent } from "@nexus/core/events";
import { listHaltsToAnnounce, markHaltAnnounced } from "@nexus/db/queries/trading-halts";
import type { ServiceClient } from "@nexus/platform/http";
import { haltEventOf } from "./halts";
import type { SurveillancePorts } from "./ports";

export interface HaltAnnouncerPorts extends SurveillancePorts {
  /** The Risk service; undefined when none is configured (RISK_SERVICE_URL unset). */
  risk: Pick<ServiceClient, "post"> | undefined;
}

export interface AnnouncementRound {
  announced: number;
  /** The first failure of the round, when the bus or the Risk service refused or was unreachable. */
  failed: unknown;
}

/** One round: announces pending halts oldest first, and stops at the first failure (the rest wait). */
export async function announceHalts(ports: HaltAnnouncerPorts, limit = 100): Promise<AnnouncementRound> {
  let announced = 0;
  for (const halt of await listHaltsToAnnounce(ports.db, limit)) {
    const event = haltEventOf(halt, ports.now());
    try {
      await ports.bus.publish(TOPICS.riskHalts, [
        { key: halt.symbol ?? halt.userId, value: encodeEvent(event) },
      ]);
      await ports.risk?.post("halts", event, undefined, { idempotencyKey: event.event_id });
    } catch (error) {
      return { announced, failed: error };
    }
    await markHaltAnnounced(ports.db, { id: halt.id, status: halt.status, at: ports.now() });
    announced++;
  }
  return { announced, failed: undefined };
}
