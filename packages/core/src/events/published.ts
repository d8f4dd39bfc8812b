import { z } from "zod";
import {
  identifierString,
  nonNegativeDecimalString,
  positiveDecimalString,
  sideEnum,
  signedDecimalString,
  symbolString,
  textString,
  timestampString,
  uuidString,
} from "./fields";

/**
 * docs/events.md "Published by NexusTrade": what NexusTrade sends. The first contract named the routing
 * fields only in prose; the snake_case names below are the ones we publish (extend them only with
 * optional fields).
 */

const ratio = z
  .number({ error: "expected a number between 0 and 1" })
  .min(0, { error: "expected a number between 0 and 1" })
  .max(1, { error: "expected a number between 0 and 1" });

export const ALERT_TYPES = [
  "spoofing",
  "layering",
  "wash_trading",
  "momentum",
  "front_running",
  "quote_stuffing",
] as const;
export const SEVERITIES = ["low", "medium", "high", "critical"] as const;

export const surveillanceAlertEventSchema = z.object({
  event_id: uuidString,
  event_type: z.literal("surveillance.alert", { error: 'expected "surveillance.alert"' }),
  occurred_at: timestampString,
  alert_id: uuidString,
  alert_type: z.enum(ALERT_TYPES, { error: `expected one of ${ALERT_TYPES.join(", ")}` }),
  severity: z.enum(SEVERITIES, { error: `expected one of ${SEVERITIES.join(", ")}` }),
  user_id: uuidString,
  symbol: symbolString,
  detected_at: timestampString,
  description: textString,
  // Kept as sent, not copied key by key: a copy would turn a "__proto__" key into a prototype.
  evidence: z.custom<Record<string, unknown>>(
    (value) => typeof value === "object" && value !== null && !Array.isArray(value),
    { error: "expected a JSON object" },
  ),
  related_order_ids: z.array(uuidString, { error: "expected an array of UUID strings" }),
  confidence_score: ratio,
  recommended_action: textString,
});
export type SurveillanceAlertEvent = z.output<typeof surveillanceAlertEventSchema>;

/** A halt names what it stops: scope user needs user_id, symbol needs symbol, user_symbol needs both. */
export const riskHaltEventSchema = z
  .object({
    event_id: uuidString,
    event_type: z.enum(["risk.halt", "risk.halt_lifted"], {
      error: 'expected "risk.halt" or "risk.halt_lifted"',
    }),
    occurred_at: timestampString,
    halt_id: uuidString,
    scope: z.enum(["user", "symbol", "user_symbol"], { error: 'expected "user", "symbol" or "user_symbol"' }),
    user_id: uuidString.optional(),
    symbol: symbolString.optional(),
    reason: textString,
    alert_id: uuidString.optional(),
  })
  .superRefine((halt, context) => {
    if (halt.scope !== "symbol" && halt.user_id === undefined) {
      context.addIssue({ code: "custom", path: ["user_id"], message: `required for scope ${halt.scope}` });
    }
    if (halt.scope !== "user" && halt.symbol === undefined) {
      context.addIssue({ code: "custom", path: ["symbol"], message: `required for scope ${halt.scope}` });
    }
  });
export type RiskHaltEvent = z.output<typeof riskHaltEventSchema>;

export const routingAlternativeSchema = z.object({
  venue_id: identifierString,
  expected_price: positiveDecimalString,
  expected_fill_rate: ratio,
  reason: textString.optional(),
});
export type RoutingAlternative = z.output<typeof routingAlternativeSchema>;

export const routingDecisionEventSchema = z.object({
  event_id: uuidString,
  event_type: z.literal("routing.decision", { error: 'expected "routing.decision"' }),
  occurred_at: timestampString,
  decision_id: uuidString,
  order_id: uuidString,
  user_id: uuidString,
  symbol: symbolString,
  side: sideEnum,
  quantity: positiveDecimalString,
  strategy: identifierString,
  selected_venue_id: identifierString,
  expected_price: positiveDecimalString,
  expected_fill_rate: ratio,
  reason: textString,
  alternatives: z.array(routingAlternativeSchema, { error: "expected an array of alternatives" }),
});
export type RoutingDecisionEvent = z.output<typeof routingDecisionEventSchema>;

export const routingExecutionEventSchema = z.object({
  event_id: uuidString,
  event_type: z.literal("routing.execution", { error: 'expected "routing.execution"' }),
  occurred_at: timestampString,
  execution_id: uuidString,
  decision_id: uuidString.optional(),
  order_id: uuidString,
  symbol: symbolString,
  venue_id: identifierString,
  executed_quantity: nonNegativeDecimalString,
  executed_price: positiveDecimalString.nullable(),
  latency_ms: z
    .number({ error: "expected a number of milliseconds >= 0" })
    .min(0, { error: "expected a number of milliseconds >= 0" }),
  fee: signedDecimalString,
  price_improvement: signedDecimalString,
  execution_quality: z.enum(["excellent", "good", "neutral", "poor"], {
    error: 'expected "excellent", "good", "neutral" or "poor"',
  }),
});
export type RoutingExecutionEvent = z.output<typeof routingExecutionEventSchema>;

export type PublishedEvent =
  SurveillanceAlertEvent | RiskHaltEvent | RoutingDecisionEvent | RoutingExecutionEvent;
