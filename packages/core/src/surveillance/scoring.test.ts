import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CONFIDENCE_FLOOR,
  DEFAULT_SEVERITY_CUTOFFS,
  confidenceOf,
  corroborate,
  recommendedActionOf,
  severityOf,
  validateSeverityCutoffs,
} from "./scoring";
import type { ThresholdCrossing } from "./types";

const min = (value: number, thresholdValue: number): ThresholdCrossing => ({
  metric: "m",
  value,
  threshold: "t",
  thresholdValue,
  direction: "min",
});
const max = (value: number, thresholdValue: number): ThresholdCrossing => ({
  ...min(value, thresholdValue),
  direction: "max",
});

describe("confidence", () => {
  it("is the floor exactly at the thresholds, and 1 at four times them", () => {
    expect(confidenceOf([min(2, 2), max(100, 100)])).toBe(CONFIDENCE_FLOOR);
    expect(confidenceOf([min(8, 2), max(25, 100)])).toBe(1);
    expect(confidenceOf([min(4, 2)])).toBe(0.75);
    expect(confidenceOf([])).toBe(CONFIDENCE_FLOOR);
  });

  it("counts a zero threshold passed by a positive value fully, and a zero at a zero one not at all", () => {
    expect(confidenceOf([min(1, 0)])).toBe(1);
    expect(confidenceOf([max(0, 0)])).toBe(CONFIDENCE_FLOOR);
    expect(confidenceOf([max(0, 5)])).toBe(1);
  });

  it("is monotone in every margin and stays in [floor, 1]", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        (threshold, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const lower = confidenceOf([min(threshold * low, threshold)]);
          const higher = confidenceOf([min(threshold * high, threshold)]);
          expect(higher).toBeGreaterThanOrEqual(lower);
          expect(lower).toBeGreaterThanOrEqual(CONFIDENCE_FLOOR);
          expect(higher).toBeLessThanOrEqual(1);
          expect(confidenceOf([max(threshold / high, threshold)])).toBeGreaterThanOrEqual(
            confidenceOf([max(threshold / low, threshold)]),
          );
        },
      ),
    );
  });

  it("corroborates as a noisy-OR, never below either", () => {
    expect(corroborate(0.5, 0.5)).toBe(0.75);
    expect(corroborate(0.9, 0)).toBeCloseTo(0.9, 12);
  });
});

describe("severity", () => {
  it("maps confidence by the cut-offs, each cut-off inclusive", () => {
    const cutoffs = DEFAULT_SEVERITY_CUTOFFS;
    expect(severityOf(0.5, cutoffs)).toBe("low");
    expect(severityOf(0.6, cutoffs)).toBe("medium");
    expect(severityOf(0.75, cutoffs)).toBe("high");
    expect(severityOf(0.9, cutoffs)).toBe("critical");
    expect(severityOf(0.7, { medium: 0.55, high: 0.65, critical: 0.7 })).toBe("critical");
  });

  it("rejects cut-offs out of order or out of [0, 1], naming the cut-off", () => {
    expect(() => validateSeverityCutoffs({ medium: 0.8, high: 0.7, critical: 0.9 })).toThrow(/cut-off high/);
    expect(() => validateSeverityCutoffs({ medium: 0.6, high: 0.7, critical: 1.1 })).toThrow(
      /cut-off critical/,
    );
    expect(() => validateSeverityCutoffs({ medium: Number.NaN, high: 0.7, critical: 0.9 })).toThrow(
      /cut-off medium/,
    );
    expect(validateSeverityCutoffs({ medium: 0, high: 0, critical: 1 })).toEqual({
      medium: 0,
      high: 0,
      critical: 1,
    });
  });

  it("recommends an action by severity and type", () => {
    expect(recommendedActionOf("spoofing", "critical")).toMatch(
      /^Halt the user's trading.*ever meant to trade\.$/,
    );
    expect(recommendedActionOf("wash_trading", "low")).toMatch(/^Monitor.*beneficial owners/);
  });
});
