import { describe, expect, it } from "vitest";
import { THRESHOLD_DEFAULTS, configOf, defaultThresholds, validateThresholds } from "./thresholds";
import type { ThresholdConfig } from "./types";

const config = (type: keyof typeof THRESHOLD_DEFAULTS) =>
  configOf(type, defaultThresholds(type) as Record<string, number>);

describe("thresholds", () => {
  it("has a default, a description and a source comment for every type", () => {
    for (const type of Object.keys(THRESHOLD_DEFAULTS) as Array<keyof typeof THRESHOLD_DEFAULTS>) {
      const settings: ThresholdConfig = config(type);
      for (const setting of Object.values(settings)) {
        expect(setting.value).toBeGreaterThanOrEqual(0);
        expect(setting.description.length).toBeGreaterThan(5);
      }
    }
    expect(defaultThresholds("spoofing").maxCancelAfterFillMs).toBe(2000);
  });

  it("accepts valid changes and merges them over the current values", () => {
    const merged = validateThresholds("layering", config("layering"), {
      minLayers: 4,
      minCancelledFraction: 1,
    });
    expect(merged).toMatchObject({ minLayers: 4, minCancelledFraction: 1, maxPlacementSpanMs: 5000 });
  });

  it.each([
    [{ bogus: 1 }, /layering threshold bogus: unknown threshold/],
    [{ maxPlacementSpanMs: -1 }, /maxPlacementSpanMs: expected a finite number >= 0/],
    [{ maxPlacementSpanMs: Number.POSITIVE_INFINITY }, /maxPlacementSpanMs: expected a finite number/],
    [{ maxPlacementSpanMs: Number.NaN }, /maxPlacementSpanMs: expected a finite number/],
    [{ maxPlacementSpanMs: "5" as unknown as number }, /maxPlacementSpanMs: expected a finite number/],
    [{ minCancelledFraction: 1.5 }, /minCancelledFraction: expected at most 1/],
    [{ minLayers: 2.5 }, /minLayers: expected a whole number >= 1/],
    [{ minLayers: 0 }, /minLayers: expected a whole number >= 1/],
  ])("rejects %o naming the key", (changes, message) => {
    expect(() => validateThresholds("layering", config("layering"), changes)).toThrow(message);
  });

  it("rejects a min above its max, naming the min", () => {
    expect(() =>
      validateThresholds("front_running", config("front_running"), { minPrincipalLeadMs: 40_000 }),
    ).toThrow(/front_running threshold minPrincipalLeadMs: 40000 is above maxPrincipalLeadMs 30000/);
  });
});
