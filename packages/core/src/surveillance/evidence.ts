import type { ObservedOrder, ObservedTrade, Side, TrackedOrder } from "./market-view";
import type { ThresholdCrossing, TimelineEntry } from "./types";

/** Timeline entries and threshold comparisons, built only when a pattern is reported (never per event). */

export function enteredEntry(order: TrackedOrder): TimelineEntry {
  return {
    at: order.createdAt,
    event: "created",
    orderId: order.orderId,
    userId: order.userId,
    side: order.side,
    price: order.priceText,
    quantity: order.quantityText,
  };
}

export function cancelEntry({ event }: ObservedOrder): TimelineEntry {
  return {
    at: event.occurred_at,
    event: "cancelled",
    orderId: event.order_id,
    userId: event.user_id,
    side: event.side,
    price: event.price,
    quantity: event.quantity,
  };
}

/** The fill of one side of a trade. */
export function fillEntry({ event }: ObservedTrade, side: Side): TimelineEntry {
  return {
    at: event.occurred_at,
    event: "filled",
    orderId: side === "buy" ? event.buy_order_id : event.sell_order_id,
    userId: side === "buy" ? event.buy_user_id : event.sell_user_id,
    side,
    price: event.price,
    quantity: event.quantity,
  };
}

export function atLeast(
  metric: string,
  value: number,
  threshold: string,
  thresholdValue: number,
): ThresholdCrossing {
  return { metric, value, threshold, thresholdValue, direction: "min" };
}

export function atMost(
  metric: string,
  value: number,
  threshold: string,
  thresholdValue: number,
): ThresholdCrossing {
  return { metric, value, threshold, thresholdValue, direction: "max" };
}

export function oppositeOf(side: Side): Side {
  return side === "buy" ? "sell" : "buy";
}

/** Signed move from `from` to `to` in basis points, positive in the direction of `side` (up for buy). */
export function moveBps(side: Side, from: number, to: number): number {
  return ((side === "buy" ? to - from : from - to) / from) * 10_000;
}
