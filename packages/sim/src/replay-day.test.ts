import { describe, expect, it } from "vitest";
import { HISTORY_BEFORE_DEFAULT_DAY, defaultReplayDay, replayDayProblem } from "./replay-day";

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

describe("defaultReplayDay", () => {
  const calendar = Array.from({ length: HISTORY_BEFORE_DEFAULT_DAY + 2 }, (_, index) =>
    new Date(Date.UTC(2012, 0, 2) + index * 86_400_000).toISOString().slice(0, 10),
  );

  it("is the first day with two years of trading days before it (VaR's window and momentum's formation)", () => {
    const day = defaultReplayDay(calendar);
    expect(calendar.filter((date) => date < (day ?? ""))).toHaveLength(505);
  });

  it("is the last day of a shorter history, and none of an empty one", () => {
    expect(defaultReplayDay(dates)).toBe("2016-06-28");
    expect(defaultReplayDay([])).toBeUndefined();
  });
});
