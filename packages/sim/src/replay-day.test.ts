import { describe, expect, it } from "vitest";
import { replayDayProblem } from "./replay-day";

const dates = ["2016-06-23", "2016-06-24", "2016-06-27", "2016-06-28"];

describe("replayDayProblem", () => {
  it("accepts a date of the data", () => {
    expect(replayDayProblem(dates, "2016-06-24")).toBeUndefined();
  });

  it("names the nearest trading days on either side of a weekend, and the data's range", () => {
    expect(replayDayProblem(dates, "2016-06-25")).toBe(
      "2016-06-25 is not a trading day of the data (nearest: 2016-06-24, 2016-06-27; data 2016-06-23..2016-06-28)",
    );
  });

  it("names the first or last date outside the range", () => {
    expect(replayDayProblem(dates, "2010-01-04")).toMatch(/nearest: 2016-06-23;/);
    expect(replayDayProblem(dates, "2020-01-02")).toMatch(/nearest: 2016-06-28;/);
  });

  it("refuses what is not a date, saying the expected format", () => {
    expect(replayDayProblem(dates, "24.06.2016")).toBe(
      '"24.06.2016" is not a date (expected YYYY-MM-DD; data 2016-06-23..2016-06-28)',
    );
    expect(replayDayProblem([], "2016-06-24")).toBe("no trading day in the data");
  });
});
