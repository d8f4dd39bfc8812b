import type { OrderEvent, TradeExecutedEvent } from "../events/index";
import type { SurveillanceEngine } from "./engine";
import type { SurveillanceAlert } from "./types";

/**
 * Test flows: order and trade events of the contract built by name ("spoofer", "mm") with times in ms
 * from 14:30:00.000Z, so each test reads as a timeline. Ids are deterministic UUIDs.
 */
export const START_MS = Date.parse("2026-11-24T14:30:00.000Z");

export function at(ms: number): string {
  return new Date(START_MS + ms).toISOString();
}

export function uuidOf(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

type Side = "buy" | "sell";

export interface OrderOptions {
  tif?: "day" | "ioc" | "gtc" | "fok";
  capacity?: "agency" | "principal";
  account?: string;
  market?: boolean;
}

/** One id per name across flows: "alice" is the same user in every flow of a test file. */
const userIds = new Map<string, string>();
/** Order, event and trade ids are unique across the flows of a test file. */
let nextId = 1;

export class Flow {
  readonly events: Array<OrderEvent | TradeExecutedEvent> = [];
  private readonly orders = new Map<string, OrderEvent>();

  constructor(readonly symbol = "AAPL") {}

  user(name: string): string {
    let id = userIds.get(name);
    if (id === undefined) {
      id = uuidOf(0xfff000 + userIds.size);
      userIds.set(name, id);
    }
    return id;
  }

  get orderEvents(): OrderEvent[] {
    return this.events.filter((event): event is OrderEvent => event.event_type !== "trade.executed");
  }

  get tradeEvents(): TradeExecutedEvent[] {
    return this.events.filter((event): event is TradeExecutedEvent => event.event_type === "trade.executed");
  }

  order(
    ms: number,
    who: string,
    side: Side,
    price: string,
    quantity: string,
    options: OrderOptions = {},
  ): string {
    const orderId = uuidOf(nextId++);
    const event: OrderEvent = {
      event_id: uuidOf(nextId++),
      event_type: "order.created",
      occurred_at: at(ms),
      order_id: orderId,
      user_id: this.user(who),
      ...(options.account === undefined ? {} : { account_id: options.account }),
      symbol: this.symbol,
      side,
      order_type: options.market === true ? "market" : "limit",
      price: options.market === true ? null : price,
      quantity,
      ...(options.capacity === undefined ? {} : { capacity: options.capacity }),
      ...(options.tif === undefined ? {} : { time_in_force: options.tif }),
    };
    this.orders.set(orderId, event);
    this.events.push(event);
    return orderId;
  }

  modify(ms: number, orderId: string, price: string, quantity: string): void {
    this.follow(ms, orderId, "order.modified", price, quantity);
  }

  cancel(ms: number, orderId: string, quantity: string): void {
    this.follow(ms, orderId, "order.cancelled", this.created(orderId).price, quantity);
  }

  /** A trade between two orders of the flow; the aggressor is the order named first. */
  trade(ms: number, aggressorId: string, restingId: string, price: string, quantity: string): void {
    const aggressor = this.created(aggressorId);
    const resting = this.created(restingId);
    const [buy, sell] = aggressor.side === "buy" ? [aggressor, resting] : [resting, aggressor];
    this.events.push({
      event_id: uuidOf(nextId++),
      event_type: "trade.executed",
      occurred_at: at(ms),
      trade_id: uuidOf(nextId++),
      symbol: this.symbol,
      price,
      quantity,
      buy_order_id: buy.order_id,
      sell_order_id: sell.order_id,
      buy_user_id: buy.user_id,
      sell_user_id: sell.user_id,
      ...(buy.account_id === undefined ? {} : { buy_account_id: buy.account_id }),
      ...(sell.account_id === undefined ? {} : { sell_account_id: sell.account_id }),
      aggressor_side: aggressor.side,
    });
  }

  /** Feeds every event to the engine; the alerts returned, in order. */
  run(engine: SurveillanceEngine): SurveillanceAlert[] {
    return this.events.flatMap((event) =>
      event.event_type === "trade.executed"
        ? engine.processTradeEvent(event)
        : engine.processOrderEvent(event),
    );
  }

  private created(orderId: string): OrderEvent {
    // Flows only refer to their own orders.
    return this.orders.get(orderId) as OrderEvent;
  }

  private follow(
    ms: number,
    orderId: string,
    eventType: "order.modified" | "order.cancelled",
    price: string | null,
    quantity: string,
  ): void {
    const created = this.created(orderId);
    this.events.push({
      ...created,
      event_id: uuidOf(nextId++),
      event_type: eventType,
      occurred_at: at(ms),
      price,
      quantity,
    });
  }
}
