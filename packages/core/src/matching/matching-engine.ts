import { symbolString } from "../events/fields";
import { Decimal } from "../money";
import { BookOrder } from "./book-order";
import { DETACHED } from "./book-side";
import { ContractEvents } from "./contract-events";
import { OrderBook } from "./order-book";
import { EngineOutcome, rejectedOutcome } from "./order-outcome";
import type { PriceLevel } from "./price-level";
import { MAX_PRICE_TICKS, TickGrid, wholeShares } from "./tick-grid";
import type {
  BookLevel,
  MatchingEngineOptions,
  NewOrder,
  OrderChange,
  OrderOutcome,
  SelfTradePrevention,
} from "./types";

/**
 * A price-time-priority limit order book per symbol (continuous matching as on Nasdaq or an ATS): an
 * incoming order trades against the best opposite price first and, within a price, the oldest order
 * first, always at the resting order's price; a remainder of a day/gtc limit order rests, the rest of a
 * market, ioc or fok order is cancelled. Single-threaded and deterministic given `now` and `newId`.
 *
 * Internally prices are integer ticks and sizes integer shares (see tick-grid.ts for why that is exact);
 * Decimal appears only at the boundary: parsed once on the way in, built lazily on the way out.
 *
 * Order and user ids go into the events as given: the contract wants UUIDs, which the caller (router,
 * order gateway) has already validated; checking them again here would cost a third of an operation.
 */
export class MatchingEngine {
  readonly venueId: string;
  private readonly grid: TickGrid;
  private readonly events: ContractEvents;
  private readonly now: () => number;
  private readonly defaultSelfTradePrevention: SelfTradePrevention;
  private readonly books = new Map<string, OrderBook>();
  /** Every accepted order id: the order while it is open, null once done, so an id is never reused. */
  private readonly orders = new Map<string, BookOrder | null>();

  constructor(options: MatchingEngineOptions) {
    this.venueId = options.venueId;
    this.grid = new TickGrid(options.tickSize ?? new Decimal("0.01"));
    this.events = new ContractEvents(options.venueId, this.grid, options.newId);
    this.now = options.now;
    this.defaultSelfTradePrevention = options.selfTradePrevention ?? "none";
  }

  get tickSize(): Decimal {
    return this.grid.tickSize;
  }

  submit(order: NewOrder): OrderOutcome {
    const { orderId } = order;
    if (this.orders.has(orderId)) return rejectedOutcome(`duplicate order id ${orderId}`);
    const shares = wholeShares(order.quantity, 0);
    if (typeof shares === "string") return rejectedOutcome(shares);
    const isBuy = order.side === "buy";
    let ticks: number;
    if (order.orderType === "market") {
      if (order.price !== null) return rejectedOutcome("a market order takes no price");
      // A bound every opposite level crosses: the highest price for a buy, the lowest for a sell.
      ticks = isBuy ? MAX_PRICE_TICKS : 1;
    } else {
      if (order.price === null) return rejectedOutcome("a limit order needs a price");
      const limit = this.grid.toTicks(order.price);
      if (typeof limit === "string") return rejectedOutcome(limit);
      ticks = limit;
    }
    const book = this.bookOf(order.symbol);
    if (book === undefined) {
      return rejectedOutcome(`symbol ${JSON.stringify(order.symbol)} is not 1-20 characters of A-Z 0-9 . -`);
    }
    const timeInForce = order.timeInForce;
    const bookOrder = new BookOrder(
      order,
      book,
      order.accountId ?? order.userId,
      isBuy,
      order.selfTradePrevention ?? this.defaultSelfTradePrevention,
      order.orderType === "limit" && (timeInForce === "day" || timeInForce === "gtc"),
      ticks,
      shares,
      DETACHED,
    );
    // The order goes into `orders` when its fate is known (resting or done): nothing can look it up
    // while it matches, and one map write per order is measurably cheaper than two.
    const outcome = new EngineOutcome(this.events, bookOrder, this.now(), "order.created", ticks, shares);
    // FOK is all or nothing, decided before any trade: a kill leaves the book exactly as it was.
    if (timeInForce === "fok" && !this.fillsCompletely(bookOrder)) {
      this.close(bookOrder, outcome);
      return outcome.settle("cancelled");
    }
    return this.execute(bookOrder, outcome);
  }

  cancel(orderId: string): OrderOutcome {
    const order = this.openOrderNamed(orderId);
    if (typeof order === "string") return rejectedOutcome(order);
    const outcome = new EngineOutcome(
      this.events,
      order,
      this.now(),
      "order.cancelled",
      order.ticks,
      order.open,
    );
    order.book.sideOf(order.isBuy).remove(order);
    this.retire(order);
    return outcome.settle("cancelled");
  }

  /**
   * A new limit price and/or open quantity. A size decrease at the same price keeps the order's place in
   * its queue; a price change or a size increase sends it to the back of the queue of its (new) price,
   * after matching whatever the new price crosses (the usual exchange rule: only a reduction keeps time
   * priority, since an increase would otherwise jump the orders entered after it).
   */
  modify(orderId: string, change: OrderChange): OrderOutcome {
    const order = this.openOrderNamed(orderId);
    if (typeof order === "string") return rejectedOutcome(order);
    let ticks = order.ticks;
    if (change.price !== undefined) {
      const limit = this.grid.toTicks(change.price);
      if (typeof limit === "string") return rejectedOutcome(limit);
      ticks = limit;
    }
    let open = order.open;
    if (change.quantity !== undefined) {
      const shares = wholeShares(change.quantity, order.filled);
      if (typeof shares === "string") return rejectedOutcome(shares);
      open = shares;
    }
    if (ticks === order.ticks && open === order.open) {
      return rejectedOutcome(`the modify leaves order ${orderId} as it is`);
    }
    const outcome = new EngineOutcome(this.events, order, this.now(), "order.modified", ticks, open);
    if (ticks === order.ticks && open < order.open) {
      order.level.quantity -= order.open - open;
      order.open = open;
      return outcome.settle(order.filled > 0 ? "partially_filled" : "resting");
    }
    order.book.sideOf(order.isBuy).remove(order);
    order.ticks = ticks;
    order.open = open;
    return this.execute(order, outcome);
  }

  /**
   * The session close: every resting day order is cancelled, book by book (gtc orders stay). The ids of
   * finished orders are forgotten then, so memory is bounded by a day's orders (at ~100 bytes each,
   * 10 million orders a day hold ~1 GB): duplicate ids are caught within a session, and across sessions
   * only while the order is still open. Order ids are UUIDs, so a repeat after the close is a replay.
   */
  endOfDay(): OrderOutcome[] {
    const dayOrderIds: string[] = [];
    for (const book of this.books.values()) {
      for (const side of [book.bids, book.asks]) {
        for (const level of side.levels) {
          for (let order = level.head; order !== null; order = order.next) {
            if (order.order.timeInForce === "day") dayOrderIds.push(order.order.orderId);
          }
        }
      }
    }
    const outcomes = dayOrderIds.map((orderId) => this.cancel(orderId));
    for (const [orderId, order] of this.orders) if (order === null) this.orders.delete(orderId);
    return outcomes;
  }

  bestBid(symbol: string): BookLevel | undefined {
    return this.levelView(this.books.get(symbol)?.bids.best());
  }

  bestAsk(symbol: string): BookLevel | undefined {
    return this.levelView(this.books.get(symbol)?.asks.best());
  }

  /** Up to `levels` price levels per side, best first. */
  depth(symbol: string, levels: number): { bids: BookLevel[]; asks: BookLevel[] } {
    const book = this.books.get(symbol);
    if (book === undefined) return { bids: [], asks: [] };
    const view = (sorted: readonly PriceLevel[]) =>
      sorted
        .slice(Math.max(0, sorted.length - levels))
        .reverse()
        .map((level) => this.bookLevel(level));
    return { bids: view(book.bids.levels), asks: view(book.asks.levels) };
  }

  /** An open order with its current terms (price after modifies; quantity = filled + open). */
  openOrder(orderId: string): { order: NewOrder; openQuantity: Decimal } | undefined {
    const order = this.orders.get(orderId);
    if (!order) return undefined;
    return {
      order: {
        ...order.order,
        price: this.grid.price(order.ticks),
        quantity: new Decimal(order.filled + order.open),
      },
      openQuantity: new Decimal(order.open),
    };
  }

  private bookOf(symbol: string): OrderBook | undefined {
    let book = this.books.get(symbol);
    if (book === undefined) {
      if (!symbolString.safeParse(symbol).success) return undefined;
      book = new OrderBook();
      this.books.set(symbol, book);
    }
    return book;
  }

  private openOrderNamed(orderId: string): BookOrder | string {
    const order = this.orders.get(orderId);
    if (order === undefined) return `unknown order id ${orderId}`;
    if (order === null) return `order ${orderId} is no longer open`;
    return order;
  }

  /** Matches an order that is off the book, then rests or cancels what is left of it. */
  private execute(order: BookOrder, outcome: EngineOutcome): OrderOutcome {
    const stoppedBySelfTrade = this.match(order, outcome);
    if (order.open === 0) {
      this.retire(order);
      return outcome.settle("filled");
    }
    if (stoppedBySelfTrade || !order.restsRemainder) {
      this.close(order, outcome);
      return outcome.settle("cancelled");
    }
    order.book.sideOf(order.isBuy).add(order);
    this.orders.set(order.order.orderId, order);
    return outcome.settle(order.filled > 0 ? "partially_filled" : "resting");
  }

  /**
   * Trades the incoming order against the opposite side, best price first, oldest first within a price.
   * Returns true when self-trade prevention cancelled the incoming order's remainder.
   */
  private match(incoming: BookOrder, outcome: EngineOutcome): boolean {
    const opposite = incoming.book.sideOf(!incoming.isBuy);
    const preventSelfTrade = incoming.selfTradePrevention;
    for (
      let level = opposite.best();
      level !== undefined && !opposite.isBetter(incoming.ticks, level.ticks);
      level = opposite.best()
    ) {
      for (let resting = level.head; resting !== null;) {
        const next: BookOrder | null = resting.next;
        if (preventSelfTrade !== "none" && resting.accountId === incoming.accountId) {
          if (preventSelfTrade !== "cancel_incoming") {
            opposite.remove(resting);
            this.close(resting, outcome);
          }
          if (preventSelfTrade !== "cancel_resting") return true;
        } else {
          const shares = Math.min(resting.open, incoming.open);
          const notional = shares * level.ticks;
          resting.open -= shares;
          resting.filled += shares;
          resting.filledNotional += notional;
          incoming.open -= shares;
          incoming.filled += shares;
          incoming.filledNotional += notional;
          level.quantity -= shares;
          outcome.recordFill(resting, level.ticks, shares);
          if (resting.open === 0) {
            opposite.remove(resting);
            this.retire(resting);
          }
          if (incoming.open === 0) return false;
        }
        resting = next;
      }
    }
    return false;
  }

  /** FOK: whether the order would fill completely now, with the same price and self-trade rules as match. */
  private fillsCompletely(incoming: BookOrder): boolean {
    const opposite = incoming.book.sideOf(!incoming.isBuy);
    const preventSelfTrade = incoming.selfTradePrevention;
    let available = 0;
    for (let index = opposite.levels.length - 1; index >= 0; index--) {
      const level = opposite.levels[index] as PriceLevel;
      if (opposite.isBetter(incoming.ticks, level.ticks)) return false;
      for (let resting = level.head; resting !== null; resting = resting.next) {
        if (preventSelfTrade !== "none" && resting.accountId === incoming.accountId) {
          // cancel_resting skips the order; the other modes stop the incoming order there.
          if (preventSelfTrade !== "cancel_resting") return false;
        } else {
          available += resting.open;
          if (available >= incoming.open) return true;
        }
      }
    }
    return false;
  }

  /** Cancels what is left of an order that is off the book (taken off by the caller, or never on it). */
  private close(order: BookOrder, outcome: EngineOutcome): void {
    outcome.recordChange("order.cancelled", order, order.ticks, order.open);
    this.retire(order);
  }

  /** The order is done: nothing left open, and its id stays taken. */
  private retire(order: BookOrder): void {
    order.open = 0;
    this.orders.set(order.order.orderId, null);
  }

  private levelView(level: PriceLevel | undefined): BookLevel | undefined {
    return level === undefined ? undefined : this.bookLevel(level);
  }

  private bookLevel(level: PriceLevel): BookLevel {
    return {
      price: this.grid.price(level.ticks),
      quantity: new Decimal(level.quantity),
      orders: level.orders,
    };
  }
}
