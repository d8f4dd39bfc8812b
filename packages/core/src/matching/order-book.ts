import { BookSide } from "./book-side";

/** The two sides of one symbol's book. */
export class OrderBook {
  readonly bids = new BookSide(true);
  readonly asks = new BookSide(false);

  /** The side a buy (isBuy) or sell order rests on. */
  sideOf(isBuy: boolean): BookSide {
    return isBuy ? this.bids : this.asks;
  }
}
