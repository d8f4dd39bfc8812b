import { describe, expect, it } from "vitest";
import { computeNbbo } from "./nbbo";
import { priceImprovement } from "./execution-quality";
import { T0, d, quoteOf } from "./test-venues";

const nbbo = computeNbbo(
  "AAPL",
  [quoteOf("A", { bids: [["100.00", 100]], asks: [["100.10", 100]] })],
  T0,
  500,
);

describe("priceImprovement", () => {
  it("rates by the share of the spread saved: > 50% excellent, exactly 50% good", () => {
    expect(priceImprovement("buy", d("100.04"), d(10), nbbo)?.quality).toBe("excellent");
    const half = priceImprovement("buy", d("100.05"), d(10), nbbo);
    expect(half?.quality).toBe("good");
    expect(half?.perShare.toFixed()).toBe("0.05");
    expect(half?.total.toFixed()).toBe("0.5");
    expect(priceImprovement("buy", d("100.10"), d(10), nbbo)?.quality).toBe("neutral");
    expect(priceImprovement("buy", d("100.11"), d(10), nbbo)?.quality).toBe("poor");
  });

  it("measures a sale against the bid", () => {
    const sale = priceImprovement("sell", d("100.06"), d(10), nbbo);
    expect(sale?.perShare.toFixed()).toBe("0.06");
    expect(sale?.quality).toBe("excellent");
    expect(priceImprovement("sell", d("99.99"), d(10), nbbo)?.quality).toBe("poor");
  });

  it("has nothing to measure without the side's quote, and no spread when locked", () => {
    const bidOnly = computeNbbo("AAPL", [quoteOf("A", { bids: [["100", 1]] })], T0, 500);
    expect(priceImprovement("buy", d("100"), d(1), bidOnly)).toBeUndefined();
    const askOnly = computeNbbo("AAPL", [quoteOf("A", { asks: [["100", 1]] })], T0, 500);
    expect(priceImprovement("buy", d("99.99"), d(1), askOnly)?.quality).toBe("excellent");
  });
});
