import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Decimal } from "../money";
import { MAX_ORDER_SHARES, TickGrid, wholeShares } from "./tick-grid";

describe("tick grid", () => {
  const cents = new TickGrid(new Decimal("0.01"));
  const nickels = new TickGrid(new Decimal("0.05"));
  const dollars = new TickGrid(new Decimal("1"));

  it("converts grid prices to exact integer ticks, whatever their written precision", () => {
    expect(cents.toTicks(new Decimal("189.25"))).toBe(18925);
    expect(cents.toTicks(new Decimal("189.250000"))).toBe(18925);
    expect(cents.toTicks(new Decimal("0.01"))).toBe(1);
    expect(cents.toTicks(new Decimal("900000"))).toBe(90_000_000);
    expect(nickels.toTicks(new Decimal("10.15"))).toBe(203);
    expect(dollars.toTicks(new Decimal("42"))).toBe(42);
  });

  it("refuses prices between ticks, at or below zero, and above the bound", () => {
    expect(cents.toTicks(new Decimal("189.255"))).toBe("price 189.255 is off the 0.01 tick grid");
    expect(nickels.toTicks(new Decimal("10.11"))).toBe("price 10.11 is off the 0.05 tick grid");
    expect(dollars.toTicks(new Decimal("42.5"))).toBe("price 42.5 is off the 1 tick grid");
    expect(cents.toTicks(new Decimal("0"))).toBe("price must be positive, got 0");
    expect(cents.toTicks(new Decimal("-0.01"))).toBe("price must be positive, got -0.01");
    expect(cents.toTicks(new Decimal("900000.01"))).toMatch(/above the engine's maximum/);
    expect(cents.toTicks(new Decimal("1e30"))).toMatch(/above the engine's maximum/);
  });

  it("agrees with exact Decimal division for any decimal, on grids with few and many fraction digits", () => {
    const grids = ["0.01", "0.05", "1", "5", "0.0001", "0.00000005", "0.000000001"].map(
      (tick) => new TickGrid(new Decimal(tick)),
    );
    const decimalText = fc
      .tuple(
        fc.boolean(),
        fc.stringMatching(/^(0|[1-9]\d{0,11})$/),
        fc.option(fc.stringMatching(/^\d{1,12}$/), { nil: undefined }),
      )
      .map(
        ([negative, whole, fraction]) =>
          `${negative ? "-" : ""}${whole}${fraction === undefined ? "" : `.${fraction}`}`,
      );
    fc.assert(
      fc.property(decimalText, fc.constantFrom(...grids), (text, grid) => {
        const price = new Decimal(text);
        const ticks = price.div(grid.tickSize);
        const onGrid = price.gt(0) && ticks.isInteger() && ticks.lte(90_000_000);
        const result = grid.toTicks(price);
        if (onGrid) expect(result).toBe(ticks.toNumber());
        else expect(typeof result).toBe("string");
      }),
      { numRuns: 5000 },
    );
  });

  it("converts prices outside the fast path's range too", () => {
    expect(cents.toTicks(new Decimal("0.37"))).toBe(37);
    expect(cents.toTicks(new Decimal("10000000"))).toMatch(/above the engine's maximum/);
    expect(cents.toTicks(new Decimal("10.00000001"))).toBe("price 10.00000001 is off the 0.01 tick grid");
    const fine = new TickGrid(new Decimal("0.00000001"));
    expect(fine.toTicks(new Decimal("0.5"))).toBe(50_000_000);
    expect(fine.toTicks(new Decimal("0.000000005"))).toBe(
      "price 0.000000005 is off the 0.00000001 tick grid",
    );
  });

  it("gives back each tick's price as a Decimal and as the contract's string, built once", () => {
    expect(nickels.price(203)).toEqual(new Decimal("10.15"));
    expect(nickels.price(203)).toBe(nickels.price(203));
    expect(cents.priceText(18930)).toBe("189.3");
    expect(cents.priceText(1)).toBe("0.01");
  });

  it("computes the average fill price exactly from ticks x shares", () => {
    expect(cents.averagePrice(18925 * 100 + 18930 * 50, 150).toFixed()).toBe(
      new Decimal("28390").div(150).toFixed(),
    );
  });

  it("refuses tick sizes that are not positive", () => {
    expect(() => new TickGrid(new Decimal("-0.01"))).toThrow("tick size must be positive");
    expect(() => new TickGrid(new Decimal(Number.NaN))).toThrow("tick size must be positive");
  });
});

describe("whole shares", () => {
  it("accepts positive whole quantities up to the bound, counting what has already filled", () => {
    expect(wholeShares(new Decimal("100"), 0)).toBe(100);
    expect(wholeShares(new Decimal("100.000"), 0)).toBe(100);
    expect(wholeShares(new Decimal(MAX_ORDER_SHARES), 0)).toBe(MAX_ORDER_SHARES);
    expect(wholeShares(new Decimal(MAX_ORDER_SHARES - 10), 10)).toBe(MAX_ORDER_SHARES - 10);
    expect(wholeShares(new Decimal(MAX_ORDER_SHARES - 9), 10)).toMatch(/\(plus 10 filled\) is above/);
  });

  it("reads quantities of ten million shares and more the general way", () => {
    expect(wholeShares(new Decimal("10000000"), 0)).toBe(10_000_000);
    expect(wholeShares(new Decimal("12345678"), 0)).toBe(12_345_678);
    expect(wholeShares(new Decimal("12345678.5"), 0)).toBe(
      "quantity 12345678.5 is not a whole number of shares",
    );
  });

  it("agrees with Decimal for any quantity", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?\d{1,10}(\.\d{1,3})?$/), (text) => {
        const quantity = new Decimal(text);
        const valid = quantity.isInteger() && quantity.gt(0) && quantity.lte(MAX_ORDER_SHARES);
        const result = wholeShares(quantity, 0);
        if (valid) expect(result).toBe(quantity.toNumber());
        else expect(typeof result).toBe("string");
      }),
      { numRuns: 3000 },
    );
  });

  it("refuses fractions, zero and negatives", () => {
    expect(wholeShares(new Decimal("0.5"), 0)).toBe("quantity 0.5 is not a whole number of shares");
    expect(wholeShares(new Decimal("0"), 0)).toBe("quantity must be positive, got 0");
    expect(wholeShares(new Decimal("-3"), 0)).toBe("quantity must be positive, got -3");
  });
});
