import { describe, expect, it } from "vitest";
import { quoteAfterFill } from "./quote-after-fill";
import { d, levels, quoteOf } from "./test-venues";

/** Offers 10.00 x 300, 10.01 x 200, 10.02 x 500; bids 9.99 x 400, 9.98 x 100. */
const quote = quoteOf("NYSE", {
  asks: [
    ["10.00", 300],
    ["10.01", 200],
    ["10.02", 500],
  ],
  bids: [
    ["9.99", 400],
    ["9.98", 100],
  ],
});

describe("quoteAfterFill", () => {
  it("takes a full fill off the best levels of the side it traded, leaving the other side", () => {
    // Buy 400 filled in full: 300 at 10.00 and 100 of the 200 at 10.01, so 10.01 x 100 and 10.02 x 500 remain.
    const after = quoteAfterFill(quote, "buy", d(400), d(400), d("10.01"));
    expect(after.asks).toEqual(levels(["10.01", 100], ["10.02", 500]));
    expect(after.bids).toBe(quote.bids);
    // Sell 50 filled in full: 9.99 x 400 - 50 = 350.
    expect(quoteAfterFill(quote, "sell", d(50), d(50), d("9.99")).bids).toEqual(
      levels(["9.99", 350], ["9.98", 100]),
    );
  });

  it("clears everything an IOC could reach when it came back short", () => {
    // Buy 600 limited to 10.01 filled 420: nothing is left at 10.00 or 10.01, whatever the quote showed.
    expect(quoteAfterFill(quote, "buy", d(600), d(420), d("10.01")).asks).toEqual(levels(["10.02", 500]));
    // A market order reaches every level: short means the side is empty.
    expect(quoteAfterFill(quote, "sell", d(600), d(0), null).bids).toEqual([]);
    // The cached quote itself is left as the venue sent it.
    expect(quote.asks).toHaveLength(3);
  });
});
