import type { DetectorOptions, SymbolDetector } from "../detector";
import { BuiltInDetector } from "../detector";
import { atLeast, atMost } from "../evidence";
import type { BookUser, ObservedOrder, ObservedTrade, SymbolBook } from "../market-view";
import type { ReferenceIndex } from "../reference-index";
import { Ring } from "../ring";
import type { Thresholds } from "../thresholds";
import type { ThresholdCrossing, TradingPattern } from "../types";
import { UserStates } from "../user-states";

interface StuffingUser {
  second: number;
  inSecond: number;
  /** Consecutive whole seconds (before the current one) at or above the rate. */
  sustainedSeconds: number;
  /** First message of the current run of seconds at or above the rate (or of the current second). */
  episodeStartMs: number;
  entered: number;
  withdrawn: number;
  fills: number;
  /**
   * Times of the last microBurstMessages messages, a ring (a plain array of doubles: a typed array costs
   * far more to allocate, and a state is made for every user who sends an order in the symbol).
   */
  recentTimes: number[];
  recentNext: number;
  recentOrderIds: Ring<string>;
  /** The second of the last report: an episode is reported at most once per second. */
  reportedSecond: number;
}

/** Order ids kept as evidence of an episode (the latest ones). */
const ORDER_IDS_KEPT = 20;

/**
 * Quote stuffing (SEC/CFTC report on the market events of May 6, 2010; Nanex; ESMA 2012/122 §3(h)):
 * one user's order messages (created, modified, cancelled) in one symbol at >= minMessagesPerSecond for
 * >= minSustainedSeconds consecutive seconds, or >= microBurstMessages within microBurstMs; and in that
 * episode the orders were mostly withdrawn, (cancels + modifies) / (orders + modifies) >=
 * minCancelRatio, and rarely filled, fills / (orders + modifies) <= maxFillRatio.
 * IOC/FOK auto-cancels count as messages but not as withdrawals. Registered market makers are held to
 * the micro-burst test only: a sustained high quote rate is what their obligations ask of them.
 */
export class QuoteStuffingDetector extends BuiltInDetector<"quote_stuffing"> {
  constructor(options: DetectorOptions = {}) {
    super("quote_stuffing", options);
  }

  forSymbol(book: SymbolBook): SymbolDetector {
    return new QuoteStuffingSession(book, this.thresholds, this.reference);
  }
}

class QuoteStuffingSession implements SymbolDetector {
  private readonly users: UserStates<StuffingUser>;

  constructor(
    private readonly book: SymbolBook,
    private readonly thresholds: Thresholds<"quote_stuffing">,
    private readonly reference: ReferenceIndex,
  ) {
    this.users = new UserStates(book, () => ({
      second: Number.NaN,
      inSecond: 0,
      sustainedSeconds: 0,
      episodeStartMs: Number.NaN,
      entered: 0,
      withdrawn: 0,
      fills: 0,
      recentTimes: [],
      recentNext: 0,
      recentOrderIds: new Ring<string>(ORDER_IDS_KEPT),
      reportedSecond: Number.NaN,
    }));
  }

  onOrder(observed: ObservedOrder, found: TradingPattern[]): void {
    const limits = this.thresholds;
    const { event } = observed;
    const user = this.users.touch(observed.user, observed.timeMs);
    this.countSecond(user, observed.timeMs);
    if (event.event_type !== "order.cancelled") user.entered++;
    if (event.event_type !== "order.created" && !observed.autoCancel) user.withdrawn++;
    if (event.event_type === "order.created") user.recentOrderIds.push(event.order_id);

    const burstSpanMs = this.microBurstSpan(user, observed.timeMs);
    const sustained = user.sustainedSeconds + (user.inSecond >= limits.minMessagesPerSecond ? 1 : 0);
    // A registered market maker's sustained quoting is its obligation; a micro-burst is nobody's.
    const rateHolds = sustained >= limits.minSustainedSeconds && !this.reference.isMarketMaker(event.user_id);
    const burstHolds = burstSpanMs <= limits.microBurstMs;
    if ((!rateHolds && !burstHolds) || user.reportedSecond === user.second) return;
    // A stream of cancels alone (orders entered earlier) still counts one entry, not a division by 0.
    const entered = Math.max(1, user.entered);
    const withdrawnRatio = user.withdrawn / entered;
    const fillRatio = user.fills / entered;
    if (withdrawnRatio < limits.minCancelRatio || fillRatio > limits.maxFillRatio) return;
    user.reportedSecond = user.second;

    const crossings: ThresholdCrossing[] = [
      rateHolds
        ? atLeast("sustainedSeconds", sustained, "minSustainedSeconds", limits.minSustainedSeconds)
        : atMost("microBurstMs", burstSpanMs, "microBurstMs", limits.microBurstMs),
      atLeast("cancelRatio", withdrawnRatio, "minCancelRatio", limits.minCancelRatio),
      atMost("fillRatio", fillRatio, "maxFillRatio", limits.maxFillRatio),
    ];
    found.push({
      type: "quote_stuffing",
      userId: event.user_id,
      symbol: this.book.symbol,
      firstEventMs: rateHolds ? user.episodeStartMs : observed.timeMs - burstSpanMs,
      lastEventMs: observed.timeMs,
      orderIds: [...user.recentOrderIds],
      description:
        `${user.entered + user.withdrawn} order messages ` +
        (rateHolds
          ? `at >= ${limits.minMessagesPerSecond}/s for ${sustained} s`
          : `${limits.microBurstMessages} of them within ${burstSpanMs.toFixed(3)} ms`) +
        `; ${(withdrawnRatio * 100).toFixed(0)} % withdrawn, ${(fillRatio * 100).toFixed(1)} % filled`,
      crossings,
      metrics: { messagesThisSecond: user.inSecond, ordersEntered: user.entered, fills: user.fills },
      timeline: [],
    });
  }

  onTrade(trade: ObservedTrade): void {
    this.countFill(trade.buyer);
    this.countFill(trade.seller);
  }

  /** Its per-user state is dropped by the book (SymbolBook.evictIdle). */
  evictIdle(): void {}

  private countFill(trader: BookUser): void {
    const user = this.users.peek(trader);
    if (user !== undefined) user.fills++;
  }

  /** Rolls the per-second counter; a second below the rate ends the episode and resets its counts. */
  private countSecond(user: StuffingUser, timeMs: number): void {
    const second = Math.floor(timeMs / 1000);
    if (second > user.second || Number.isNaN(user.second)) {
      const carried = second === user.second + 1 && user.inSecond >= this.thresholds.minMessagesPerSecond;
      user.sustainedSeconds = carried ? user.sustainedSeconds + 1 : 0;
      if (!carried) {
        user.episodeStartMs = timeMs;
        user.entered = 0;
        user.withdrawn = 0;
        user.fills = 0;
      }
      user.second = second;
      user.inSecond = 0;
    }
    user.inSecond++;
  }

  /** Span in ms of the user's last microBurstMessages messages (Infinity until there are that many). */
  private microBurstSpan(user: StuffingUser, timeMs: number): number {
    const size = this.thresholds.microBurstMessages;
    if (user.recentTimes.length !== size) {
      user.recentTimes = new Array<number>(size).fill(Number.NEGATIVE_INFINITY);
      user.recentNext = 0;
    }
    user.recentTimes[user.recentNext] = timeMs;
    user.recentNext = (user.recentNext + 1) % size;
    // The message microBurstMessages - 1 before this one is the oldest of the last microBurstMessages.
    return timeMs - (user.recentTimes[user.recentNext] as number);
  }
}
