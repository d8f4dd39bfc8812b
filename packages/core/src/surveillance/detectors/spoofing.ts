import type { DetectorOptions, SymbolDetector } from "../detector";
import { BuiltInDetector } from "../detector";
import { atLeast, atMost, enteredEntry, fillEntry, oppositeOf, cancelEntry } from "../evidence";
import { KeyedStates } from "../keyed-states";
import type { BookUser, ObservedOrder, ObservedTrade, Side, SymbolBook, TrackedOrder } from "../market-view";
import { SlidingSum } from "../sliding-sum";
import type { Thresholds } from "../thresholds";
import type { ThresholdCrossing, TradingPattern } from "../types";
import { UserStates } from "../user-states";
import { LogMedian } from "../log-median";
import type { ReferenceIndex } from "../reference-index";

interface SideActivity {
  /** Trader-decided cancels (IOC/FOK auto-cancels excluded) and fills over the window. */
  cancelled: SlidingSum;
  filled: SlidingSum;
  /** The user's last fill on this side. */
  lastFill: ObservedTrade | undefined;
  /**
   * Most distinct levels the user rested on, on the other side, at that fill or at a cancel there since
   * (a stack there is layering's, including layers added after the fill).
   */
  levelsOppositeSinceFill: number;
}

interface SpoofingUser {
  /** The windowMs its sums were built with (a threshold change rebuilds them). */
  windowMs: number;
  buy: SideActivity;
  sell: SideActivity;
  /** Median size of the user's orders that traded: what the user really trades (spoofs rarely do). */
  executedSize: LogMedian;
}

/**
 * Spoofing (CEA §4c(a)(5)(C); CFTC v. Sarao, U.S. v. Coscia): a large order on one side, resting near
 * the touch, cancelled shortly after the same user's order on the other side traded, for the same
 * beneficial owner (state is kept per user and owner of the account: an agency desk's orders for two
 * clients are two traders' orders). It fires on the cancel when, over the window:
 *   - the order was large: >= largeVsDisplayed x the size displayed at its level when it was entered
 *     (at the touch if its level was empty), or >= largeVsUserMedian x the user's median executed order
 *     (the median of orders that traded: a spoofer's many cancelled spoofs do not inflate it; until
 *     MEDIAN_MIN_ORDERS orders traded, the genuine order's size stands for it: a "median" of two small
 *     fills of other orders would make every order large);
 *   - it rested within maxTouchDistanceBps of the touch (deeper orders move nobody's price);
 *   - it belongs to the genuine order: entered after it, or at most maxLeadBeforeGenuineMs before it
 *     (Coscia's and Oystacher's spoofs went in around the genuine order; an order that had rested on
 *     its own for longer before the other side was even entered stood the market's risk: bona fide);
 *   - the user had a fill on the opposite side after it was entered, at most maxCancelAfterFillMs before;
 *   - cancelled volume on the spoof side >= minCancelledToFilled x the user's opposite filled volume;
 *   - cancel ratio on the spoof side, cancelled / (cancelled + filled), >= minCancelRatio.
 * Orders of a user resting on several levels at once are layering's (see layering.ts), not spoofing's:
 * cancels of a side where the user rested on >= LAYERING_LEVELS levels at the fill or after it are left
 * to it. Registered market makers' cancels are re-quotes, as are those of a user still quoting the other
 * side (below). A cancel in the same millisecond as the user's own aggressive fill on the other side,
 * of an order that fill's limit reached, is the venue's self-trade prevention, not the trader's.
 * A user still quoting the other side when cancelling is making a two-sided market, re-quoting after a
 * fill as market makers must (exchange market-maker obligations, e.g. Nasdaq Rule 4613, require a
 * continuous two-sided quote): the spoofer's genuine order has traded and nothing of the user rests on
 * the other side. For the same reason a cancel followed within replaceWithinMs by a new same-side order
 * of the user (a cancel/replace) is not reported: spoofs are held that long before they are reported.
 */
export class SpoofingDetector extends BuiltInDetector<"spoofing"> {
  constructor(options: DetectorOptions = {}) {
    super("spoofing", options);
  }

  forSymbol(book: SymbolBook): SymbolDetector {
    return new SpoofingSession(book, this.thresholds, this.reference);
  }
}

/** A side's activity of a new holder (a function of the module: every trading user needs one per symbol). */
function newSideActivity(windowMs: number): SideActivity {
  return {
    cancelled: new SlidingSum(windowMs),
    filled: new SlidingSum(windowMs),
    lastFill: undefined,
    levelsOppositeSinceFill: 0,
  };
}

/** Three distinct levels make a layer stack (the default of layering's minLayers, FINRA's examples). */
const LAYERING_LEVELS = 3;
/** Executed orders a user's median size needs before orders are compared with it. */
const MEDIAN_MIN_ORDERS = 10;

/** A spoof found on a cancel, reported once no replacement order followed within replaceWithinMs. */
interface PendingSpoof {
  pattern: TradingPattern;
  side: Side;
  price: number;
}

class SpoofingSession implements SymbolDetector {
  /** The state of users trading their own accounts, and of users working clients' accounts (see holderOf). */
  private readonly users: UserStates<SpoofingUser>;
  private readonly clients: KeyedStates<SpoofingUser>;
  private readonly pending: PendingSpoof[] = [];

  constructor(
    private readonly book: SymbolBook,
    private readonly thresholds: Thresholds<"spoofing">,
    private readonly reference: ReferenceIndex,
  ) {
    const create = (): SpoofingUser => ({
      windowMs: thresholds.windowMs,
      buy: newSideActivity(thresholds.windowMs),
      sell: newSideActivity(thresholds.windowMs),
      executedSize: new LogMedian(),
    });
    this.users = new UserStates(book, create);
    this.clients = new KeyedStates(create);
  }

  /**
   * Whose state an order or fill belongs to: the user's own (kept on the book's user record), or, when
   * the account is not the user's own, the user's for the account's beneficial owner (an agency desk's
   * clients; two accounts of one owner are one). Sums are rebuilt when windowMs changed since they were made.
   */
  private holderOf(trader: BookUser, accountId: string, timeMs: number): SpoofingUser {
    const user =
      accountId === trader.userId
        ? this.users.touch(trader, timeMs)
        : this.clients.touch(trader.userId, this.reference.ownerOf(accountId), timeMs);
    if (user.windowMs !== this.thresholds.windowMs) {
      user.windowMs = this.thresholds.windowMs;
      for (const activity of [user.buy, user.sell]) {
        activity.cancelled = new SlidingSum(user.windowMs);
        activity.filled = new SlidingSum(user.windowMs);
      }
    }
    return user;
  }

  /** Keeps the holder's state (see holderOf), if any, alive. */
  private seenHolder(trader: BookUser, accountId: string, timeMs: number): void {
    if (accountId === trader.userId) this.users.seen(trader, timeMs);
    else this.clients.seen(trader.userId, this.reference.ownerOf(accountId), timeMs);
  }

  onOrder(observed: ObservedOrder, found: TradingPattern[]): void {
    const { event, order } = observed;
    if (event.event_type === "order.created") this.dropReplaced(event.user_id, event.side, observed.timeMs);
    this.release(observed.timeMs, found);
    if (order === undefined) return;
    const trader = this.book.userOf(order.userId, observed.user);
    // Only a trader's cancel changes the user's state: other order events just keep it alive.
    if (event.event_type !== "order.cancelled" || observed.autoCancel) {
      this.seenHolder(trader, order.accountId, observed.timeMs);
      return;
    }
    const user = this.holderOf(trader, order.accountId, observed.timeMs);
    user[order.side].cancelled.add(observed.timeMs, observed.quantity);
    const pattern = this.spoofOf(observed, order, user, trader);
    if (pattern !== undefined) this.pending.push({ pattern, side: order.side, price: order.price });
  }

  onTrade(trade: ObservedTrade, found: TradingPattern[]): void {
    this.release(trade.timeMs, found);
    if (this.pending.length > 0) this.dropSelfTradeCancels(trade);
    this.recordFill(trade, "buy", trade.buyer, trade.buyAccountId);
    this.recordFill(trade, "sell", trade.seller, trade.sellAccountId);
  }

  /**
   * Cancels the venue made in this trade's millisecond because the user's aggressive order would have
   * traded with them (self-trade prevention cancels the resting order before the fills it allows).
   */
  private dropSelfTradeCancels(trade: ObservedTrade): void {
    const side = trade.event.aggressor_side;
    const aggressor = side === "buy" ? trade.buyOrder : trade.sellOrder;
    if (aggressor === undefined) return;
    const { pending } = this;
    let kept = 0;
    for (const entry of pending)
      if (
        entry.pattern.userId !== aggressor.userId ||
        entry.pattern.lastEventMs !== trade.timeMs ||
        !reaches(aggressor, entry.side, entry.price)
      )
        pending[kept++] = entry;
    if (kept < pending.length) pending.length = kept;
  }

  flush(found: TradingPattern[]): void {
    this.release(Number.POSITIVE_INFINITY, found);
  }

  /**
   * A cancel followed at once by a new order of the same user on the same side is a cancel/replace
   * (a quote moved, the size kept on offer): not a withdrawal of liquidity, so not a spoof.
   */
  private dropReplaced(userId: string, side: Side, timeMs: number): void {
    // In-place compaction, no closure: this runs on every order entered while a spoof is pending.
    const { pending } = this;
    let kept = 0;
    for (const entry of pending)
      if (entry.pattern.userId !== userId || entry.side !== side || this.due(entry, timeMs))
        pending[kept++] = entry;
    if (kept < pending.length) pending.length = kept;
  }

  /** Reports the pending spoofs whose replacement window has passed (compacting in place, as above). */
  private release(timeMs: number, found: TradingPattern[]): void {
    const { pending } = this;
    let kept = 0;
    for (const entry of pending)
      if (this.due(entry, timeMs)) found.push(entry.pattern);
      else pending[kept++] = entry;
    if (kept < pending.length) pending.length = kept;
  }

  /** No replacing order can follow any more: the spoof is reported. */
  private due(entry: PendingSpoof, timeMs: number): boolean {
    return timeMs - entry.pattern.lastEventMs > this.thresholds.replaceWithinMs;
  }

  /** Its own-account state is dropped by the book (SymbolBook.evictIdle). */
  evictIdle(idleBeforeMs: number): void {
    this.clients.evictIdle(idleBeforeMs);
  }

  private recordFill(trade: ObservedTrade, side: Side, trader: BookUser, accountId: string): void {
    const user = this.holderOf(trader, accountId, trade.timeMs);
    const order = side === "buy" ? trade.buyOrder : trade.sellOrder;
    if (order !== undefined && order.filledQuantity === 0) user.executedSize.add(order.createdQuantity);
    const activity = user[side];
    activity.filled.add(trade.timeMs, trade.quantity);
    activity.lastFill = trade;
    activity.levelsOppositeSinceFill = this.book.levelCount(trader, oppositeOf(side));
  }

  private spoofOf(
    cancel: ObservedOrder,
    order: TrackedOrder,
    user: SpoofingUser,
    trader: BookUser,
  ): TradingPattern | undefined {
    const limits = this.thresholds;
    const now = cancel.timeMs;
    const fillSide = oppositeOf(order.side);
    const fillActivity = user[fillSide];
    const fill = fillActivity.lastFill;
    if (fill === undefined) return undefined;
    // Counted at the cancels (the order cancelled still rests here): a stack's first cancel sees every
    // level, layers added after the fill included, and its later cancels remember it.
    const levels = this.book.levelCount(trader, order.side);
    if (levels > fillActivity.levelsOppositeSinceFill) fillActivity.levelsOppositeSinceFill = levels;
    if (fill.timeMs < order.createdMs || fillActivity.levelsOppositeSinceFill >= LAYERING_LEVELS)
      return undefined;
    const cancelDelayMs = now - fill.timeMs;
    if (cancelDelayMs > limits.maxCancelAfterFillMs) return undefined;
    if (order.touchDistanceBps > limits.maxTouchDistanceBps) return undefined;
    if (this.book.levelCount(trader, fillSide) > 0) return undefined;
    if (this.reference.isMarketMaker(order.userId)) return undefined;
    const genuine = fillSide === "buy" ? fill.buyOrder : fill.sellOrder;
    if (genuine === undefined || order.createdMs < genuine.createdMs - limits.maxLeadBeforeGenuineMs)
      return undefined;
    if (
      cancelDelayMs === 0 &&
      fill.event.aggressor_side === fillSide &&
      reaches(genuine, order.side, order.price)
    )
      return undefined;

    // An order entered on an empty side has no displayed size to compare with: only the median counts.
    const size = order.createdQuantity;
    const vsDisplayed = order.displayedAtEntry > 0 ? size / order.displayedAtEntry : 0;
    // Until the user's median rests on enough executions, the genuine order itself is the measure of
    // what the user really trades (a spoof dwarfs the order it helps: Coscia's, Sarao's).
    const usual =
      user.executedSize.count >= MEDIAN_MIN_ORDERS ? user.executedSize.median() : genuine.createdQuantity;
    const vsMedian = size / usual;
    const large =
      vsDisplayed >= limits.largeVsDisplayed
        ? atLeast("sizeVsDisplayed", vsDisplayed, "largeVsDisplayed", limits.largeVsDisplayed)
        : vsMedian >= limits.largeVsUserMedian
          ? atLeast("sizeVsUserMedian", vsMedian, "largeVsUserMedian", limits.largeVsUserMedian)
          : undefined;
    if (large === undefined) return undefined;

    const spoofSide = user[order.side];
    const cancelledVolume = spoofSide.cancelled.sum(now);
    const filledSameSide = spoofSide.filled.sum(now);
    const filledOpposite = Math.max(user[oppositeOf(order.side)].filled.sum(now), fill.quantity);
    const cancelledToFilled = cancelledVolume / filledOpposite;
    const cancelRatio = cancelledVolume / (cancelledVolume + filledSameSide);
    if (cancelledToFilled < limits.minCancelledToFilled || cancelRatio < limits.minCancelRatio)
      return undefined;
    const crossings: ThresholdCrossing[] = [
      large,
      atMost("cancelAfterFillMs", cancelDelayMs, "maxCancelAfterFillMs", limits.maxCancelAfterFillMs),
      atLeast("cancelledToFilled", cancelledToFilled, "minCancelledToFilled", limits.minCancelledToFilled),
      atLeast("cancelRatio", cancelRatio, "minCancelRatio", limits.minCancelRatio),
    ];

    return {
      type: "spoofing",
      userId: order.userId,
      symbol: this.book.symbol,
      firstEventMs: order.createdMs,
      lastEventMs: now,
      orderIds: [order.orderId, genuine.orderId],
      description:
        `${order.side} order of ${order.quantityText} at ${order.priceText ?? "market"} (${large.value.toFixed(1)}x ${large.metric === "sizeVsDisplayed" ? "the size displayed at its level" : "the user's median order"}) ` +
        `cancelled ${Math.round(cancelDelayMs)} ms after the user's ${fillSide} fill of ${fill.event.quantity} at ${fill.event.price}`,
      crossings,
      metrics: {
        spoofOrderId: order.orderId,
        cancelledVolume,
        filledOppositeVolume: filledOpposite,
        touchDistanceBps: order.touchDistanceBps,
      },
      timeline: [enteredEntry(order), fillEntry(fill, fillSide), cancelEntry(cancel)],
    };
  }
}

/** The aggressive order's limit reaches a resting order of the other side at `price` (market orders reach all). */
function reaches(aggressor: TrackedOrder, restingSide: Side, price: number): boolean {
  if (aggressor.side === restingSide) return false;
  if (Number.isNaN(aggressor.price)) return true;
  return aggressor.side === "buy" ? price <= aggressor.price : price >= aggressor.price;
}
