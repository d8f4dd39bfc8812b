/**
 * The Kafka event contract of docs/events.md: zod schemas, wire types (snake_case, decimals as
 * strings), topics and keys. Decoding keeps a message as sent (UUIDs lower-cased); the contract's
 * defaults (account_id = user_id, capacity = principal) are applied by the readers in accounts.ts.
 */
export { buyAccountId, orderAccountId, orderCapacity, sellAccountId } from "./accounts";
export { orderEventSchema, quoteEventSchema, tradeExecutedEventSchema } from "./consumed";
export type { ConsumedEvent, OrderEvent, OrderEventType, QuoteEvent, TradeExecutedEvent } from "./consumed";
export { decodeConsumedEvent, decodeEvent, encodeEvent, formatDecodeError } from "./decode";
export type { DecodeError, DecodeResult } from "./decode";
export {
  ALERT_TYPES,
  SEVERITIES,
  riskHaltEventSchema,
  routingAlternativeSchema,
  routingDecisionEventSchema,
  routingExecutionEventSchema,
  surveillanceAlertEventSchema,
} from "./published";
export type {
  PublishedEvent,
  RiskHaltEvent,
  RoutingAlternative,
  RoutingDecisionEvent,
  RoutingExecutionEvent,
  SurveillanceAlertEvent,
} from "./published";
export {
  CONSUMED_TOPICS,
  PUBLISHED_TOPICS,
  ORDER_TOPIC_PATTERN,
  TOPICS,
  deadLetterTopicOf,
  topicOfEventType,
  eventKey,
  topicOf,
} from "./topics";
export type { ContractEvent, ContractEventType, Topic } from "./topics";
export type { Side } from "./fields";
export { EventSequencer } from "./event-sequencer";
export { SourceWatermarks } from "./source-watermarks";
export type { SourceAlignment } from "./source-watermarks";
export type { EventSequencerOptions } from "./event-sequencer";
export { SAME_INSTANT_RANK } from "./same-instant-rank";
export { severityAtLeast } from "./severity";
