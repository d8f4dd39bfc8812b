import { describe, expect, it } from "vitest";
import { monthsOf, parseQuarter, previousQuarter, quarterBounds, quarterLabel, quarterOf } from "./quarter";

describe("calendar quarters", () => {
  it("parses YYYYQn and names it back", () => {
    expect(parseQuarter("2016Q2")).toEqual({ year: 2016, quarter: 2 });
    expect(parseQuarter(" 2016q4 ")).toEqual({ year: 2016, quarter: 4 });
    expect(quarterLabel({ year: 2016, quarter: 2 })).toBe("2016Q2");
  });

  it("refuses what the schema cannot hold, naming the field", () => {
    expect(() => parseQuarter("2016Q5")).toThrow(/quarter: expected YYYYQn/);
    expect(() => parseQuarter("1999Q1")).toThrow(/2000-2099/);
    expect(() => parseQuarter("2100Q1")).toThrow(RangeError);
  });

  it("spans three UTC months", () => {
    expect(monthsOf({ year: 2016, quarter: 2 })).toEqual([4, 5, 6]);
    expect(quarterBounds({ year: 2016, quarter: 4 })).toEqual({
      from: new Date("2016-10-01T00:00:00Z"),
      to: new Date("2017-01-01T00:00:00Z"),
    });
  });

  it("finds the quarter of an instant and the one before", () => {
    expect(quarterOf(new Date("2016-06-30T23:59:59Z"))).toEqual({ year: 2016, quarter: 2 });
    expect(previousQuarter({ year: 2016, quarter: 1 })).toEqual({ year: 2015, quarter: 4 });
    expect(previousQuarter({ year: 2016, quarter: 3 })).toEqual({ year: 2016, quarter: 2 });
  });
});
