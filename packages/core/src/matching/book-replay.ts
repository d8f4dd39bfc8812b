import type { OrderEvent, TradeExecutedEvent } from "../events/index";
import { orderAccountId } from "../events/index";
import { Decimal, decimalToString } from "../money";
import { BookOrder } from "./book-order";
import { DETACHED } from "./book-side";
import { OrderBook } from "./order-book";
import type { PriceLevel } from "./price-level";
import { TickGrid, wholeShares } from "./tick-grid";

/**
 * A symbol's order book rebuilt from its stored order and trade events, for a reviewer to step through
 * (issue 11, "order-book replay"). It reuses the matching engine's book (price levels in integer ticks,
 * each a FIFO of its orders) but only replays what the venue reported: created orders rest, modifies
 * re-price or re-size them (the contract's quantity is the new open quantity), cancels take the
 * cancelled quantity off, and trades reduce both orders. Nothing is matched here.
 */

export type ReplayedEvent = OrderEvent | TradeExecutedEvent;

export interface ReplayLevel {
  price: string;
  quantity: string;
  orders: number;
  /** Open quantity at this price of the highlighted user ("0" when none is highlighted or they have none). */
  highlighted: string;
}

export interface ReplayTrade {
  at: string;
  price: string;
  quantity: string;
  aggressorSide: TradeExecutedEvent["aggressor_side"];
}

/** An event the book could not place, with why (its price off any grid the book can hold, a fractional size). */
export interface SkippedEvent {
  eventId: string;
  reason: string;
}

export interface ReplayFrame {
  /** Best first. */
  bids: ReplayLevel[];
  /** Best first. */
  asks: ReplayLevel[];
  lastTrade: ReplayTrade | null;
  /** Events applied so far. */
  applied: number;
  skipped: SkippedEvent[];
}

/** Fraction digits of the finest tick a replay uses whatever the prices: the cent (Reg NMS Rule 612). */
const MIN_PRICE_DIGITS = 2;

/**
 * The tick a replay of these events keys its levels on: one unit of the finest price digit any of them
 * carries (at least a cent), so every price lands on the grid exactly.
 */
export function replayTickSize(events: Iterable<ReplayedEvent>): Decimal {
  let digits = MIN_PRICE_DIGITS;
  for (const event of events) {
    const price = event.price;
    if (price === null) continue;
    const point = price.indexOf(".");
    if (point >= 0) digits = Math.max(digits, price.length - point - 1);
  }
  return new Decimal(1).div(new Decimal(10).pow(digits));
}

export class BookReplay {
  private readonly book = new OrderBook();
  private readonly grid: TickGrid;
  private readonly orders = new Map<string, BookOrder>();
  private lastTrade: ReplayTrade | null = null;
  private applied = 0;
  private readonly skipped: SkippedEvent[] = [];

  constructor(
    readonly symbol: string,
    tickSize: Decimal,
  ) {
    this.grid = new TickGrid(tickSize);
  }

  /** Applies the symbol's next event (events must come in event-time order). */
  apply(event: ReplayedEvent): void {
    this.applied += 1;
    if (event.event_type === "trade.executed") this.applyTrade(event);
    else if (event.event_type === "order.cancelled") this.applyCancel(event);
    else this.place(event);
  }

  /** The book now: up to `depth` levels a side, with `highlightUserId`'s open quantity at each. */
  frame(depth: number, highlightUserId?: string): ReplayFrame {
    const view = (levels: readonly PriceLevel[]) =>
      levels
        .slice(Math.max(0, levels.length - depth))
        .reverse()
        .map((level) => this.levelView(level, highlightUserId));
    return {
      bids: view(this.book.bids.levels),
      asks: view(this.book.asks.levels),
      lastTrade: this.lastTrade,
      applied: this.applied,
      skipped: [...this.skipped],
    };
  }

  /** A created order rests; a modified one is taken off and rests again at its new price and open size. */
  private place(event: OrderEvent): void {
    const known = this.orders.get(event.order_id);
    if (known !== undefined) this.takeOff(known);
    // Market orders never rest: their fills arrive as trades against the resting side.
    if (event.price === null) return;
    const ticks = this.grid.toTicks(new Decimal(event.price));
    const shares = wholeShares(new Decimal(event.quantity), 0);
    if (typeof ticks === "string" || typeof shares === "string") {
      this.skipped.push({
        eventId: event.event_id,
        reason: typeof ticks === "string" ? ticks : String(shares),
      });
      return;
    }
    const isBuy = event.side === "buy";
    const order = new BookOrder(
      {
        orderId: event.order_id,
        userId: event.user_id,
        symbol: event.symbol,
        side: event.side,
        orderType: event.order_type,
        price: null,
        quantity: new Decimal(shares),
        timeInForce: event.time_in_force ?? "day",
      },
      this.book,
      orderAccountId(event),
      isBuy,
      "none",
      true,
      ticks,
      shares,
      DETACHED,
    );
    this.orders.set(event.order_id, order);
    this.book.sideOf(isBuy).add(order);
  }

  /** The contract's cancel carries the quantity cancelled: what is left of the order keeps resting. */
  private applyCancel(event: OrderEvent): void {
    const order = this.orders.get(event.order_id);
    // An order entered before the replay's start is not on this book: there is nothing to take off.
    if (order === undefined) return;
    const shares = wholeShares(new Decimal(event.quantity), 0);
    this.reduce(order, typeof shares === "number" ? shares : order.open);
  }

  private applyTrade(event: TradeExecutedEvent): void {
    this.lastTrade = {
      at: event.occurred_at,
      price: event.price,
      quantity: event.quantity,
      aggressorSide: event.aggressor_side,
    };
    const shares = Number(event.quantity);
    for (const orderId of [event.buy_order_id, event.sell_order_id]) {
      const order = this.orders.get(orderId);
      if (order !== undefined) this.reduce(order, shares);
    }
  }

  /** Takes `shares` off the order, and the order off the book once nothing of it is open. */
  private reduce(order: BookOrder, shares: number): void {
    if (shares >= order.open) {
      this.takeOff(order);
      return;
    }
    order.open -= shares;
    order.level.quantity -= shares;
  }

  private takeOff(order: BookOrder): void {
    this.book.sideOf(order.isBuy).remove(order);
    this.orders.delete(order.order.orderId);
  }

  private levelView(level: PriceLevel, highlightUserId: string | undefined): ReplayLevel {
    let highlighted = 0;
    for (let order = level.head; order !== null; order = order.next)
      if (order.order.userId === highlightUserId) highlighted += order.open;
    return {
      price: this.grid.priceText(level.ticks),
      quantity: String(level.quantity),
      orders: level.orders,
      highlighted: String(highlighted),
    };
  }
}

export interface BookReplayOptions {
  /** Levels a side. */
  depth: number;
  /** Whose orders the ladder marks (the alert's user). */
  highlightUserId?: string;
  /** How many of the last events applied to return, newest first. */
  recentEvents: number;
}

export interface BookReplayResult extends ReplayFrame {
  tickSize: string;
  /** The time of the last event applied: the step the book shows (null before the first event). */
  currentInstant: string | null;
  /** The time of the event before that step, where "one event back" goes (null at the first). */
  previousInstant: string | null;
  /** The last events applied, newest first; those at currentInstant are the step itself. */
  recent: ReplayedEvent[];
}

/**
 * The book after every one of `events` (a symbol's, in event-time order). Events of one instant are one
 * step: a venue reports an entry and the trades it caused at the same time, so the book between them
 * never existed.
 */
export function replayBook(
  symbol: string,
  events: readonly ReplayedEvent[],
  options: BookReplayOptions,
): BookReplayResult {
  const tickSize = replayTickSize(events);
  const replay = new BookReplay(symbol, tickSize);
  let currentInstant: string | null = null;
  let previousInstant: string | null = null;
  for (const event of events) {
    replay.apply(event);
    if (event.occurred_at !== currentInstant) {
      previousInstant = currentInstant;
      currentInstant = event.occurred_at;
    }
  }
  return {
    ...replay.frame(options.depth, options.highlightUserId),
    tickSize: decimalToString(tickSize),
    currentInstant,
    previousInstant,
    recent: events.slice(Math.max(0, events.length - options.recentEvents)).reverse(),
  };
}
