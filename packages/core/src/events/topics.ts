import type { ConsumedEvent } from "./consumed";
import type { PublishedEvent } from "./published";

export type ContractEvent = ConsumedEvent | PublishedEvent;
export type ContractEventType = ContractEvent["event_type"];

/** Kafka topic names of docs/events.md. */
export const TOPICS = {
  ordersCreated: "orders.created",
  ordersModified: "orders.modified",
  ordersCancelled: "orders.cancelled",
  tradesExecuted: "trades.executed",
  marketdataQuotes: "marketdata.quotes",
  surveillanceAlerts: "surveillance.alerts",
  riskHalts: "risk.halts",
  routingDecisions: "routing.decisions",
  routingExecutions: "routing.executions",
} as const;
export type Topic = (typeof TOPICS)[keyof typeof TOPICS];

export const CONSUMED_TOPICS: readonly string[] = [
  TOPICS.ordersCreated,
  TOPICS.ordersModified,
  TOPICS.ordersCancelled,
  TOPICS.tradesExecuted,
  TOPICS.marketdataQuotes,
];

/** docs/events.md "Published": what NexusTrade produces for other teams. */
export const PUBLISHED_TOPICS: readonly string[] = [
  TOPICS.surveillanceAlerts,
  TOPICS.riskHalts,
  TOPICS.routingDecisions,
  TOPICS.routingExecutions,
];

/** docs/events.md: consumers subscribe to the order topics with /^orders\./. */
export const ORDER_TOPIC_PATTERN = /^orders\./;

const TOPIC_OF_EVENT_TYPE: Record<ContractEventType, Topic> = {
  "order.created": TOPICS.ordersCreated,
  "order.modified": TOPICS.ordersModified,
  "order.cancelled": TOPICS.ordersCancelled,
  "trade.executed": TOPICS.tradesExecuted,
  quote: TOPICS.marketdataQuotes,
  "surveillance.alert": TOPICS.surveillanceAlerts,
  "risk.halt": TOPICS.riskHalts,
  "risk.halt_lifted": TOPICS.riskHalts,
  "routing.decision": TOPICS.routingDecisions,
  "routing.execution": TOPICS.routingExecutions,
};

/** The topic an event is published on: orders.created for order.created, risk.halts for both halt types. */
export function topicOf(event: ContractEvent): Topic {
  return TOPIC_OF_EVENT_TYPE[event.event_type];
}

/** The topic of an `event_type` read from untrusted input (a replay line, say); undefined if it is none. */
export function topicOfEventType(eventType: unknown): Topic | undefined {
  return typeof eventType === "string" && Object.hasOwn(TOPIC_OF_EVENT_TYPE, eventType)
    ? TOPIC_OF_EVENT_TYPE[eventType as ContractEventType]
    : undefined;
}

/**
 * The Kafka message key: the symbol, which keeps per-symbol order (docs/events.md "Conventions"). A halt of
 * a user's whole book has no symbol and is keyed by the user, so all of that user's halts stay ordered.
 */
export function eventKey(event: ContractEvent): string {
  switch (event.event_type) {
    case "risk.halt":
    case "risk.halt_lifted":
      return event.symbol ?? event.user_id ?? event.halt_id;
    default:
      return event.symbol;
  }
}

/** The dead-letter topic of a topic (docs/events.md "Conventions"). */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}
