import { describe, expect, it } from "vitest";
import { RANGES, rangeStart } from "./performance-ranges";

describe("rangeStart", () => {
  it("offers the issue's ranges in order", () => {
    expect(RANGES).toEqual(["1D", "WTD", "MTD", "YTD", "1Y", "5Y", "Max"]);
  });

  it("1D holds the last day's return alone", () => {
    expect(rangeStart("1D", "2017-12-29")).toBe("2017-12-29");
  });

  it("WTD starts on the Monday of the week, the same day on a Monday, across a month and a year", () => {
    expect(rangeStart("WTD", "2017-12-29")).toBe("2017-12-25"); // a Friday
    expect(rangeStart("WTD", "2017-12-25")).toBe("2017-12-25"); // a Monday
    expect(rangeStart("WTD", "2017-12-31")).toBe("2017-12-25"); // a Sunday ends the ISO week
    expect(rangeStart("WTD", "2017-03-02")).toBe("2017-02-27");
    expect(rangeStart("WTD", "2016-01-01")).toBe("2015-12-28");
  });

  it("MTD and YTD start on the first calendar day, even when it is no trading day", () => {
    expect(rangeStart("MTD", "2017-10-17")).toBe("2017-10-01"); // a Sunday
    expect(rangeStart("YTD", "2017-10-17")).toBe("2017-01-01");
  });

  it("1Y and 5Y hold the returns after the same date N years back, 29 February as the 28th", () => {
    expect(rangeStart("1Y", "2017-12-29")).toBe("2016-12-30");
    expect(rangeStart("5Y", "2017-12-29")).toBe("2012-12-30");
    expect(rangeStart("1Y", "2016-02-29")).toBe("2015-03-01");
    expect(rangeStart("5Y", "2016-03-01")).toBe("2011-03-02");
  });

  it("Max is the whole history", () => {
    expect(rangeStart("Max", "2017-12-29")).toBeUndefined();
  });
});
