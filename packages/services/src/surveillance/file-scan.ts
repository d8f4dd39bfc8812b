/**
 * Surveillance over a file of contract events, without a database (`nexus scan --file`): for
 * back-tests and regulators' data requests. Events are put in event-time order first (a file written
 * per topic, or concatenated from several, is not), run through a fresh engine with the given
 * reference data, and every alert state is returned as the surveillance.alerts message the live
 * pipeline would publish: same alert ids and message ids (they follow from the pattern), with
 * occurred_at the event time at which it was detected rather than the time of publication.
 */
import { EventSequencer, SAME_INSTANT_RANK } from "@nexus/core/events";
import type {
  ConsumedEvent,
  OrderEvent,
  SurveillanceAlertEvent,
  TradeExecutedEvent,
} from "@nexus/core/events";
import {
  EMPTY_REFERENCE_DATA,
  createSurveillanceEngine,
  eventTimeMs,
  toSurveillanceAlertEvent,
} from "@nexus/core/surveillance";
import type { SurveillanceAlert, SurveillanceReferenceData } from "@nexus/core/surveillance";
import { alertEventIdOf, alertIdOf } from "./alert-ids";

export interface FileScanResult {
  /** One message per alert state, in the order they were raised. */
  alerts: SurveillanceAlertEvent[];
  /** Order and trade events scanned (quotes are skipped). */
  events: number;
}

export function scanContractEvents(
  events: Iterable<ConsumedEvent>,
  reference: SurveillanceReferenceData = EMPTY_REFERENCE_DATA,
): FileScanResult {
  const sequencer = new EventSequencer<OrderEvent | TradeExecutedEvent>({
    holdMs: 0,
    // Sub-millisecond digits kept: quote stuffing's bursts are ordered within a millisecond.
    timeOf: (event) => eventTimeMs(event.occurred_at),
    rankOf: (event) => SAME_INSTANT_RANK[event.event_type],
  });
  let count = 0;
  for (const event of events) {
    if (event.event_type === "quote") continue;
    sequencer.push(event, count++);
  }
  const engine = createSurveillanceEngine({ newId: (pattern) => alertIdOf(pattern, null), reference });
  const raised: SurveillanceAlert[] = [];
  for (const event of sequencer.drain())
    raised.push(
      ...(event.event_type === "trade.executed"
        ? engine.processTradeEvent(event)
        : engine.processOrderEvent(event)),
    );
  raised.push(...engine.flush());
  // The engine reports an alert state more than once only when nothing changed in between (a flush
  // closing an alert it just reported); the message id of a state is unique, so keep each once.
  const seen = new Set<string>();
  const alerts: SurveillanceAlertEvent[] = [];
  for (const alert of raised) {
    const eventId = alertEventIdOf(alert);
    if (seen.has(eventId)) continue;
    seen.add(eventId);
    alerts.push(toSurveillanceAlertEvent(alert, { eventId, occurredAt: alert.detectedAt }));
  }
  return { alerts, events: count };
}
