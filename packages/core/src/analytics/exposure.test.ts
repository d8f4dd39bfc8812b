import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Decimal, sumDecimals } from "../money";
import { allocate, netExposure, toMoney } from "./exposure";
import type { Exposure } from "./exposure";
import { position } from "./fixtures.testing";

function exposureOf(...args: Parameters<typeof netExposure>): Exposure {
  const exposure = netExposure(...args);
  if ("kind" in exposure) throw new Error(exposure.message);
  return exposure;
}

describe("exposure: money is exact Decimal", () => {
  it("values are quantity x price exactly, netted by symbol; gross is the sum of |value|", () => {
    // 0.1 + 0.2 style amounts that a float sum would smear.
    const exposure = exposureOf([
      position("AAA", "0.1", "3", "Tech"),
      position("AAA", "0.2", "3"),
      position("BBB", "-1234567890.123456789", "1.000000001"),
    ]);
    expect(exposure.symbols).toEqual(["AAA", "BBB"]);
    expect(exposure.values.map(String)).toEqual(["0.9", "-1234567891.358024679123456789"]);
    expect(exposure.net.toString()).toBe("-1234567890.458024679123456789");
    expect(exposure.gross.toString()).toBe("1234567892.258024679123456789");
    expect(exposure.floatValues[0]).toBe(0.9);
  });

  it("100,000 cent positions sum to exactly 1000 (a float running sum does not)", () => {
    const positions = Array.from({ length: 100_000 }, (_, i) => position(`S${i % 7}`, "1", "0.01"));
    expect(exposureOf(positions).net.toString()).toBe("1000");
    let float = 0;
    for (let i = 0; i < 100_000; i++) float += 0.01;
    expect(float).not.toBe(1000);
  });

  it("a symbol netting to zero value is left out; nothing left is `no_exposure`", () => {
    const exposure = exposureOf([
      position("AAA", "2", "5"),
      position("BBB", "1", "7"),
      position("BBB", "-1", "7"),
      position("CCC", "3", "0"),
    ]);
    expect(exposure.symbols).toEqual(["AAA"]);
    expect(exposure.gross.toString()).toBe("10");
    expect(netExposure([position("BBB", "1", "7"), position("BBB", "-1", "7")])).toEqual({
      kind: "no_exposure",
      positions: 2,
      message: "positions: nothing to measure, 2 position(s) and none with a non-zero net holding",
    });
  });

  it("float figures become money at a fixed scale, half-even", () => {
    // A double converts through its shortest decimal form (2.345), then rounds half to even.
    expect(toMoney(2.345, 2).toString()).toBe("2.34");
    expect(toMoney(2.355, 2).toString()).toBe("2.36");
    expect(toMoney(0.125, 2).toString()).toBe("0.12");
    expect(toMoney(-7.5, 0).toString()).toBe("-8");
  });
});

describe("allocate: parts always sum exactly to the total", () => {
  it("largest remainders get the leftover units", () => {
    expect(allocate(new Decimal("1.00"), Float64Array.from([1, 1, 1]), 2).map(String)).toEqual([
      "0.34",
      "0.33",
      "0.33",
    ]);
    expect(allocate(new Decimal("-1.00"), Float64Array.from([1, 1, 1]), 2).map(String)).toEqual([
      "-0.33",
      "-0.33",
      "-0.34",
    ]);
    expect(allocate(new Decimal("10"), Float64Array.from([0, 0]), 0).map(String)).toEqual(["5", "5"]);
    expect(allocate(new Decimal("5"), Float64Array.from([1.2, -0.2]), 0).map(String)).toEqual(["6", "-1"]);
  });

  it("property: any total, weights of a clearly non-zero sum (VaR shares sum to 1)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc
          .array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 12 })
          .filter((weights) => Math.abs(weights.reduce((s, w) => s + w, 0)) > 0.5),
        (cents, weights) => {
          const total = new Decimal(cents).div(100);
          const parts = allocate(total, Float64Array.from(weights), 2);
          expect(sumDecimals(parts).eq(total)).toBe(true);
          expect(parts.every((part) => part.decimalPlaces() <= 2)).toBe(true);
        },
      ),
    );
  });
});
