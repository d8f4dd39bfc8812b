import type { OrderEvent, TradeExecutedEvent } from "./consumed";

/**
 * Defaults of docs/events.md, applied where an event is read, not when it is decoded: decoding keeps the
 * message as sent (re-encoding and dead-lettering stay faithful). Consumers that need the beneficial
 * owner or the capacity call these rather than reading the optional fields directly.
 */

/** account_id defaults to the user who entered the order. */
export function orderAccountId(order: OrderEvent): string {
  return order.account_id ?? order.user_id;
}

/** capacity defaults to principal. */
export function orderCapacity(order: OrderEvent): "agency" | "principal" {
  return order.capacity ?? "principal";
}

export function buyAccountId(trade: TradeExecutedEvent): string {
  return trade.buy_account_id ?? trade.buy_user_id;
}

export function sellAccountId(trade: TradeExecutedEvent): string {
  return trade.sell_account_id ?? trade.sell_user_id;
}
