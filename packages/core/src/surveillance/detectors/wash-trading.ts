import type { SymbolDetector } from "../detector.js";
import { BuiltInDetector } from "../detector.js";
import { atLeast, atMost, enteredEntry, fillEntry, oppositeOf } from "../evidence.js";
import type { ObservedTrade, SymbolBook, SymbolBookOptions, TrackedOrder } from "../market-view.js";
import type { Thresholds } from "../thresholds.js";
import type { TradingPattern } from "../types.js";
import { UserStates } from "../user-states.js";

/** Confidence of the categorical cases: the trade itself is the evidence, there is no margin to weigh. */
const SAME_ACCOUNT_CONFIDENCE = 1;
const SAME_USER_CONFIDENCE = 0.9;
const RELATED_ACCOUNTS_CONFIDENCE = 0.8;

/**
 * Wash trading (CEA §4c(a)(2)(A), CFTC Rule 1.38, FINRA Rule 6140(b)): trades with no change of
 * beneficial ownership.
 *   (a) the same account, or the same user, on both sides of a trade;
 *   (b) accounts linked in relatedAccounts on both sides;
 *   (c) round trips: a user takes liquidity to buy and then to sell (or the reverse) within
 *       roundTripWindowMs, near-equal quantities (net position change <= maxNetPositionFraction) at
 *       near-equal average prices (<= maxPriceDifferenceBps), >= minRoundTrips times within
 *       repeatWindowMs: volume printed without a position or a view. Only orders marketable on arrival,
 *       entered while the user quotes nothing on the other side, count: a market maker's quotes filled
 *       (or re-entered through the spread) on both sides are its business, and one round trip alone is
 *       an ordinary day trade.
 */
export class WashTradingDetector extends BuiltInDetector<"wash_trading"> {
  private readonly relatedPairs = new Set<string>();

  constructor(
    bookOptions: SymbolBookOptions,
    overrides: Readonly<Record<string, number>> = {},
    relatedAccounts: Iterable<readonly [string, string]> = [],
  ) {
    super("wash_trading", bookOptions, overrides);
    for (const [first, second] of relatedAccounts) this.relatedPairs.add(pairKey(first, second));
  }

  areRelated(firstAccountId: string, secondAccountId: string): boolean {
    return this.relatedPairs.has(pairKey(firstAccountId, secondAccountId));
  }

  forSymbol(book: SymbolBook): SymbolDetector {
    return new WashTradingSession(book, this.thresholds, this);
  }
}

function pairKey(first: string, second: string): string {
  return first < second ? `${first}\u0000${second}` : `${second}\u0000${first}`;
}

interface RoundTrip {
  opening: TrackedOrder;
  closing: TrackedOrder;
  closedMs: number;
}

interface RoundTripper {
  /** The user's recent marketable orders (their fills accumulate on the tracked order). */
  orders: TrackedOrder[];
  trips: RoundTrip[];
}

class WashTradingSession implements SymbolDetector {
  private readonly users = new UserStates<RoundTripper>(() => ({ orders: [], trips: [] }));

  constructor(
    private readonly book: SymbolBook,
    private readonly thresholds: Thresholds<"wash_trading">,
    private readonly detector: WashTradingDetector,
  ) {}

  onOrder(): void {}

  onTrade(trade: ObservedTrade, found: TradingPattern[]): void {
    const { event } = trade;
    if (trade.buyAccountId === trade.sellAccountId || event.buy_user_id === event.sell_user_id) {
      const sameAccount = trade.buyAccountId === trade.sellAccountId;
      found.push(
        this.singleTrade(
          trade,
          sameAccount ? SAME_ACCOUNT_CONFIDENCE : SAME_USER_CONFIDENCE,
          sameAccount
            ? `account ${trade.buyAccountId} on both sides`
            : `user ${event.buy_user_id} on both sides`,
        ),
      );
      return;
    }
    if (this.detector.areRelated(trade.buyAccountId, trade.sellAccountId)) {
      found.push(
        this.singleTrade(
          trade,
          RELATED_ACCOUNTS_CONFIDENCE,
          `related accounts ${trade.buyAccountId} and ${trade.sellAccountId} on the two sides`,
        ),
      );
      return;
    }
    const pattern = this.roundTripsOf(trade);
    if (pattern !== undefined) found.push(pattern);
  }

  evictIdle(idleBeforeMs: number): void {
    this.users.evictIdle(idleBeforeMs);
  }

  private singleTrade(trade: ObservedTrade, confidence: number, why: string): TradingPattern {
    const { event } = trade;
    return {
      type: "wash_trading",
      userId: event.buy_user_id,
      symbol: this.book.symbol,
      firstEventMs: trade.timeMs,
      lastEventMs: trade.timeMs,
      orderIds: [event.buy_order_id, event.sell_order_id],
      description: `trade of ${event.quantity} at ${event.price} with ${why}`,
      crossings: [],
      fixedConfidence: confidence,
      metrics: {
        tradeId: event.trade_id,
        buyAccountId: trade.buyAccountId,
        sellAccountId: trade.sellAccountId,
      },
      timeline: [fillEntry(trade, "buy"), fillEntry(trade, "sell")],
    };
  }

  /** Marketable on arrival, from a user not quoting the other side (market makers re-quoting through the spread). */
  private takesLiquidityOneSided(order: TrackedOrder, trade: ObservedTrade): boolean {
    return (
      trade.timeMs - order.createdMs <= this.book.arrivalGraceMs &&
      this.book.userLevelCount(order.userId, oppositeOf(order.side)) === 0
    );
  }

  /** The aggressor's order, with this fill included, closing an earlier opposite marketable order. */
  private roundTripsOf(trade: ObservedTrade): TradingPattern | undefined {
    const limits = this.thresholds;
    const { event } = trade;
    const side = event.aggressor_side;
    const order = side === "buy" ? trade.buyOrder : trade.sellOrder;
    if (order === undefined || !this.takesLiquidityOneSided(order, trade)) return undefined;
    const user = this.users.touch(order.userId, trade.timeMs);
    if (!user.orders.includes(order)) {
      user.orders.push(order);
      if (user.orders.length > ORDERS_KEPT) user.orders.shift();
    }
    const filled = order.filledQuantity + trade.quantity;
    const averagePrice = (order.filledNotional + trade.quantity * trade.price) / filled;
    const opening = user.orders.find(
      (earlier) =>
        earlier.side !== side &&
        earlier.filledQuantity > 0 &&
        trade.timeMs - earlier.createdMs <= limits.roundTripWindowMs &&
        netFraction(earlier.filledQuantity, filled) <= limits.maxNetPositionFraction &&
        priceDifferenceBps(earlier.filledNotional / earlier.filledQuantity, averagePrice) <=
          limits.maxPriceDifferenceBps,
    );
    if (opening === undefined) return undefined;
    user.orders = user.orders.filter((kept) => kept !== opening && kept !== order);
    user.trips = [
      ...user.trips.filter(({ closedMs }) => trade.timeMs - closedMs <= limits.repeatWindowMs),
      { opening, closing: order, closedMs: trade.timeMs },
    ];
    if (user.trips.length < limits.minRoundTrips) return undefined;

    const firstMs = Math.min(...user.trips.map(({ opening: first }) => first.createdMs));
    const worstNet = Math.max(...user.trips.map(({ opening: a, closing: b }) => netOf(a, b, trade)));
    const worstPrice = Math.max(...user.trips.map(({ opening: a, closing: b }) => priceGapOf(a, b, trade)));
    const longestMs = Math.max(...user.trips.map(({ opening: a, closedMs }) => closedMs - a.createdMs));
    return {
      type: "wash_trading",
      userId: order.userId,
      symbol: this.book.symbol,
      firstEventMs: firstMs,
      lastEventMs: trade.timeMs,
      orderIds: user.trips.flatMap(({ opening: a, closing: b }) => [a.orderId, b.orderId]),
      description:
        `${user.trips.length} round trips within ${Math.round(trade.timeMs - firstMs)} ms, each buying and ` +
        `selling near-equal quantities at near-equal prices by taking liquidity both ways`,
      crossings: [
        atLeast("roundTrips", user.trips.length, "minRoundTrips", limits.minRoundTrips),
        atMost("longestRoundTripMs", longestMs, "roundTripWindowMs", limits.roundTripWindowMs),
        atMost("netPositionFraction", worstNet, "maxNetPositionFraction", limits.maxNetPositionFraction),
        atMost("priceDifferenceBps", worstPrice, "maxPriceDifferenceBps", limits.maxPriceDifferenceBps),
      ],
      metrics: {},
      timeline: user.trips.flatMap(({ opening: a, closing: b }) => [enteredEntry(a), enteredEntry(b)]),
    };
  }
}

/** Marketable orders remembered per user for round trips. */
const ORDERS_KEPT = 16;

/** Filled quantity and average price of an order, counting the current trade if it is that order's. */
function filledOf(order: TrackedOrder, trade: ObservedTrade): [number, number] {
  const current = order === trade.buyOrder || order === trade.sellOrder;
  const quantity = order.filledQuantity + (current ? trade.quantity : 0);
  const notional = order.filledNotional + (current ? trade.quantity * trade.price : 0);
  return [quantity, notional / quantity];
}

function netOf(first: TrackedOrder, second: TrackedOrder, trade: ObservedTrade): number {
  return netFraction(filledOf(first, trade)[0], filledOf(second, trade)[0]);
}

function priceGapOf(first: TrackedOrder, second: TrackedOrder, trade: ObservedTrade): number {
  return priceDifferenceBps(filledOf(first, trade)[1], filledOf(second, trade)[1]);
}

function netFraction(first: number, second: number): number {
  return Math.abs(first - second) / Math.max(first, second);
}

function priceDifferenceBps(first: number, second: number): number {
  return (Math.abs(first - second) / first) * 10_000;
}
