import type { OrderBook } from "./order-book";
import type { PriceLevel } from "./price-level";
import type { NewOrder, SelfTradePrevention } from "./types";

/**
 * One accepted order inside the engine, in integers: limit price in ticks, open/filled in shares. It is
 * also the node of its price level's FIFO queue (prev/next), so a cancel unlinks it in O(1) without
 * searching the queue.
 */
export class BookOrder {
  /** The level it rests at; DETACHED while it is not on the book. */
  level: PriceLevel;
  prev: BookOrder | null = null;
  next: BookOrder | null = null;
  filled = 0;
  /** Sum of fill price x fill size in ticks x shares (exact, see MAX_ORDER_SHARES), for the average price. */
  filledNotional = 0;

  constructor(
    readonly order: NewOrder,
    /** The book of its symbol (cancel and modify find its side there). */
    readonly book: OrderBook,
    /** The beneficial owner that self-trade prevention compares (docs/events.md: account_id defaults to user_id). */
    readonly accountId: string,
    readonly isBuy: boolean,
    readonly selfTradePrevention: SelfTradePrevention,
    /** Limit orders of day or gtc keep their remainder on the book; market, ioc and fok never rest. */
    readonly restsRemainder: boolean,
    /** Limit price in ticks; for a market order, the bound that crosses every level. */
    public ticks: number,
    public open: number,
    detached: PriceLevel,
  ) {
    this.level = detached;
  }
}
