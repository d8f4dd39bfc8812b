import { decimalToString, type Decimal } from "../money";
import type { RoutingDecisionEvent, RoutingExecutionEvent } from "../events/index";
import type { RoutedExecution, RoutingDecision } from "./decision";

/** The contract carries at most 12 fraction digits (events/fields.ts); averages are rounded half-even to that. */
const WIRE_FRACTION_DIGITS = 12;

function wire(value: Decimal): string {
  return decimalToString(value.toDecimalPlaces(WIRE_FRACTION_DIGITS));
}

export interface EventEnvelope {
  eventId: string;
}

/** `routing.decision` for the routing.decisions topic (published by the next issue's worker). */
export function toRoutingDecisionEvent(
  decision: RoutingDecision,
  envelope: EventEnvelope,
): RoutingDecisionEvent {
  return {
    event_id: envelope.eventId,
    event_type: "routing.decision",
    occurred_at: new Date(decision.decidedAt).toISOString(),
    decision_id: decision.decisionId,
    order_id: decision.orderId,
    user_id: decision.userId,
    symbol: decision.symbol,
    side: decision.side,
    quantity: wire(decision.quantity),
    strategy: decision.strategy,
    selected_venue_id: decision.venueId,
    expected_price: wire(decision.expectedPrice),
    expected_fill_rate: decision.fillProbability,
    reason: decision.reason,
    alternatives: decision.alternatives.map((a) => ({
      venue_id: a.venueId,
      expected_price: wire(a.expectedPrice),
      expected_fill_rate: a.fillProbability,
      reason: a.reason,
    })),
  };
}

/** `routing.execution` for the routing.executions topic; price_improvement is per share (Rule 605's unit). */
export function toRoutingExecutionEvent(
  execution: RoutedExecution,
  envelope: EventEnvelope,
): RoutingExecutionEvent {
  return {
    event_id: envelope.eventId,
    event_type: "routing.execution",
    occurred_at: new Date(execution.executedAt).toISOString(),
    execution_id: execution.executionId,
    decision_id: execution.decisionId,
    order_id: execution.orderId,
    symbol: execution.symbol,
    venue_id: execution.venueId,
    executed_quantity: wire(execution.executedQuantity),
    executed_price: execution.executedPrice === null ? null : wire(execution.executedPrice),
    latency_ms: execution.latencyMs,
    fee: wire(execution.fee),
    price_improvement: wire(execution.priceImprovementPerShare),
    execution_quality: execution.quality,
  };
}
