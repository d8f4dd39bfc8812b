import { describe, expect, it } from "vitest";
import {
  CensoredLiquidityEstimator,
  expectedFillRate,
  kaplanMeierLiquidity,
  probabilityAtLeast,
} from "./censored-liquidity";

/** Found 0, 30 and 50 shares; twice filled all of 100 (so held at least 100). */
const SAMPLE = [
  { requested: 100, filled: 30 },
  { requested: 100, filled: 100 },
  { requested: 200, filled: 50 },
  { requested: 50, filled: 0 },
  { requested: 100, filled: 100 },
];

describe("kaplanMeierLiquidity", () => {
  it("multiplies 1 - d/n at each level found, counting full fills at risk but never as the end of liquidity", () => {
    const curve = kaplanMeierLiquidity(SAMPLE);
    // n = 5 at 0 (d 1): 0.8; n = 4 at 30: 0.6; n = 3 at 50: 0.4; the censored 100s end no step.
    expect(curve.steps.map((s) => s.shares)).toEqual([0, 30, 50]);
    const expected = [0.8, 0.6, 0.4];
    curve.steps.forEach((step, i) => expect(step.survival).toBeCloseTo(expected[i] ?? Number.NaN, 12));
    expect(curve.observations).toBe(5);
    expect(curve.censored).toBe(2);
  });

  it("merges ties: two orders finding the same level are one step with d = 2", () => {
    const curve = kaplanMeierLiquidity([
      { requested: 100, filled: 40 },
      { requested: 300, filled: 40 },
      { requested: 40, filled: 40 },
      { requested: 500, filled: 200 },
    ]);
    // At 40: n = 4 (the censored 40 is at risk at its own level), d = 2.
    expect(curve.steps).toEqual([
      { shares: 40, survival: 0.5 },
      { shares: 200, survival: 0 },
    ]);
  });

  it("has no steps without observations or with full fills only", () => {
    expect(kaplanMeierLiquidity([]).steps).toEqual([]);
    expect(kaplanMeierLiquidity([{ requested: 100, filled: 100 }]).steps).toEqual([]);
  });
});

describe("probabilityAtLeast and expectedFillRate", () => {
  const curve = kaplanMeierLiquidity(SAMPLE);

  it("reads P(liquidity >= x) off the steps", () => {
    expect(probabilityAtLeast(curve, 0)).toBe(1);
    expect(probabilityAtLeast(curve, 1)).toBe(0.8);
    expect(probabilityAtLeast(curve, 30)).toBe(0.8);
    expect(probabilityAtLeast(curve, 31)).toBeCloseTo(0.6, 12);
    expect(probabilityAtLeast(curve, 10_000)).toBeCloseTo(0.4, 12);
  });

  it("is the area under the curve up to the order size, over the size", () => {
    // 100 shares: 30 x 0.8 + 20 x 0.6 + 50 x 0.4 = 56 expected, a rate of 0.56.
    expect(expectedFillRate(curve, 100)).toBeCloseTo(0.56, 12);
    // 40 shares: 30 x 0.8 + 10 x 0.6 = 30, a rate of 0.75: small orders fill more often.
    expect(expectedFillRate(curve, 40)).toBeCloseTo(0.75, 12);
    expect(expectedFillRate(curve, 0)).toBe(0);
  });

  it("does not read a full fill as all there was: the naive mean fill rate is lower for large orders", () => {
    // Ten full fills of 100 and ten of 300 that found 150: liquidity is at least 100 every time.
    const observations = [
      ...Array.from({ length: 10 }, () => ({ requested: 100, filled: 100 })),
      ...Array.from({ length: 10 }, () => ({ requested: 300, filled: 150 })),
    ];
    const estimate = kaplanMeierLiquidity(observations);
    expect(expectedFillRate(estimate, 100)).toBe(1);
    expect(expectedFillRate(estimate, 150)).toBe(1);
    expect(expectedFillRate(estimate, 300)).toBeCloseTo(0.5, 12);
  });
});

describe("CensoredLiquidityEstimator", () => {
  it("is informed after minObservations and keeps only the newest window", () => {
    const estimator = new CensoredLiquidityEstimator({ window: 3, minObservations: 2 });
    estimator.record(100, 0);
    expect(estimator.isInformed()).toBe(false);
    estimator.record(100, 0);
    expect(estimator.isInformed()).toBe(true);
    expect(estimator.expectedFillRate(100)).toBe(0);
    estimator.record(100, 100);
    estimator.record(100, 100);
    estimator.record(100, 100);
    // The empty-handed orders dropped out of the window: three full fills of 100 remain.
    expect(estimator.estimate().observations).toBe(3);
    expect(estimator.expectedFillRate(100)).toBe(1);
  });
});
