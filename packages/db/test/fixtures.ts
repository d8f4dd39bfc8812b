import { randomUUID } from "node:crypto";
import type { OrderEvent, QuoteEvent, TradeExecutedEvent } from "@nexus/core/events";

/** Contract events as the worker receives them (decoded, snake_case, decimals as strings). */
export function orderEvent(overrides: Partial<OrderEvent> = {}): OrderEvent {
  return {
    event_id: randomUUID(),
    event_type: "order.created",
    occurred_at: "2026-11-24T14:30:00.120Z",
    order_id: randomUUID(),
    user_id: randomUUID(),
    symbol: "AAPL",
    side: "sell",
    order_type: "limit",
    price: "189.30",
    quantity: "50000",
    ...overrides,
  };
}

export function tradeEvent(overrides: Partial<TradeExecutedEvent> = {}): TradeExecutedEvent {
  return {
    event_id: randomUUID(),
    event_type: "trade.executed",
    occurred_at: "2026-11-24T14:30:00.180Z",
    trade_id: randomUUID(),
    symbol: "AAPL",
    price: "189.25",
    quantity: "100",
    buy_order_id: randomUUID(),
    sell_order_id: randomUUID(),
    buy_user_id: randomUUID(),
    sell_user_id: randomUUID(),
    aggressor_side: "buy",
    ...overrides,
  };
}

export function quoteEvent(overrides: Partial<QuoteEvent> = {}): QuoteEvent {
  return {
    event_id: randomUUID(),
    event_type: "quote",
    occurred_at: "2026-11-24T14:30:00.100Z",
    venue_id: "XNAS",
    symbol: "AAPL",
    bid_price: "189.24",
    bid_size: "300",
    ask_price: "189.26",
    ask_size: "200",
    ...overrides,
  };
}
