import type { OrderEvent, OrderEventType, TradeExecutedEvent } from "../events/index";
import type { BookOrder } from "./book-order";
import type { TickGrid } from "./tick-grid";

/**
 * Builds the contract's order and trade events (docs/events.md) from the engine's integer
 * state: prices from the grid's cached strings, quantities as integer strings. Order events carry the
 * optional account_id and capacity only when the order did (consumers apply the defaults,
 * events/accounts.ts); trades always name both beneficial owners, the accounts self-trade prevention
 * compared, so a wash-trade check downstream sees exactly what the engine saw.
 */
export class ContractEvents {
  private lastMillis = Number.NaN;
  private lastTimestamp = "";

  constructor(
    readonly venueId: string,
    readonly grid: TickGrid,
    private readonly newId: () => string,
  ) {}

  /** ISO-8601 UTC of epoch ms; the last one is cached because a burst of operations shares a millisecond. */
  timestamp(millis: number): string {
    if (millis !== this.lastMillis) {
      this.lastMillis = millis;
      this.lastTimestamp = new Date(millis).toISOString();
    }
    return this.lastTimestamp;
  }

  /** `ticks` is the order's price at the event (ignored for market orders, whose price is null). */
  orderEvent(
    eventType: OrderEventType,
    bookOrder: BookOrder,
    ticks: number,
    shares: number,
    millis: number,
  ): OrderEvent {
    const order = bookOrder.order;
    const event: OrderEvent = {
      event_id: this.newId(),
      event_type: eventType,
      occurred_at: this.timestamp(millis),
      order_id: order.orderId,
      user_id: order.userId,
      symbol: order.symbol,
      side: order.side,
      order_type: order.orderType,
      price: order.orderType === "market" ? null : this.grid.priceText(ticks),
      quantity: String(shares),
      venue_id: this.venueId,
      time_in_force: order.timeInForce,
    };
    if (order.accountId !== undefined) event.account_id = order.accountId;
    if (order.capacity !== undefined) event.capacity = order.capacity;
    return event;
  }

  /** A trade at the resting order's price; the aggressor is the side that removed liquidity. */
  trade(
    aggressor: BookOrder,
    resting: BookOrder,
    ticks: number,
    shares: number,
    millis: number,
  ): TradeExecutedEvent {
    const buyer = aggressor.isBuy ? aggressor : resting;
    const seller = aggressor.isBuy ? resting : aggressor;
    const buy = buyer.order;
    const sell = seller.order;
    return {
      event_id: this.newId(),
      event_type: "trade.executed",
      occurred_at: this.timestamp(millis),
      trade_id: this.newId(),
      symbol: buy.symbol,
      price: this.grid.priceText(ticks),
      quantity: String(shares),
      buy_order_id: buy.orderId,
      sell_order_id: sell.orderId,
      buy_user_id: buy.userId,
      sell_user_id: sell.userId,
      buy_account_id: buyer.accountId,
      sell_account_id: seller.accountId,
      aggressor_side: aggressor.order.side,
      venue_id: this.venueId,
    };
  }
}
