import type { DetectorOptions, SymbolDetector } from "../detector";
import { BuiltInDetector } from "../detector";
import { atLeast, atMost, fillEntry } from "../evidence";
import type { BookUser, ObservedTrade, SymbolBook } from "../market-view";
import { KeyedStates } from "../keyed-states";
import type { ReferenceIndex } from "../reference-index";
import type { Thresholds } from "../thresholds";
import type { TradingPattern } from "../types";

/** Confidence of the categorical cases: the trade itself is the evidence, there is no margin to weigh. */
const SAME_ACCOUNT_CONFIDENCE = 1;
const SAME_USER_CONFIDENCE = 0.9;
const SAME_OWNER_CONFIDENCE = 0.9;
const RELATED_ACCOUNTS_CONFIDENCE = 0.8;

/**
 * Wash trading (CEA §4c(a)(2)(A), CFTC Rule 1.38, FINRA Rule 6140(b)): trades with no change of
 * beneficial ownership.
 *   (a) the same account, or the same user, on both sides of a trade;
 *   (b) two accounts of one beneficial owner (the reference data's beneficialOwners), or accounts
 *       registered as related (family, affiliates, common control), on the two sides;
 *   (c) pre-arranged round trips (CFTC v. Gelber Group 2013, In re Bunge 2013: "pre-arranged offsetting
 *       trades"): two users trade with each other and back within roundTripWindowMs, near-equal
 *       quantities (net position change <= maxNetPositionFraction) at near-equal prices
 *       (<= maxPriceDifferenceBps), >= minRoundTrips times within repeatWindowMs. Market makers (users
 *       registered as such, or quoting both sides within the last minute) are left out: trading back and
 *       forth with the same customer, or with each other, is what quoting does.
 */
export class WashTradingDetector extends BuiltInDetector<"wash_trading"> {
  constructor(options: DetectorOptions = {}) {
    super("wash_trading", options);
  }

  forSymbol(book: SymbolBook): SymbolDetector {
    return new WashTradingSession(book, this.thresholds, this.reference);
  }
}

interface RoundTrip {
  opening: ObservedTrade;
  closing: ObservedTrade;
}

interface PairHistory {
  /** Recent unmatched trades between the two users, oldest first. */
  trades: ObservedTrade[];
  trips: RoundTrip[];
}

/** Trades of one pair of users kept for round trips (older ones drop off). */
const PAIR_TRADES_KEPT = 8;

class WashTradingSession implements SymbolDetector {
  private readonly pairs = new KeyedStates<PairHistory>(() => ({ trades: [], trips: [] }));

  constructor(
    private readonly book: SymbolBook,
    private readonly thresholds: Thresholds<"wash_trading">,
    private readonly reference: ReferenceIndex,
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
    const { reference } = this;
    const owner = reference.ownerOf(trade.buyAccountId);
    if (owner === reference.ownerOf(trade.sellAccountId)) {
      found.push(
        this.singleTrade(
          trade,
          SAME_OWNER_CONFIDENCE,
          `accounts ${trade.buyAccountId} and ${trade.sellAccountId} of one beneficial owner (${owner}) on the two sides`,
        ),
      );
      return;
    }
    if (reference.areRelated(trade.buyAccountId, trade.sellAccountId)) {
      found.push(
        this.singleTrade(
          trade,
          RELATED_ACCOUNTS_CONFIDENCE,
          `related accounts ${trade.buyAccountId} and ${trade.sellAccountId} on the two sides`,
        ),
      );
      return;
    }
    if (this.quotes(trade.buyer) || this.quotes(trade.seller)) return;
    const pattern = this.roundTripsOf(trade);
    if (pattern !== undefined) found.push(pattern);
  }

  evictIdle(idleBeforeMs: number): void {
    this.pairs.evictIdle(idleBeforeMs);
  }

  private quotes(user: BookUser): boolean {
    return this.reference.isMarketMaker(user.userId) || this.book.makesMarket(user);
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

  /** This trade closing an earlier one between the same two users in the other direction. */
  // Split in three so that the per-trade path (a lookup and a scan of a few trades) creates no closure.
  private roundTripsOf(trade: ObservedTrade): TradingPattern | undefined {
    const { event } = trade;
    // One state per unordered pair of users: the smaller id first.
    const buyerFirst = event.buy_user_id < event.sell_user_id;
    const pair = this.pairs.touch(
      buyerFirst ? event.buy_user_id : event.sell_user_id,
      buyerFirst ? event.sell_user_id : event.buy_user_id,
      trade.timeMs,
    );
    const index = this.openingIndex(pair.trades, trade);
    const opening = pair.trades[index];
    if (opening === undefined) {
      pair.trades.push(trade);
      if (pair.trades.length > PAIR_TRADES_KEPT) pair.trades.shift();
      return undefined;
    }
    pair.trades.splice(index, 1);
    return this.tripsOf(pair, opening, trade);
  }

  /** The earliest of the pair's trades that the trade closes (-1 if none). */
  private openingIndex(trades: readonly ObservedTrade[], trade: ObservedTrade): number {
    const limits = this.thresholds;
    for (let index = 0; index < trades.length; index++) {
      const earlier = trades[index] as ObservedTrade;
      if (
        earlier.event.buy_user_id === trade.event.sell_user_id &&
        trade.timeMs - earlier.timeMs <= limits.roundTripWindowMs &&
        netFraction(earlier, trade) <= limits.maxNetPositionFraction &&
        priceDifferenceBps(earlier, trade) <= limits.maxPriceDifferenceBps
      )
        return index;
    }
    return -1;
  }

  /** Records the round trip; the pattern once the pair has made enough of them within repeatWindowMs. */
  private tripsOf(
    pair: PairHistory,
    opening: ObservedTrade,
    trade: ObservedTrade,
  ): TradingPattern | undefined {
    const limits = this.thresholds;
    const { event } = trade;
    pair.trips = [
      ...pair.trips.filter(({ closing }) => trade.timeMs - closing.timeMs <= limits.repeatWindowMs),
      { opening, closing: trade },
    ];
    if (pair.trips.length < limits.minRoundTrips) return undefined;

    // The user who bought first is the one the round trips are about (the other is named as counterparty).
    const first = (pair.trips[0] as RoundTrip).opening;
    const userId = first.event.buy_user_id;
    const counterpartyId = first.event.sell_user_id;
    const longestMs = Math.max(...pair.trips.map(({ opening: a, closing: b }) => b.timeMs - a.timeMs));
    const worstNet = Math.max(...pair.trips.map(({ opening: a, closing: b }) => netFraction(a, b)));
    const worstPrice = Math.max(...pair.trips.map(({ opening: a, closing: b }) => priceDifferenceBps(a, b)));
    const trades = pair.trips.flatMap(({ opening: a, closing: b }) => [a, b]);
    return {
      type: "wash_trading",
      userId,
      symbol: this.book.symbol,
      firstEventMs: first.timeMs,
      lastEventMs: trade.timeMs,
      orderIds: trades.flatMap(({ event: print }) => [print.buy_order_id, print.sell_order_id]),
      description:
        `${pair.trips.length} round trip(s) with user ${counterpartyId}: ${opening.event.quantity} at ` +
        `${opening.event.price} and back ${event.quantity} at ${event.price}, ` +
        `${Math.round(trade.timeMs - opening.timeMs)} ms apart`,
      crossings: [
        atLeast("roundTrips", pair.trips.length, "minRoundTrips", limits.minRoundTrips),
        atMost("longestRoundTripMs", longestMs, "roundTripWindowMs", limits.roundTripWindowMs),
        atMost("netPositionFraction", worstNet, "maxNetPositionFraction", limits.maxNetPositionFraction),
        atMost("priceDifferenceBps", worstPrice, "maxPriceDifferenceBps", limits.maxPriceDifferenceBps),
      ],
      metrics: { counterpartyUserId: counterpartyId },
      timeline: trades.flatMap((print) => [fillEntry(print, "buy"), fillEntry(print, "sell")]),
    };
  }
}

function netFraction(first: ObservedTrade, second: ObservedTrade): number {
  return Math.abs(first.quantity - second.quantity) / Math.max(first.quantity, second.quantity);
}

function priceDifferenceBps(first: ObservedTrade, second: ObservedTrade): number {
  return (Math.abs(first.price - second.price) / first.price) * 10_000;
}
