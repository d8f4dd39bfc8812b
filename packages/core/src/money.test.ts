import { describe, expect, it } from "vitest";
import { Decimal, decimalToString, sumDecimals, toDecimal } from "./money";

describe("money", () => {
  it("parses and prints plain decimal strings without changing them", () => {
    for (const text of ["189.25", "100", "0.00000001", "-42.5", "123456789012345678.123456789012"]) {
      expect(decimalToString(toDecimal(text))).toBe(text);
    }
  });

  it("refuses strings that are not plain decimals", () => {
    for (const text of ["", " 1", "1e5", "NaN", "Infinity", "1.", ".5", "1,000", "0x10"]) {
      expect(() => toDecimal(text), text).toThrow(/not a decimal string/);
    }
  });

  it("sums exactly where binary floating point does not", () => {
    expect(decimalToString(sumDecimals(["0.1", "0.2"].map(toDecimal)))).toBe("0.3");
    const tenThousandCents = Array.from({ length: 10_000 }, () => toDecimal("0.01"));
    expect(decimalToString(sumDecimals(tenThousandCents))).toBe("100");
  });

  it("keeps every digit of a sum wider than the 34-digit working precision", () => {
    const sum = sumDecimals([
      toDecimal("999999999999999999999999.000000000001"),
      toDecimal("0.000000000001"),
    ]);
    expect(decimalToString(sum)).toBe("999999999999999999999999.000000000002");
    expect(sum).toBeInstanceOf(Decimal);
  });

  it("sums nothing to zero", () => {
    expect(decimalToString(sumDecimals([]))).toBe("0");
  });

  it("rounds half to even when an operation must round", () => {
    expect(decimalToString(toDecimal("2.5").toDecimalPlaces(0))).toBe("2");
    expect(decimalToString(toDecimal("3.5").toDecimalPlaces(0))).toBe("4");
    expect(decimalToString(new Decimal(1).div(3))).toBe(`0.${"3".repeat(34)}`);
  });
});
