import type { OrderEvent, TradeExecutedEvent } from "../events/index";
import { buyAccountId, orderAccountId, sellAccountId } from "../events/index";
import { eventTimeMs } from "./event-time";
import { LevelCounts } from "./level-counts";

/**
 * The engine's own view of one symbol's book, rebuilt from order and trade events: order events carry
 * no displayed size, touch or depth, so the engine keeps every resting order (created/modified/
 * cancelled, reduced by trades) and the size resting at each price.
 *
 * Prices and sizes are binary doubles here: they are detection statistics (ratios, distances in bps),
 * compared with tolerances, never money. The decimal strings of the events are kept untouched for the
 * evidence a reviewer reads. Each event is parsed once, and every update is O(1) except finding the new
 * touch when the best level empties, which scans the levels of that side (a few dozen in practice).
 */

export type Side = "buy" | "sell";

/** An order as the engine tracks it from its order.created on. */
export interface TrackedOrder {
  orderId: string;
  userId: string;
  accountId: string;
  side: Side;
  /** NaN for a market order. */
  price: number;
  /** Quantity still open (resting or about to trade). */
  open: number;
  createdQuantity: number;
  filledQuantity: number;
  /** Sum of price x quantity of its fills (their average price is filledNotional / filledQuantity). */
  filledNotional: number;
  /** Quantity it traded as the aggressor (taking liquidity). */
  aggressiveQuantity: number;
  /** It took liquidity on arrival (a trade as aggressor within the grace period after entry), not after a re-price. */
  marketableOnArrival: boolean;
  createdMs: number;
  createdAt: string;
  priceText: string | null;
  quantityText: string;
  agency: boolean;
  /** IOC, FOK and market orders cancel what does not fill at once: not a trader's decision. */
  immediateOrCancel: boolean;
  /** At entry (or the last re-price): the size resting at its price, or at the touch if that is empty. */
  displayedAtEntry: number;
  /** At entry (or the last re-price): distance behind the same side's touch in bps (<= 0 at or inside it). */
  touchDistanceBps: number;
  /** The same side's touch was better than its price at entry: it rested "away from the best price". */
  behindTouch: boolean;
}

/**
 * An order event as the detectors see it. The book hands out one such object per symbol, refilled for
 * each order event (most events are orders, and a new object each was a tenth of what the engine
 * allocated): it is valid until the event has been processed, so a detector copies what it keeps.
 */
export interface ObservedOrder {
  event: OrderEvent;
  /** The record of the event's user (event.user_id) in this book. */
  user: BookUser;
  timeMs: number;
  side: Side;
  price: number;
  quantity: number;
  /** The tracked order: just entered for a created event, as before the event otherwise (undefined if unknown). */
  order: TrackedOrder | undefined;
  /** A cancel of an IOC/FOK/market order within the grace period after its entry. */
  autoCancel: boolean;
}

export interface ObservedTrade {
  event: TradeExecutedEvent;
  timeMs: number;
  price: number;
  quantity: number;
  buyAccountId: string;
  sellAccountId: string;
  /** The records of the buying and the selling user (buy_user_id, sell_user_id) in this book. */
  buyer: BookUser;
  seller: BookUser;
  buyOrder: TrackedOrder | undefined;
  sellOrder: TrackedOrder | undefined;
  /** The last trade price before this one (NaN for the symbol's first trade). */
  previousPrice: number;
}

export interface SymbolBookOptions {
  /**
   * IOC/FOK auto-cancels within this long after entry are not counted as cancels, and an order trading
   * as the aggressor within it took liquidity on arrival (default 100 ms).
   */
  autoCancelGraceMs: number;
  /** At most this many tracked orders; beyond it the oldest are dropped (memory stays bounded). */
  maxTrackedOrders: number;
}

/**
 * One user in one symbol: the user's resting levels, and every detector's state for the user. An event
 * looks its users up once (ObservedOrder.user, ObservedTrade.buyer/seller) and the book and all the
 * detectors read and write through that record, instead of each keeping a map by user id to look the
 * same user up in again.
 */
export interface BookUser {
  readonly userId: string;
  /** Per side: open orders at each price (how many distinct levels the user rests on). */
  readonly buy: LevelCounts;
  readonly sell: LevelCounts;
  /** When the user last rested orders on both sides at once. */
  lastTwoSidedMs: number;
  /** Detectors' states for the user, by the slot each took from newSlot (undefined: none). */
  readonly slots: unknown[];
  /**
   * When each slot's detector last saw the user. Apart from the states, in an array of unboxed doubles:
   * a sweep reads every user's times, and reads them from one block instead of one object per state.
   */
  readonly slotSeenMs: number[];
  /**
   * At or before the earliest time a held slot was last seen (+Infinity when none is held): set when a
   * slot's state is created (UserStates.touch), made exact by a sweep that looks at the slots. A sweep
   * skips the slots of a user whose bound is after its cut-off: none of them can be idle. Visiting every
   * slot of every user was most of a sweep (3.0 s of 4.2 s over the engine bench's 9.4M events).
   */
  oldestSeenMs: number;
}

/**
 * A user who rested orders on both sides within this long counts as making a market (market makers
 * requote all day; a minute covers the moments one of their quotes has just been filled).
 */
export const MARKET_MAKING_MEMORY_MS = 60_000;

/** IOC grace of about 100 ms (issue 3); 200,000 tracked orders is a busy symbol's whole day. */
export const DEFAULT_BOOK_OPTIONS: SymbolBookOptions = { autoCancelGraceMs: 100, maxTrackedOrders: 200_000 };

export class SymbolBook {
  private readonly orders = new Map<string, TrackedOrder>();
  private readonly bids = new Map<number, number>();
  private readonly asks = new Map<number, number>();
  private readonly users = new Map<string, BookUser>();
  private slotCount = 0;
  private bestBid = Number.NaN;
  private bestAsk = Number.NaN;
  lastTradePrice = Number.NaN;
  /** The last timestamp parsed: the events of one venue action share it, so most events skip the parse. */
  private lastIso = "";
  private lastMs = Number.NaN;
  /** The ObservedOrder refilled by observeOrder (see ObservedOrder); none before the first order. */
  private observed: ObservedOrder | undefined;

  constructor(
    readonly symbol: string,
    private readonly options: SymbolBookOptions,
  ) {}

  get trackedOrders(): number {
    return this.orders.size;
  }

  /** Time of the event being processed (epoch ms). */
  get nowMs(): number {
    return this.lastMs;
  }

  touch(side: Side): number {
    return side === "buy" ? this.bestBid : this.bestAsk;
  }

  /**
   * The user rested orders on both sides within MARKET_MAKING_MEMORY_MS of the current event: quoting a
   * two-sided market, as market makers must (exchange obligations such as Nasdaq Rule 4613).
   */
  makesMarket(user: BookUser): boolean {
    return this.lastMs - user.lastTwoSidedMs <= MARKET_MAKING_MEMORY_MS;
  }

  /** Distinct prices at which the user has orders resting on that side. */
  levelCount(user: BookUser, side: Side): number {
    return user[side].size;
  }

  /**
   * The user's record, created if need be; `known` is returned when it is that user's (an order's user is
   * its event's user but for malformed input, so the event's record serves without a second look-up).
   */
  userOf(userId: string, known?: BookUser): BookUser {
    if (known !== undefined && known.userId === userId) return known;
    let user = this.users.get(userId);
    if (user === undefined) {
      user = {
        userId,
        buy: new LevelCounts(),
        sell: new LevelCounts(),
        lastTwoSidedMs: Number.NEGATIVE_INFINITY,
        slots: new Array<unknown>(this.slotCount),
        slotSeenMs: [],
        oldestSeenMs: Number.POSITIVE_INFINITY,
      };
      this.users.set(userId, user);
    }
    return user;
  }

  /** A slot for one detector's per-user state in every user record of this book (see UserStates). */
  newSlot(): number {
    return this.slotCount++;
  }

  /**
   * Drops detectors' per-user states not seen since idleBeforeMs, then the records left with no state,
   * nothing resting, and no market made since then: memory follows active users, not all users.
   */
  evictIdle(idleBeforeMs: number): void {
    for (const user of this.users.values()) {
      if (user.oldestSeenMs < idleBeforeMs) {
        const { slots, slotSeenMs } = user;
        let oldest = Number.POSITIVE_INFINITY;
        for (let slot = 0; slot < slots.length; slot++) {
          if (slots[slot] === undefined) continue;
          const seenMs = slotSeenMs[slot] as number;
          if (seenMs < idleBeforeMs) slots[slot] = undefined;
          else if (seenMs < oldest) oldest = seenMs;
        }
        user.oldestSeenMs = oldest;
      }
      // No slot held (the bound is +Infinity only then).
      const held = user.oldestSeenMs !== Number.POSITIVE_INFINITY;
      if (!held && user.buy.size === 0 && user.sell.size === 0 && user.lastTwoSidedMs < idleBeforeMs)
        this.users.delete(user.userId);
    }
  }

  private timeOf(iso: string): number {
    if (iso !== this.lastIso) {
      this.lastIso = iso;
      this.lastMs = eventTimeMs(iso);
    }
    return this.lastMs;
  }

  /**
   * Parses an order event. A created order enters the book at once (detectors see where it rests);
   * a modify or cancel is described against the book before it, and applied by settleOrder.
   */
  observeOrder(event: OrderEvent): ObservedOrder {
    const timeMs = this.timeOf(event.occurred_at);
    // Each decimal string is parsed once per event (an entered order takes the same numbers).
    const price = event.price === null ? Number.NaN : Number(event.price);
    const quantity = Number(event.quantity);
    const user = this.userOf(event.user_id);
    const order =
      event.event_type === "order.created"
        ? this.enter(event, user, timeMs, price, quantity)
        : this.orders.get(event.order_id);
    const autoCancel =
      event.event_type === "order.cancelled" &&
      order !== undefined &&
      order.immediateOrCancel &&
      timeMs - order.createdMs <= this.options.autoCancelGraceMs;
    const observed = this.observed;
    if (observed === undefined) {
      this.observed = { event, user, timeMs, side: event.side, price, quantity, order, autoCancel };
      return this.observed;
    }
    observed.event = event;
    observed.user = user;
    observed.timeMs = timeMs;
    observed.side = event.side;
    observed.price = price;
    observed.quantity = quantity;
    observed.order = order;
    observed.autoCancel = autoCancel;
    return observed;
  }

  observeTrade(event: TradeExecutedEvent): ObservedTrade {
    return {
      event,
      timeMs: this.timeOf(event.occurred_at),
      price: Number(event.price),
      quantity: Number(event.quantity),
      buyAccountId: buyAccountId(event),
      sellAccountId: sellAccountId(event),
      buyer: this.userOf(event.buy_user_id),
      seller: this.userOf(event.sell_user_id),
      buyOrder: this.orders.get(event.buy_order_id),
      sellOrder: this.orders.get(event.sell_order_id),
      previousPrice: this.lastTradePrice,
    };
  }

  /** Applies a modify or cancel after the detectors have seen it (a created order is already in). */
  settleOrder(observed: ObservedOrder): void {
    const { event, order } = observed;
    if (event.event_type === "order.created" || order === undefined) return;
    const user = this.userOf(order.userId, observed.user);
    this.leaveLevel(order, user);
    if (event.event_type === "order.cancelled") {
      this.orders.delete(order.orderId);
      return;
    }
    order.open = observed.quantity;
    order.price = observed.price;
    this.placeAt(order, user);
  }

  applyTrade(observed: ObservedTrade): void {
    this.lastTradePrice = observed.price;
    const aggressorIsBuyer = observed.event.aggressor_side === "buy";
    this.fill(observed.buyOrder, observed.buyer, observed, aggressorIsBuyer);
    this.fill(observed.sellOrder, observed.seller, observed, !aggressorIsBuyer);
  }

  private enter(
    event: OrderEvent,
    user: BookUser,
    timeMs: number,
    price: number,
    quantity: number,
  ): TrackedOrder {
    const order: TrackedOrder = {
      orderId: event.order_id,
      userId: event.user_id,
      accountId: orderAccountId(event),
      side: event.side,
      price,
      open: quantity,
      createdQuantity: quantity,
      filledQuantity: 0,
      filledNotional: 0,
      aggressiveQuantity: 0,
      marketableOnArrival: false,
      createdMs: timeMs,
      createdAt: event.occurred_at,
      priceText: event.price,
      quantityText: event.quantity,
      agency: event.capacity === "agency",
      immediateOrCancel:
        event.order_type === "market" || event.time_in_force === "ioc" || event.time_in_force === "fok",
      displayedAtEntry: 0,
      touchDistanceBps: 0,
      behindTouch: false,
    };
    if (this.orders.size >= this.options.maxTrackedOrders) this.dropOldest();
    this.orders.set(order.orderId, order);
    this.placeAt(order, user);
    return order;
  }

  /** Records where the order sits against the book, then adds it to its level (market orders never rest). */
  private placeAt(order: TrackedOrder, user: BookUser): void {
    if (Number.isNaN(order.price)) return;
    const levels = order.side === "buy" ? this.bids : this.asks;
    const touch = order.side === "buy" ? this.bestBid : this.bestAsk;
    const atLevel = levels.get(order.price) ?? 0;
    // The touch is always a level of the book (it is recomputed whenever its level empties).
    order.displayedAtEntry = atLevel > 0 || Number.isNaN(touch) ? atLevel : (levels.get(touch) as number);
    const behind = Number.isNaN(touch) ? 0 : order.side === "buy" ? touch - order.price : order.price - touch;
    order.touchDistanceBps = Number.isNaN(touch) ? 0 : (behind / touch) * 10_000;
    order.behindTouch = behind > 0;
    levels.set(order.price, atLevel + order.open);
    this.countUserLevel(order, user, 1);
    if (order.side === "buy") {
      if (!(order.price <= this.bestBid)) this.bestBid = order.price;
    } else if (!(order.price >= this.bestAsk)) this.bestAsk = order.price;
  }

  /** `trader` is the record of the trade's user on the order's side (the order's user, see userOf). */
  private fill(
    order: TrackedOrder | undefined,
    trader: BookUser,
    trade: ObservedTrade,
    aggressor: boolean,
  ): void {
    if (order === undefined) return;
    const { quantity } = trade;
    order.filledQuantity += quantity;
    order.filledNotional += quantity * trade.price;
    if (aggressor) {
      order.aggressiveQuantity += quantity;
      if (trade.timeMs - order.createdMs <= this.options.autoCancelGraceMs) order.marketableOnArrival = true;
    }
    const traded = Math.min(quantity, order.open);
    order.open -= traded;
    if (Number.isNaN(order.price)) {
      if (order.open <= 0) this.orders.delete(order.orderId);
      return;
    }
    this.reduceLevel(order.side, order.price, traded);
    if (order.open > 0) return;
    this.countUserLevel(order, this.userOf(order.userId, trader), -1);
    this.orders.delete(order.orderId);
  }

  private leaveLevel(order: TrackedOrder, user: BookUser): void {
    if (Number.isNaN(order.price)) return;
    this.reduceLevel(order.side, order.price, order.open);
    this.countUserLevel(order, user, -1);
  }

  private countUserLevel(order: TrackedOrder, user: BookUser, delta: 1 | -1): void {
    if (delta > 0) user[order.side].add(order.price);
    else user[order.side].remove(order.price);
    if (user.buy.size > 0 && user.sell.size > 0) user.lastTwoSidedMs = this.lastMs;
  }

  private reduceLevel(side: Side, price: number, quantity: number): void {
    const levels = side === "buy" ? this.bids : this.asks;
    const remaining = (levels.get(price) as number) - quantity;
    if (remaining > 1e-9) {
      levels.set(price, remaining);
      return;
    }
    levels.delete(price);
    if (side === "buy" && price === this.bestBid) this.bestBid = bestOf(levels, Math.max);
    else if (side === "sell" && price === this.bestAsk) this.bestAsk = bestOf(levels, Math.min);
  }

  private dropOldest(): void {
    for (const order of this.orders.values()) {
      this.leaveLevel(order, this.userOf(order.userId));
      this.orders.delete(order.orderId);
      return;
    }
  }
}

function bestOf(levels: Map<number, number>, pick: (a: number, b: number) => number): number {
  let best = Number.NaN;
  for (const price of levels.keys()) best = Number.isNaN(best) ? price : pick(best, price);
  return best;
}
