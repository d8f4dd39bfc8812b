import type { z } from "zod";
import { orderEventSchema, quoteEventSchema, tradeExecutedEventSchema } from "../consumed";
import {
  riskHaltEventSchema,
  routingDecisionEventSchema,
  routingExecutionEventSchema,
  surveillanceAlertEventSchema,
} from "../published";
import type { ContractEvent, TOPICS } from "../topics";
import {
  orderCancelledExample,
  orderCreatedExample,
  orderModifiedExample,
  quoteExample,
  riskHaltExample,
  riskHaltLiftedExample,
  routingDecisionExample,
  routingExecutionExample,
  surveillanceAlertExample,
  tradeExecutedExample,
} from "./examples";

export type JsonSchema = z.core.JSONSchema.JSONSchema;

/** What the zod schemas cannot say about a topic: what it is for, who is on either end, what fields mean. */
export interface TopicContract {
  /** The message's name in the AsyncAPI document (PascalCase). */
  messageName: string;
  title: string;
  /** From NexusTrade's point of view. */
  action: "receive" | "send";
  schema: z.ZodType;
  purpose: string;
  producer: string;
  consumers: string;
  /** How the Kafka message key is chosen. */
  key: string;
  /** The meaning of every field; `name[].field` for the fields of an array's objects. */
  fields: Readonly<Record<string, string>>;
  /** Conditional requirements the schema's zod refinement checks, restated for JSON Schema. */
  rules?: readonly JsonSchema[];
  examples: readonly ContractEvent[];
}

const SYMBOL_KEY = "`symbol`, so each symbol's messages stay in order (Kafka orders one key's messages).";

const ENVELOPE = {
  event_id:
    "Unique per event. Delivery is at least once: a consumer drops an `event_id` it has already seen.",
  event_type: "What happened. The topic decides which values it may carry; any other is rejected.",
  occurred_at: "When it happened at its source.",
};

const WORKER = "NexusTrade worker";
const ORDER_MANAGEMENT = "Order management systems and the matching engines (other teams' clients)";

const RECEIVED_ORDER = (price: string, quantity: string): Record<string, string> => ({
  ...ENVELOPE,
  order_id: "The order.",
  user_id: "The trader who entered the order.",
  account_id: "The beneficial owner's account. When absent, the account is `user_id`.",
  symbol: "The instrument.",
  side: "Buy or sell.",
  order_type: "`limit` or `market`.",
  price,
  quantity,
  capacity:
    "`agency`: a client's order handled for that customer; `principal`: the firm's own. When absent, `principal`.",
  venue_id: "Where the order rests.",
  time_in_force: "Day, immediate-or-cancel, good-till-cancelled or fill-or-kill.",
});

/** orderEventSchema's refinement: a limit order has a price. */
const LIMIT_ORDER_HAS_PRICE: JsonSchema = {
  if: { properties: { order_type: { const: "limit" } }, required: ["order_type"] },
  then: { properties: { price: { type: "string" } } },
};

/** riskHaltEventSchema's refinement: a halt names what it stops. */
const HALT_NAMES_ITS_SCOPE: JsonSchema[] = [
  {
    if: { properties: { scope: { enum: ["user", "user_symbol"] } }, required: ["scope"] },
    then: { required: ["user_id"] },
  },
  {
    if: { properties: { scope: { enum: ["symbol", "user_symbol"] } }, required: ["scope"] },
    then: { required: ["symbol"] },
  },
];

export const TOPIC_CONTRACTS: Readonly<Record<keyof typeof TOPICS, TopicContract>> = {
  ordersCreated: {
    messageName: "OrderCreated",
    title: "Order created",
    action: "receive",
    schema: orderEventSchema,
    purpose: "A new order entered by a trader: the start of every order's life that surveillance follows.",
    producer: ORDER_MANAGEMENT,
    consumers: WORKER,
    key: SYMBOL_KEY,
    fields: RECEIVED_ORDER(
      "The limit price; `null` for a market order. A limit order must have one.",
      "The order's size.",
    ),
    rules: [LIMIT_ORDER_HAS_PRICE],
    examples: [orderCreatedExample],
  },
  ordersModified: {
    messageName: "OrderModified",
    title: "Order modified",
    action: "receive",
    schema: orderEventSchema,
    purpose: "A resting order's price or size changed.",
    producer: ORDER_MANAGEMENT,
    consumers: WORKER,
    key: SYMBOL_KEY,
    fields: RECEIVED_ORDER(
      "The new limit price; `null` for a market order. A limit order must have one.",
      "The new open quantity (what is left to trade), not the change.",
    ),
    rules: [LIMIT_ORDER_HAS_PRICE],
    examples: [orderModifiedExample],
  },
  ordersCancelled: {
    messageName: "OrderCancelled",
    title: "Order cancelled",
    action: "receive",
    schema: orderEventSchema,
    purpose: "A resting order was cancelled, in whole or in part.",
    producer: ORDER_MANAGEMENT,
    consumers: WORKER,
    key: SYMBOL_KEY,
    fields: RECEIVED_ORDER(
      "The order's limit price; `null` for a market order. A limit order must have one.",
      "The quantity cancelled.",
    ),
    rules: [LIMIT_ORDER_HAS_PRICE],
    examples: [orderCancelledExample],
  },
  tradesExecuted: {
    messageName: "TradeExecuted",
    title: "Trade executed",
    action: "receive",
    schema: tradeExecutedEventSchema,
    purpose: "Two orders traded: one message per execution, naming both sides.",
    producer: "The matching engines of the venues, the internal one included",
    consumers: WORKER,
    key: SYMBOL_KEY,
    fields: {
      ...ENVELOPE,
      trade_id: "The execution.",
      symbol: "The instrument.",
      price: "The execution price.",
      quantity: "The quantity traded.",
      buy_order_id: "The buying order.",
      sell_order_id: "The selling order.",
      buy_user_id: "The trader who entered the buying order.",
      sell_user_id: "The trader who entered the selling order.",
      buy_account_id: "The buyer's beneficial-owner account. When absent, `buy_user_id`.",
      sell_account_id: "The seller's beneficial-owner account. When absent, `sell_user_id`.",
      aggressor_side: "The side that removed liquidity (the incoming order).",
      venue_id: "Where it executed.",
    },
    examples: [tradeExecutedExample],
  },
  marketdataQuotes: {
    messageName: "Quote",
    title: "Quote",
    action: "receive",
    schema: quoteEventSchema,
    purpose:
      "A venue's best bid and offer for a symbol. Feeds the per-venue quote caches and the national best bid and offer (NBBO) that routing compares against.",
    producer: "Market data (other teams' feed handlers)",
    consumers: WORKER,
    key: SYMBOL_KEY,
    fields: {
      ...ENVELOPE,
      venue_id: "The quoting venue.",
      symbol: "The instrument.",
      bid_price: "The best bid.",
      bid_size: "The quantity bid at `bid_price`; 0 when that side of the book is empty.",
      ask_price: "The best offer.",
      ask_size: "The quantity offered at `ask_price`; 0 when that side of the book is empty.",
    },
    examples: [quoteExample],
  },
  surveillanceAlerts: {
    messageName: "SurveillanceAlert",
    title: "Surveillance alert",
    action: "send",
    schema: surveillanceAlertEventSchema,
    purpose: "Suspected market manipulation by one trader in one symbol, for compliance to review.",
    producer: "NexusTrade",
    consumers: "Compliance case management, notifications and risk (other teams)",
    key: SYMBOL_KEY,
    fields: {
      ...ENVELOPE,
      alert_id: "The alert.",
      alert_type: "The manipulation pattern detected.",
      severity: "How urgent the review is; follows the confidence score.",
      user_id: "The trader the alert is about.",
      symbol: "The instrument.",
      detected_at: "The event time at which the pattern was recognised.",
      description: "One sentence for the reviewer: what was seen, in numbers.",
      evidence:
        "Why: `metrics` measured, the `thresholds` they crossed, the `timeline` of orders and fills, `first_event_at`, `last_event_at`, and `updates` (how often later evidence was merged into the alert).",
      related_order_ids: "The orders in the pattern.",
      confidence_score: "How sure the detector is, from 0 to 1.",
      recommended_action: "What the reviewer should do next.",
    },
    examples: [surveillanceAlertExample],
  },
  riskHalts: {
    messageName: "RiskHalt",
    title: "Trading halt placed or lifted",
    action: "send",
    schema: riskHaltEventSchema,
    purpose:
      "Stops trading by a user, in a symbol, or by a user in one symbol, until a `risk.halt_lifted` with the same `halt_id`.",
    producer: "NexusTrade",
    consumers: "Order management and the risk service (other teams)",
    key: "`symbol`; a halt of a user's whole book (scope `user`, no symbol) is keyed by `user_id`, so each user's halts stay in order.",
    fields: {
      ...ENVELOPE,
      event_type: "`risk.halt` places the halt; `risk.halt_lifted` lifts the halt with the same `halt_id`.",
      halt_id: "The halt; the lifting message carries the same id.",
      scope: "What is halted: the user's trading, the symbol, or the user in that symbol.",
      user_id: "The halted trader. Required when scope is `user` or `user_symbol`.",
      symbol: "The halted instrument. Required when scope is `symbol` or `user_symbol`.",
      reason: "Why, for the people who read the halt.",
      alert_id: "The alert that led to the halt, if one did.",
    },
    rules: HALT_NAMES_ITS_SCOPE,
    examples: [riskHaltExample, riskHaltLiftedExample],
  },
  routingDecisions: {
    messageName: "RoutingDecision",
    title: "Routing decision",
    action: "send",
    schema: routingDecisionEventSchema,
    purpose: "Where the smart order router sent an order, and what it weighed against it (best execution).",
    producer: "NexusTrade",
    consumers: "Order management and best-execution reporting (other teams)",
    key: SYMBOL_KEY,
    fields: {
      ...ENVELOPE,
      decision_id: "The decision; executions refer to it.",
      order_id: "The order routed.",
      user_id: "The trader who entered the order.",
      symbol: "The instrument.",
      side: "Buy or sell.",
      quantity: "The quantity routed.",
      strategy: "The routing strategy that chose the venue (e.g. `smart`, `best_price`).",
      selected_venue_id: "The venue chosen.",
      expected_price: "The average price expected there.",
      expected_fill_rate: "The fraction of `quantity` expected to fill there, from 0 to 1.",
      reason: "Why this venue, in words.",
      alternatives: "The other venues considered, in the router's order.",
      "alternatives[].venue_id": "A venue considered.",
      "alternatives[].expected_price": "The average price expected there.",
      "alternatives[].expected_fill_rate": "The fraction expected to fill there, from 0 to 1.",
      "alternatives[].reason": "Why it was not chosen, or how it scored.",
    },
    examples: [routingDecisionExample],
  },
  routingExecutions: {
    messageName: "RoutingExecution",
    title: "Routing execution",
    action: "send",
    schema: routingExecutionEventSchema,
    purpose:
      "What a venue did with a routed order: the execution report used for venue quality statistics and the SEC Rule 606 report.",
    producer: "NexusTrade",
    consumers: "Order management and best-execution reporting (other teams)",
    key: SYMBOL_KEY,
    fields: {
      ...ENVELOPE,
      execution_id: "The execution report.",
      decision_id: "The routing decision it carries out, when there was one.",
      order_id: "The order routed.",
      symbol: "The instrument.",
      venue_id: "The venue that executed.",
      executed_quantity: "The quantity executed; 0 when nothing filled.",
      executed_price: "The average execution price; `null` when nothing filled.",
      latency_ms: "Milliseconds from sending the order to the venue's answer.",
      fee: "The venue's fee for the whole execution; negative for a net rebate.",
      price_improvement:
        "Per share, how much better than the NBBO at decision time it executed (below the offer for a buy, above the bid for a sell); negative when worse.",
      execution_quality:
        "Against the NBBO at decision time: `excellent` saved more than half the spread, `good` any improvement, `neutral` at the quote, `poor` worse.",
    },
    examples: [routingExecutionExample],
  },
};
