import { z } from "zod";
import {
  identifierString,
  nonNegativeDecimalString,
  positiveDecimalString,
  sideEnum,
  symbolString,
  timestampString,
  uuidString,
} from "./fields";

/** docs/events.md "Consumed": the schemas of what other teams send us. Unknown extra fields are stripped. */

export const orderEventSchema = z
  .object({
    event_id: uuidString,
    event_type: z.enum(["order.created", "order.modified", "order.cancelled"], {
      error: 'expected "order.created", "order.modified" or "order.cancelled"',
    }),
    occurred_at: timestampString,
    order_id: uuidString,
    user_id: uuidString,
    account_id: identifierString.optional(),
    symbol: symbolString,
    side: sideEnum,
    order_type: z.enum(["limit", "market"], { error: 'expected "limit" or "market"' }),
    // null for market orders. A market order that carries a reference price is tolerated (clients
    // differ), but a limit order without one is refused.
    price: positiveDecimalString.nullable(),
    quantity: positiveDecimalString,
    capacity: z.enum(["agency", "principal"], { error: 'expected "agency" or "principal"' }).optional(),
    venue_id: identifierString.optional(),
    time_in_force: z
      .enum(["day", "ioc", "gtc", "fok"], { error: 'expected "day", "ioc", "gtc" or "fok"' })
      .optional(),
  })
  .superRefine((order, context) => {
    if (order.order_type === "limit" && order.price === null) {
      context.addIssue({
        code: "custom",
        path: ["price"],
        message: "a limit order needs a positive decimal price",
      });
    }
  });
export type OrderEvent = z.output<typeof orderEventSchema>;
export type OrderEventType = OrderEvent["event_type"];

export const tradeExecutedEventSchema = z.object({
  event_id: uuidString,
  event_type: z.literal("trade.executed", { error: 'expected "trade.executed"' }),
  occurred_at: timestampString,
  trade_id: uuidString,
  symbol: symbolString,
  price: positiveDecimalString,
  quantity: positiveDecimalString,
  buy_order_id: uuidString,
  sell_order_id: uuidString,
  buy_user_id: uuidString,
  sell_user_id: uuidString,
  buy_account_id: identifierString.optional(),
  sell_account_id: identifierString.optional(),
  aggressor_side: sideEnum,
  venue_id: identifierString.optional(),
});
export type TradeExecutedEvent = z.output<typeof tradeExecutedEventSchema>;

/** Sizes may be 0 (one side of the book empty); prices must still be > 0. */
export const quoteEventSchema = z.object({
  event_id: uuidString,
  event_type: z.literal("quote", { error: 'expected "quote"' }),
  occurred_at: timestampString,
  venue_id: identifierString,
  symbol: symbolString,
  bid_price: positiveDecimalString,
  bid_size: nonNegativeDecimalString,
  ask_price: positiveDecimalString,
  ask_size: nonNegativeDecimalString,
});
export type QuoteEvent = z.output<typeof quoteEventSchema>;

export type ConsumedEvent = OrderEvent | TradeExecutedEvent | QuoteEvent;
