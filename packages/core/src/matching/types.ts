import type { OrderEvent, Side, TradeExecutedEvent } from "../events/index";
import type { Decimal } from "../money";

/**
 * Public shapes of the internal matching engine (the contract of issue 4 between the matching engine
 * and the router's InternalVenue). Prices and quantities cross this boundary as Decimal; inside, the
 * engine works on integer ticks and integer shares (see tick-grid.ts).
 */

/** day and gtc rest on the book (day until endOfDay), ioc cancels its remainder, fok fills fully or not at all. */
export type TimeInForce = "day" | "gtc" | "ioc" | "fok";

/**
 * What happens when an order would trade against a resting order of the same beneficial owner
 * (account id, defaulting to the user id as in docs/events.md): the incoming order's instruction decides,
 * as on CME and Nasdaq, whose self-match prevention is set on the aggressing order.
 */
export type SelfTradePrevention = "none" | "cancel_resting" | "cancel_incoming" | "cancel_both";

/** Kept by reference while the order is open and read again when events are built: do not mutate it after submit. */
export interface NewOrder {
  orderId: string;
  userId: string;
  accountId?: string;
  symbol: string;
  side: Side;
  orderType: "limit" | "market";
  /** null for market orders; limit prices must sit on the engine's tick grid. */
  price: Decimal | null;
  /** Positive whole shares. */
  quantity: Decimal;
  timeInForce: TimeInForce;
  capacity?: "agency" | "principal";
  /** Defaults to the engine's option. */
  selfTradePrevention?: SelfTradePrevention;
}

export type OrderStatus = "rejected" | "resting" | "partially_filled" | "filled" | "cancelled";

/**
 * The order's state after a submit, cancel or modify. filledQuantity, openQuantity and averagePrice are
 * the order's totals (all its fills so far); trades and orderEvents are those this one call produced,
 * in the order they happened.
 */
export interface OrderOutcome {
  readonly status: OrderStatus;
  readonly rejectReason?: string;
  readonly filledQuantity: Decimal;
  readonly openQuantity: Decimal;
  readonly averagePrice: Decimal | null;
  readonly trades: TradeExecutedEvent[];
  readonly orderEvents: OrderEvent[];
}

/** A modify: the new limit price and/or the new open quantity (as the contract's order.modified carries it). */
export interface OrderChange {
  price?: Decimal;
  quantity?: Decimal;
}

export interface BookLevel {
  price: Decimal;
  quantity: Decimal;
  orders: number;
}

export interface MatchingEngineOptions {
  /** Written into every event as venue_id. */
  venueId: string;
  /** Epoch milliseconds; injected so a replay is deterministic. */
  now: () => number;
  /** A fresh UUID for each event_id and trade_id. */
  newId: () => string;
  /** Default 0.01 (Reg NMS Rule 612 minimum increment for quotes of $1.00 or more). */
  tickSize?: Decimal;
  /** Default for orders that carry none; default "none". */
  selfTradePrevention?: SelfTradePrevention;
}
