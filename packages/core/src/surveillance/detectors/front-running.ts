import type { DetectorOptions, SymbolDetector } from "../detector";
import { BuiltInDetector } from "../detector";
import { atLeast, atMost, enteredEntry, fillEntry, moveBps, oppositeOf } from "../evidence";
import type { BookUser, ObservedOrder, ObservedTrade, Side, SymbolBook, TrackedOrder } from "../market-view";
import type { Thresholds } from "../thresholds";
import type { ThresholdCrossing, TradingPattern } from "../types";
import { LogMedian } from "../log-median";
import type { ReferenceIndex } from "../reference-index";
import { Ring } from "../ring";
import { UserStates } from "../user-states";

/** A principal position taken ahead of a client's block, waiting for its unwind. */
interface AheadOfBlock {
  principal: TrackedOrder;
  block: TrackedOrder;
  blockSize: ThresholdCrossing;
  /** Opposite trades of the user since the block: quantity and price x quantity. */
  unwound: number;
  unwoundNotional: number;
}

/**
 * Principal orders remembered for the look-back (a ring: the oldest drop off first): 30 s of a symbol
 * at 60 new orders a second. Memory, not time, bounds it: a busier symbol looks back less far.
 */
const PRINCIPAL_ORDERS_KEPT = 2048;

/**
 * Front running of block transactions (FINRA Rule 5270; NYSE Rule 92): a principal order placed
 * between minPrincipalLeadMs and maxPrincipalLeadMs before an agency order of block size
 * (>= minBlockQuantity shares, or >= minBlockNotional of value and >= minBlockVsMedianAgencyOrder x the
 * symbol's median agency order: $200,000 of a high-priced stock is an ordinary child order, and a block
 * by value must stand out from the slices desks work; either way >= minBlockVsMedianOrder x the symbol's
 * median order) on the same side
 * and symbol, by a principal user who could know of it (a principal of the block's own desk, see
 * ReferenceIndex.mayKnowOfBlock), that took liquidity on arrival (it had to be done before the block
 * moved the price) by a user who has not quoted both sides in the last minute (a market maker's
 * inventory is not a position ahead of it), then unwound within maxUnwindAfterMs of the block: opposite
 * trades of the same user, by orders no larger than the position / minUnwoundFraction, closing
 * >= minUnwoundFraction of the position, at an average price >= minProfitBps better than the entry.
 * It fires on the trade that completes the unwind (a position closed is what front running is for; a
 * coincidental small trade back is not).
 */
export class FrontRunningDetector extends BuiltInDetector<"front_running"> {
  constructor(options: DetectorOptions = {}) {
    super("front_running", options);
  }

  forSymbol(book: SymbolBook): SymbolDetector {
    return new FrontRunningSession(book, this.thresholds, this.reference);
  }
}

class FrontRunningSession implements SymbolDetector {
  private readonly principals = new Ring<TrackedOrder>(PRINCIPAL_ORDERS_KEPT);
  private readonly orderSize = new LogMedian();
  /** The symbol's agency orders: mostly the child orders desks work their parents in. */
  private readonly agencySize = new LogMedian();
  private readonly waiting: UserStates<AheadOfBlock[]>;

  constructor(
    private readonly book: SymbolBook,
    private readonly thresholds: Thresholds<"front_running">,
    private readonly reference: ReferenceIndex,
  ) {
    this.waiting = new UserStates(book, () => []);
  }

  onOrder(observed: ObservedOrder): void {
    const { order } = observed;
    if (observed.event.event_type !== "order.created" || order === undefined) return;
    const vsMedian = order.createdQuantity / this.orderSize.median();
    this.orderSize.add(order.createdQuantity);
    if (!order.agency) {
      this.principals.push(order);
      return;
    }
    const vsAgencyMedian = order.createdQuantity / this.agencySize.median();
    this.agencySize.add(order.createdQuantity);
    const limits = this.thresholds;
    const blockSize = this.blockSize(order);
    if (blockSize === undefined || vsMedian < limits.minBlockVsMedianOrder) return;
    // 10,000 shares is a block by the rule's own measure; a block by value alone must also stand out
    // from the slices desks work (FINRA Rule 5270 SM .03: smaller orders "could" be blocks).
    if (blockSize.metric === "blockNotional" && vsAgencyMedian < limits.minBlockVsMedianAgencyOrder) return;
    this.awaitUnwinds(order, blockSize, observed.timeMs);
  }

  /**
   * Principal orders placed ahead of the block wait for their unwind. (Apart from onOrder: the closure
   * here would otherwise be set up on every order entered.)
   */
  private awaitUnwinds(order: TrackedOrder, blockSize: ThresholdCrossing, timeMs: number): void {
    const limits = this.thresholds;
    this.principals.visitNewestFirst((principal) => {
      const leadMs = order.createdMs - principal.createdMs;
      if (leadMs > limits.maxPrincipalLeadMs) return false;
      if (
        principal.side === order.side &&
        leadMs >= limits.minPrincipalLeadMs &&
        principal.marketableOnArrival &&
        !this.book.makesMarket(this.book.userOf(principal.userId)) &&
        this.reference.mayKnowOfBlock(principal.userId, order.userId)
      )
        this.waiting.touch(this.book.userOf(principal.userId), timeMs).push({
          principal,
          block: order,
          blockSize,
          unwound: 0,
          unwoundNotional: 0,
        });
      return true;
    });
  }

  /** How the order makes a block (by shares or by value), or undefined if it does not. */
  private blockSize(order: TrackedOrder): ThresholdCrossing | undefined {
    const limits = this.thresholds;
    if (order.createdQuantity >= limits.minBlockQuantity)
      return atLeast("blockQuantity", order.createdQuantity, "minBlockQuantity", limits.minBlockQuantity);
    const price = Number.isNaN(order.price) ? this.book.lastTradePrice : order.price;
    const notional = order.createdQuantity * price;
    return notional >= limits.minBlockNotional
      ? atLeast("blockNotional", notional, "minBlockNotional", limits.minBlockNotional)
      : undefined;
  }

  onTrade(trade: ObservedTrade, found: TradingPattern[]): void {
    this.unwind(trade, "buy", trade.buyer, found);
    this.unwind(trade, "sell", trade.seller, found);
  }

  /** Its per-user state is dropped by the book (SymbolBook.evictIdle). */
  evictIdle(): void {}

  /** The user's trade on `side` closes positions taken ahead of a block on the other side. */
  private unwind(trade: ObservedTrade, side: Side, trader: BookUser, found: TradingPattern[]): void {
    const entries = this.waiting.peek(trader);
    if (entries === undefined || entries.length === 0) return;
    const limits = this.thresholds;
    for (let index = entries.length - 1; index >= 0; index--) {
      const entry = entries[index] as AheadOfBlock;
      const sinceBlockMs = trade.timeMs - entry.block.createdMs;
      if (sinceBlockMs > limits.maxUnwindAfterMs) {
        entries.splice(index, 1);
        continue;
      }
      if (entry.principal.side !== oppositeOf(side) || sinceBlockMs < 0) continue;
      // An order far larger than the position is other business, not the position closed.
      const unwinding = side === "buy" ? trade.buyOrder : trade.sellOrder;
      const position = entry.principal.filledQuantity;
      if (unwinding === undefined || unwinding.createdQuantity * limits.minUnwoundFraction > position)
        continue;
      entry.unwound += trade.quantity;
      entry.unwoundNotional += trade.quantity * trade.price;
      if (entry.unwound < limits.minUnwoundFraction * position) continue;
      const entryPrice = entry.principal.filledNotional / position;
      const profitBps = moveBps(entry.principal.side, entryPrice, entry.unwoundNotional / entry.unwound);
      if (profitBps < limits.minProfitBps) continue;
      entries.splice(index, 1);
      found.push(this.patternOf(entry, trade, side, profitBps));
    }
  }

  private patternOf(
    entry: AheadOfBlock,
    trade: ObservedTrade,
    side: Side,
    profitBps: number,
  ): TradingPattern {
    const { principal, block, blockSize } = entry;
    const limits = this.thresholds;
    const leadMs = block.createdMs - principal.createdMs;
    const sinceBlockMs = trade.timeMs - block.createdMs;
    const unwindOrderId = side === "buy" ? trade.event.buy_order_id : trade.event.sell_order_id;
    return {
      type: "front_running",
      userId: principal.userId,
      symbol: this.book.symbol,
      firstEventMs: principal.createdMs,
      lastEventMs: trade.timeMs,
      orderIds: [principal.orderId, block.orderId, unwindOrderId],
      description:
        `principal ${principal.side} of ${principal.quantityText} entered ${Math.round(leadMs)} ms before a ` +
        `client block of ${block.quantityText}, unwound ${Math.round(sinceBlockMs)} ms after it at ${trade.event.price} ` +
        `(${profitBps.toFixed(1)} bps profit)`,
      crossings: [
        blockSize,
        atMost("principalLeadMs", leadMs, "maxPrincipalLeadMs", limits.maxPrincipalLeadMs),
        atMost("unwindAfterMs", sinceBlockMs, "maxUnwindAfterMs", limits.maxUnwindAfterMs),
        atLeast("profitBps", profitBps, "minProfitBps", limits.minProfitBps),
        atLeast(
          "unwoundFraction",
          entry.unwound / principal.filledQuantity,
          "minUnwoundFraction",
          limits.minUnwoundFraction,
        ),
      ],
      metrics: { blockOrderId: block.orderId, blockUserId: block.userId },
      timeline: [enteredEntry(principal), enteredEntry(block), fillEntry(trade, side)],
    };
  }
}
