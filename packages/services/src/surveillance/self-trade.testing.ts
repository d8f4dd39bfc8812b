/**
 * A wash trade as the contract carries it, for the surveillance use cases' tests: one user's resting
 * sell crossed by their own buy 3 ms later (FINRA Rule 6140(b); the engine rates it critical).
 */
import { randomUUID } from "node:crypto";
import type { OrderEvent, TradeExecutedEvent } from "@nexus/core/events";

export function selfTrade(symbol: string, at: string, userId = randomUUID()) {
  const startMs = Date.parse(at);
  const order = (offsetMs: number, side: "buy" | "sell"): OrderEvent => ({
    event_id: randomUUID(),
    event_type: "order.created",
    occurred_at: new Date(startMs + offsetMs).toISOString(),
    order_id: randomUUID(),
    user_id: userId,
    symbol,
    side,
    order_type: "limit",
    price: "50.00",
    quantity: "200",
  });
  const sell = order(0, "sell");
  const buy = order(3, "buy");
  const trade: TradeExecutedEvent = {
    event_id: randomUUID(),
    event_type: "trade.executed",
    occurred_at: buy.occurred_at,
    trade_id: randomUUID(),
    symbol,
    price: "50.00",
    quantity: "200",
    buy_order_id: buy.order_id,
    sell_order_id: sell.order_id,
    buy_user_id: userId,
    sell_user_id: userId,
    aggressor_side: "buy",
  };
  return { userId, orders: [sell, buy], trades: [trade] };
}
