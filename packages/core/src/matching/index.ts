/**
 * The internal matching engine (issue 4): price-time-priority limit order books per symbol, emitting the
 * event contract's order and trade events. The router's InternalVenue sits on top of it.
 */
export { MatchingEngine } from "./matching-engine";
export { MAX_ORDER_SHARES, MAX_PRICE_TICKS } from "./tick-grid";
export type {
  BookLevel,
  MatchingEngineOptions,
  NewOrder,
  OrderChange,
  OrderOutcome,
  OrderStatus,
  SelfTradePrevention,
  TimeInForce,
} from "./types";
export { BookReplay, replayBook, replayTickSize } from "./book-replay";
export type {
  BookReplayOptions,
  BookReplayResult,
  ReplayFrame,
  ReplayLevel,
  ReplayTrade,
  ReplayedEvent,
  SkippedEvent,
} from "./book-replay";
