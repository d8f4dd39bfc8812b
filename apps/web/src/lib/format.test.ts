import { describe, expect, it } from "vitest";
import {
  formatCount,
  formatBasisPoints,
  formatDecimalString,
  formatMoney,
  formatPercent,
  formatPnl,
  formatUtc,
  formatUtcDate,
  formatUtcMinute,
  formatUtcTime,
  formatNewYorkTime,
} from "./format";

describe("formatUtcMinute", () => {
  it("truncates to the minute in UTC, never rounding up", () => {
    expect(formatUtcMinute(new Date("2026-11-24T09:30:59.999-05:00"))).toBe("2026-11-24 14:30Z");
  });
});

describe("formatUtcDate", () => {
  it("gives the UTC day, which can differ from the local one", () => {
    expect(formatUtcDate(new Date("2026-11-24T21:30:00-05:00"))).toBe("2026-11-25");
  });
});

describe("formatUtc", () => {
  it("shows the UTC wall clock whatever the machine's time zone", () => {
    expect(formatUtc(new Date("2026-11-24T09:30:00.999-05:00"))).toBe("2026-11-24 14:30:00Z");
  });

  it("shows the time of day alone for intraday tables", () => {
    expect(formatUtcTime(new Date("2026-11-24T23:59:59.500Z"))).toBe("23:59:59");
  });
});

describe("formatNewYorkTime", () => {
  it("shows the exchange's clock, summer and winter", () => {
    expect(formatNewYorkTime(new Date("2016-06-24T13:30:05Z"))).toBe("2016-06-24 09:30:05 ET");
    expect(formatNewYorkTime(new Date("2016-01-04T20:59:59Z"))).toBe("2016-01-04 15:59:59 ET");
  });
});

describe("formatCount", () => {
  it("groups thousands and handles zero and bigints", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(1234567)).toBe("1,234,567");
    expect(formatCount(12345678901234567890n)).toBe("12,345,678,901,234,567,890");
  });
});

describe("formatDecimalString", () => {
  it("groups the whole part and keeps every fractional digit", () => {
    expect(formatDecimalString("1234567.000100")).toBe("1,234,567.000100");
  });

  it("keeps small and negative values exact", () => {
    expect(formatDecimalString("999")).toBe("999");
    expect(formatDecimalString("1000")).toBe("1,000");
    expect(formatDecimalString("-0.0001")).toBe("-0.0001");
  });

  it("refuses what is not a decimal string instead of showing NaN", () => {
    expect(() => formatDecimalString("1e5")).toThrow('Not a decimal string: "1e5"');
    expect(() => formatDecimalString("")).toThrow("Not a decimal string");
  });
});

describe("money and risk formats", () => {
  it("shows money to the cent from the exact string, rounding half to even", () => {
    expect(formatMoney("1234567.885")).toBe("$1,234,567.88");
    expect(formatMoney("-12.3")).toBe("-$12.30");
    expect(formatMoney("-0.004")).toBe("$0.00");
  });

  it("signs P&L", () => {
    expect(formatPnl("1200")).toBe("+$1,200.00");
    expect(formatPnl("-35.1")).toBe("-$35.10");
    expect(formatPnl("0.001")).toBe("$0.00");
  });

  it("gives fractions as percent and basis points", () => {
    expect(formatPercent(0.012345)).toBe("1.23 %");
    expect(formatPercent(-0.5, 1)).toBe("-50.0 %");
    expect(formatBasisPoints(0.001234)).toBe("12.3 bp");
  });
});
