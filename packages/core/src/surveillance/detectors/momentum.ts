import type { DetectorOptions, SymbolDetector } from "../detector";
import { BuiltInDetector } from "../detector";
import { atLeast, atMost, enteredEntry, fillEntry, moveBps, oppositeOf } from "../evidence";
import type { ObservedOrder, ObservedTrade, Side, SymbolBook } from "../market-view";
import type { Thresholds } from "../thresholds";
import type { TimelineEntry, TradingPattern } from "../types";
import { UserStates } from "../user-states";

interface Burst {
  side: Side;
  startMs: number;
  lastMs: number;
  /** The last trade price before the burst's first fill. */
  startPrice: number;
  lastPrice: number;
  /** The furthest price the burst reached in its direction. */
  movedPrice: number;
  orderIds: string[];
  levels: number;
  /** The first fills (timeline entries are built only if the burst is reported). */
  fills: ObservedTrade[];
}

interface MomentumUser {
  burst: Burst | undefined;
  /** The last burst that met every threshold, waiting for the user's opposite trade. */
  ignited: Burst | undefined;
}

/** Fills kept in a burst's timeline (the start and end of a long burst are what a reviewer needs). */
const BURST_FILLS_KEPT = 12;

/**
 * Momentum ignition (SEC Concept Release on Equity Market Structure 2010, §IV.B.2; ESMA 2012/122):
 * a user's aggressive orders (IOC, FOK or market orders, trading as the aggressor), >= minAggressiveOrders of them within maxBurstSpanMs, trade through
 * >= minLevelsCrossed prices and move the price (its furthest fill) >= minPriceMoveBps from the last price
 * before the burst;
 * then, while the move lasts (no trade back at the price before the burst) and within maxReversalDelayMs,
 * the same user takes the other side at a price that keeps at least minMoveCaptured of that move (selling
 * into the rally it started): a limit order entered at such a price, or a fill at one. It fires on that
 * order or fill. The move, not a clock, bounds the wait: manipulators sell into the chase for as long as
 * it lasts (the independent evaluation's reversals came 11-27 s after the burst), and once the market
 * has traded back where it started, a later sale at a higher price owes nothing to the burst.
 */
export class MomentumDetector extends BuiltInDetector<"momentum"> {
  constructor(options: DetectorOptions = {}) {
    super("momentum", options);
  }

  forSymbol(book: SymbolBook): SymbolDetector {
    return new MomentumSession(book, this.thresholds);
  }
}

class MomentumSession implements SymbolDetector {
  private readonly users: UserStates<MomentumUser>;
  /** Users with an ignited burst (a handful at most): each trade checks whether the move still holds. */
  private readonly igniters: MomentumUser[] = [];

  constructor(
    private readonly book: SymbolBook,
    private readonly thresholds: Thresholds<"momentum">,
  ) {
    this.users = new UserStates(book, () => ({ burst: undefined, ignited: undefined }));
  }

  /** A limit order against the burst, priced to capture the move, is the reversal (its fill may come later). */
  onOrder(observed: ObservedOrder, found: TradingPattern[]): void {
    const { event, order } = observed;
    if (event.event_type !== "order.created" || order === undefined || Number.isNaN(order.price)) return;
    const user = this.users.peek(observed.user);
    const burst = user === undefined ? undefined : againstBurst(user, order.side);
    if (user === undefined || burst === undefined) return;
    const reversal = this.reversalOf(user, burst, {
      side: order.side,
      price: order.price,
      timeMs: observed.timeMs,
      orderId: order.orderId,
      entry: enteredEntry(order),
      what: `entered a ${order.side} order of ${event.quantity} at ${order.priceText as string}`,
    });
    if (reversal !== undefined) found.push(reversal);
  }

  onTrade(trade: ObservedTrade, found: TradingPattern[]): void {
    if (this.igniters.length > 0) this.expireIgnitions(trade);
    const { event } = trade;
    const buyer = this.users.touch(trade.buyer, trade.timeMs);
    const seller = this.users.touch(trade.seller, trade.timeMs);
    const reversal = this.tradeReversalOf(buyer, trade, "buy") ?? this.tradeReversalOf(seller, trade, "sell");
    if (reversal !== undefined) found.push(reversal);
    // Only immediate-or-cancel and market orders ignite (they take liquidity and never rest): a quote
    // re-priced or re-entered through the spread is a market maker following the price. Nor does a user
    // quoting the other side meanwhile: that is two-sided market making.
    const side = event.aggressor_side;
    const aggressorOrder = side === "buy" ? trade.buyOrder : trade.sellOrder;
    const aggressor = side === "buy" ? buyer : seller;
    if (
      aggressorOrder !== undefined &&
      aggressorOrder.immediateOrCancel &&
      this.book.levelCount(
        this.book.userOf(aggressorOrder.userId, side === "buy" ? trade.buyer : trade.seller),
        oppositeOf(side),
      ) === 0
    )
      this.extendBurst(aggressor, side, trade);
    else aggressor.burst = undefined;
  }

  /** Its per-user state is dropped by the book (SymbolBook.evictIdle). */
  evictIdle(): void {}

  /**
   * An ignition lasts as long as the move it made: it ends when the market trades back to the price
   * before the burst (nothing is left to sell into) or maxReversalDelayMs after the burst.
   */
  private expireIgnitions(trade: ObservedTrade): void {
    const { igniters } = this;
    let kept = 0;
    for (const user of igniters) {
      const burst = user.ignited;
      if (burst === undefined) continue;
      if (
        trade.timeMs - burst.lastMs > this.thresholds.maxReversalDelayMs ||
        moveBps(burst.side, burst.startPrice, trade.price) <= 0
      )
        user.ignited = undefined;
      else igniters[kept++] = user;
    }
    igniters.length = kept;
  }

  private extendBurst(user: MomentumUser, side: Side, trade: ObservedTrade): void {
    const limits = this.thresholds;
    const orderId = side === "buy" ? trade.event.buy_order_id : trade.event.sell_order_id;
    let burst = user.burst;
    if (burst === undefined || burst.side !== side || trade.timeMs - burst.startMs > limits.maxBurstSpanMs) {
      const startPrice = Number.isNaN(trade.previousPrice) ? trade.price : trade.previousPrice;
      // Most aggressive orders start a burst of their own: the last one is recycled unless it ignited.
      burst = burst === undefined || burst === user.ignited ? newBurst() : burst;
      burst.side = side;
      burst.startMs = trade.timeMs;
      burst.startPrice = startPrice;
      burst.lastPrice = Number.NaN;
      burst.movedPrice = startPrice;
      burst.orderIds.length = 0;
      burst.levels = 0;
      burst.fills.length = 0;
      user.burst = burst;
    }
    if (!burst.orderIds.includes(orderId)) burst.orderIds.push(orderId);
    if (trade.price !== burst.lastPrice) burst.levels++;
    burst.lastPrice = trade.price;
    if (moveBps(side, burst.movedPrice, trade.price) > 0) burst.movedPrice = trade.price;
    burst.lastMs = trade.timeMs;
    if (burst.fills.length < BURST_FILLS_KEPT) burst.fills.push(trade);
    // The burst's own fill back at its start price has undone the move as much as anyone's (see
    // expireIgnitions): it ignites nothing until the price is beyond the start again.
    if (
      burst.orderIds.length >= limits.minAggressiveOrders &&
      burst.levels >= limits.minLevelsCrossed &&
      moveBps(side, burst.startPrice, burst.movedPrice) >= limits.minPriceMoveBps &&
      moveBps(side, burst.startPrice, trade.price) > 0
    ) {
      user.ignited = burst;
      if (!this.igniters.includes(user)) this.igniters.push(user);
    }
  }

  /** The user's fill on `side` of the trade, if it is against an ignited burst of the user. */
  private tradeReversalOf(user: MomentumUser, trade: ObservedTrade, side: Side): TradingPattern | undefined {
    const burst = againstBurst(user, side);
    return burst === undefined ? undefined : this.reversalOf(user, burst, tradeReversal(trade, side));
  }

  /** The user's order or trade against the user's ignited burst (see againstBurst). */
  private reversalOf(user: MomentumUser, burst: Burst, reversal: Reversal): TradingPattern | undefined {
    const limits = this.thresholds;
    const delayMs = reversal.timeMs - burst.lastMs;
    if (delayMs > limits.maxReversalDelayMs) {
      user.ignited = undefined;
      return undefined;
    }
    const move = moveBps(burst.side, burst.startPrice, burst.movedPrice);
    const captured = moveBps(burst.side, burst.startPrice, reversal.price) / move;
    if (captured < limits.minMoveCaptured) return undefined;
    user.ignited = undefined;
    return {
      type: "momentum",
      userId: reversal.entry.userId,
      symbol: this.book.symbol,
      firstEventMs: burst.startMs,
      lastEventMs: reversal.timeMs,
      orderIds: [...burst.orderIds, reversal.orderId],
      description:
        `${burst.orderIds.length} aggressive ${burst.side} orders moved the price ${move.toFixed(1)} bps through ` +
        `${burst.levels} levels in ${Math.round(burst.lastMs - burst.startMs)} ms; ${Math.round(delayMs)} ms later ` +
        `the user ${reversal.what}`,
      crossings: [
        atLeast("aggressiveOrders", burst.orderIds.length, "minAggressiveOrders", limits.minAggressiveOrders),
        atLeast("levelsCrossed", burst.levels, "minLevelsCrossed", limits.minLevelsCrossed),
        atLeast("priceMoveBps", move, "minPriceMoveBps", limits.minPriceMoveBps),
        atMost("burstSpanMs", burst.lastMs - burst.startMs, "maxBurstSpanMs", limits.maxBurstSpanMs),
        atMost("reversalDelayMs", delayMs, "maxReversalDelayMs", limits.maxReversalDelayMs),
        atLeast("moveCaptured", captured, "minMoveCaptured", limits.minMoveCaptured),
      ],
      metrics: { startPrice: burst.startPrice, movedPrice: burst.movedPrice },
      timeline: [...burst.fills.map((fill) => fillEntry(fill, burst.side)), reversal.entry],
    };
  }
}

/**
 * The user's ignited burst if a step on `side` would go against it. Checked before a Reversal (its
 * timeline entry and wording) is built: most orders and fills are nobody's reversal.
 */
function againstBurst(user: MomentumUser, side: Side): Burst | undefined {
  const burst = user.ignited;
  return burst !== undefined && burst.side === oppositeOf(side) ? burst : undefined;
}

function newBurst(): Burst {
  return {
    side: "buy",
    startMs: 0,
    lastMs: 0,
    startPrice: Number.NaN,
    lastPrice: Number.NaN,
    movedPrice: Number.NaN,
    orderIds: [],
    levels: 0,
    fills: [],
  };
}

/** The user's step against the burst: an order entered or a fill, on `side`. */
interface Reversal {
  side: Side;
  price: number;
  timeMs: number;
  orderId: string;
  entry: TimelineEntry;
  what: string;
}

function tradeReversal(trade: ObservedTrade, side: Side): Reversal {
  const { event } = trade;
  return {
    side,
    price: trade.price,
    timeMs: trade.timeMs,
    orderId: side === "buy" ? event.buy_order_id : event.sell_order_id,
    entry: fillEntry(trade, side),
    what: `${side === "buy" ? "bought" : "sold"} ${event.quantity} at ${event.price}`,
  };
}
