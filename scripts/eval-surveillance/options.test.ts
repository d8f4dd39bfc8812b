import { describe, expect, it } from "vitest";
import { DEFAULT_EVENTS, DEFAULT_SEED, parseRunOptions } from "./options.js";

describe("parseRunOptions", () => {
  it("defaults to a million events and the fixed seed", () => {
    expect(parseRunOptions([])).toEqual({ events: DEFAULT_EVENTS, seed: DEFAULT_SEED });
    expect(DEFAULT_EVENTS).toBe(1_000_000);
  });

  it("reads --events and --seed, and --type only where allowed", () => {
    expect(parseRunOptions(["--events", "5000", "--seed", "7"])).toEqual({ events: 5000, seed: 7 });
    expect(parseRunOptions(["--type", "layering"], true)).toEqual({
      events: DEFAULT_EVENTS,
      seed: DEFAULT_SEED,
      type: "layering",
    });
    expect(() => parseRunOptions(["--type", "layering"])).toThrow();
  });

  it("refuses counts and seeds that are not whole numbers", () => {
    expect(() => parseRunOptions(["--events", "0"])).toThrow(/--events/);
    expect(() => parseRunOptions(["--events", "1e3.5"])).toThrow(/--events/);
    expect(() => parseRunOptions(["--seed", "x"])).toThrow(/--seed/);
  });
});
