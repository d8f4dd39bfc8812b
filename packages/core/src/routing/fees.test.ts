import { describe, expect, it } from "vitest";
import {
  ACCESS_FEE_CAP_2005,
  ACCESS_FEE_CAP_2024,
  accessFeeCapAt,
  allInPrice,
  isBetterPrice,
  takerFeeAt,
  takerFeeFunction,
} from "./fees";
import { d, fees } from "./test-venues";

describe("Rule 610(c) access-fee cap", () => {
  it("is a per-share amount at $1.00 and above, a fraction of the price below", () => {
    expect(accessFeeCapAt(ACCESS_FEE_CAP_2005, d("1.00")).toFixed()).toBe("0.003");
    expect(accessFeeCapAt(ACCESS_FEE_CAP_2005, d("0.50")).toFixed()).toBe("0.0015");
    expect(accessFeeCapAt(ACCESS_FEE_CAP_2024, d("189.25")).toFixed()).toBe("0.001");
    expect(accessFeeCapAt(ACCESS_FEE_CAP_2024, d("0.99")).toFixed()).toBe("0.00099");
  });

  it("caps a taker fee above it and leaves fees under it and rebates alone", () => {
    const schedule = { ...fees("0.0035"), accessFeeCap: ACCESS_FEE_CAP_2024 };
    expect(takerFeeAt(schedule, d("50")).toFixed()).toBe("0.001");
    expect(takerFeeAt(fees("0.0025"), d("50")).toFixed()).toBe("0.0025");
    expect(takerFeeAt(fees("-0.0016", "inverted"), d("50")).toFixed()).toBe("-0.0016");
  });
});

describe("takerFeeFunction", () => {
  it("gives the same fees as takerFeeAt above and below $1.00", () => {
    const schedule = { ...fees("0.0035"), accessFeeCap: ACCESS_FEE_CAP_2024 };
    const feeAt = takerFeeFunction(schedule);
    for (const price of ["0.50", "0.999", "1.00", "189.25"]) {
      expect(feeAt(d(price)).toFixed()).toBe(takerFeeAt(schedule, d(price)).toFixed());
    }
    expect(feeAt(d("0.50")).toFixed()).toBe("0.0005");
  });
});

describe("all-in price", () => {
  it("adds the fee for a buyer and subtracts it for a seller; a rebate works the other way", () => {
    expect(allInPrice("buy", d("10.00"), d("0.003")).toFixed()).toBe("10.003");
    expect(allInPrice("sell", d("10.00"), d("0.003")).toFixed()).toBe("9.997");
    expect(allInPrice("buy", d("10.00"), d("-0.002")).toFixed()).toBe("9.998");
  });

  it("calls lower better for buyers and higher better for sellers", () => {
    expect(isBetterPrice("buy", d("9.99"), d("10"))).toBe(true);
    expect(isBetterPrice("sell", d("9.99"), d("10"))).toBe(false);
    expect(isBetterPrice("sell", d("10.01"), d("10"))).toBe(true);
  });
});
