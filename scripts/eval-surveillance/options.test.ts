import { describe, expect, it } from "vitest";
import { DEFAULT_EVENTS, HELD_OUT_SET, TUNING_SET, parseRunOptions } from "./options.js";

describe("parseRunOptions", () => {
  it("defaults to a million events per run over both sets", () => {
    expect(parseRunOptions([])).toEqual({ events: DEFAULT_EVENTS, sets: ["tuning", "held-out"] });
    expect(DEFAULT_EVENTS).toBe(1_000_000);
  });

  it("reads --events and --set; the diagnose tool takes --type and runs the tuning set only", () => {
    expect(parseRunOptions(["--events", "5000", "--set", "held-out"])).toEqual({
      events: 5000,
      sets: ["held-out"],
    });
    expect(parseRunOptions(["--type", "layering"], true)).toEqual({
      events: DEFAULT_EVENTS,
      sets: ["tuning"],
      type: "layering",
    });
    expect(() => parseRunOptions(["--type", "layering"])).toThrow();
    expect(() => parseRunOptions(["--set", "held-out"], true)).toThrow();
  });

  it("refuses counts that are not whole numbers and unknown sets", () => {
    expect(() => parseRunOptions(["--events", "0"])).toThrow(/--events/);
    expect(() => parseRunOptions(["--events", "1e3.5"])).toThrow(/--events/);
    expect(() => parseRunOptions(["--set", "all"])).toThrow(/--set/);
  });

  it("keeps the held-out seeds and days apart from the tuning ones", () => {
    const seeds = new Set(TUNING_SET.map((day) => day.seed));
    const dates = new Set(TUNING_SET.map((day) => day.fromDate));
    for (const day of HELD_OUT_SET) {
      expect(seeds.has(day.seed)).toBe(false);
      expect(dates.has(day.fromDate)).toBe(false);
    }
  });
});
