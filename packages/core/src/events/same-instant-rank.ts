import type { ConsumedEvent } from "./consumed";

/**
 * Order of events stamped with the same instant, as a venue emits them: an order enters (or is
 * re-priced), trades, and only then is its unfilled rest cancelled. A quote carries no order state and
 * goes first.
 */
export const SAME_INSTANT_RANK: Readonly<Record<ConsumedEvent["event_type"], number>> = {
  quote: 0,
  "order.created": 1,
  "order.modified": 1,
  "trade.executed": 2,
  "order.cancelled": 3,
};
