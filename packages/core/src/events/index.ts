/**
 * The Kafka event contract of shared/contracts/EVENTS.md: zod schemas, wire types (snake_case, decimals as
 * strings), topics and keys. Decoding keeps a message as sent (UUIDs lower-cased); the contract's
 * defaults (account_id = user_id, capacity = principal) are applied by the readers in accounts.ts.
 */
export { buyAccountId, orderAccountId, orderCapacity, sellAccountId } from "./accounts.js";
export { orderEventSchema, quoteEventSchema, tradeExecutedEventSchema } from "./consumed.js";
export type {
  ConsumedEvent,
  OrderEvent,
  OrderEventType,
  QuoteEvent,
  TradeExecutedEvent,
} from "./consumed.js";
export { decodeConsumedEvent, decodeEvent, encodeEvent, formatDecodeError } from "./decode.js";
export type { DecodeError, DecodeResult } from "./decode.js";
export {
  ALERT_TYPES,
  SEVERITIES,
  riskHaltEventSchema,
  routingAlternativeSchema,
  routingDecisionEventSchema,
  routingExecutionEventSchema,
  surveillanceAlertEventSchema,
} from "./published.js";
export type {
  PublishedEvent,
  RiskHaltEvent,
  RoutingAlternative,
  RoutingDecisionEvent,
  RoutingExecutionEvent,
  SurveillanceAlertEvent,
} from "./published.js";
export {
  CONSUMED_TOPICS,
  ORDER_TOPIC_PATTERN,
  TOPICS,
  deadLetterTopicOf,
  topicOfEventType,
  eventKey,
  topicOf,
} from "./topics.js";
export type { ContractEvent, ContractEventType, Topic } from "./topics.js";
export type { Side } from "./fields.js";
