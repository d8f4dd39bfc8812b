import { describe, expect, it } from "vitest";
import { newYorkWallTime } from "./new-york-time";

describe("newYorkWallTime", () => {
  it("reads daylight time (UTC-4) in summer and standard time (UTC-5) in winter", () => {
    expect(newYorkWallTime(Date.parse("2016-06-24T13:30:00Z"))).toEqual({
      year: "2016",
      month: "06",
      day: "24",
      hour: "09",
      minute: "30",
      second: "00",
    });
    expect(newYorkWallTime(new Date("2016-12-01T14:30:05Z"))).toMatchObject({ hour: "09", second: "05" });
  });

  it("writes midnight as hour 00 of the new day, not 24 of the old", () => {
    expect(newYorkWallTime(Date.parse("2017-01-03T05:00:00Z"))).toMatchObject({ day: "03", hour: "00" });
  });
});
