import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  finite,
  mean,
  meanVariance,
  NeumaierSum,
  normalPdf,
  normalQuantile,
  populationMoments,
  quantileAndTailMean,
  selectInPlace,
  sum,
} from "./stats";

describe("compensated summation", () => {
  it("recovers what naive summation loses: 1 + 1e100 + 1 - 1e100 = 2", () => {
    expect(sum([1, 1e100, 1, -1e100])).toBe(2);
    const naive = [1, 1e100, 1, -1e100].reduce((s, x) => s + x, 0);
    expect(naive).toBe(0);
  });

  it("a million 0.1s sum to the double nearest 100000.0000000000055511 (= 100000); naive drifts", () => {
    const acc = new NeumaierSum();
    let naive = 0;
    for (let i = 0; i < 1_000_000; i++) {
      acc.add(0.1);
      naive += 0.1;
    }
    expect(acc.value).toBe(100_000);
    expect(naive).not.toBe(100_000);
    acc.reset();
    acc.add(3);
    expect(acc.value).toBe(3);
  });

  it("mean and variance (ddof 0 and 1)", () => {
    const x = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(x)).toBe(5);
    expect(meanVariance(x, 0).variance).toBe(4);
    expect(meanVariance(x, 1).variance).toBeCloseTo(32 / 7, 15);
    expect([...finite(Float64Array.from([1, Number.NaN, 2, Number.POSITIVE_INFINITY]))]).toEqual([1, 2]);
  });
});

describe("quantile (numpy 'linear') and moments (scipy, population)", () => {
  const values = Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6]);
  it.each([
    [0, 1],
    [0.05, 1],
    [0.5, 3.5],
    [0.99, 8.79],
    [1, 9],
  ])("quantile %s = %s", (p, expected) => {
    expect(quantileAndTailMean(values, p).quantile).toBeCloseTo(expected, 12);
  });

  it("skewness 0.6682892518272332, excess kurtosis -0.534949616887145; a constant has (0, 0)", () => {
    const m = populationMoments(Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6]));
    expect(m.mean).toBe(3.875);
    expect(m.skewness).toBeCloseTo(0.6682892518272332, 12);
    expect(m.excessKurtosis).toBeCloseTo(-0.534949616887145, 12);
    expect(populationMoments(new Float64Array(5).fill(2))).toEqual({
      mean: 2,
      std: 0,
      skewness: 0,
      excessKurtosis: 0,
    });
  });
});

describe("selection instead of sorting", () => {
  it("property: quantile and tail mean equal the sorted computation (numpy linear), ties included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 60 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (integers, p) => {
          const values = Float64Array.from(integers, (x) => x / 4);
          const sorted = Float64Array.from(values).sort();
          // numpy "linear" on the sorted values, by definition.
          const h = (sorted.length - 1) * p;
          const lo = Math.floor(h);
          const next = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
          const expected = (sorted[lo] as number) + (h - lo) * (next - (sorted[lo] as number));
          const { quantile, tailMean } = quantileAndTailMean(values, p);
          expect(quantile).toBeCloseTo(expected, 12);
          const tail = [...sorted].filter((x) => x <= quantile);
          expect(tailMean).toBeCloseTo(tail.reduce((s, x) => s + x, 0) / tail.length, 12);
          for (let k = 0; k < values.length; k++) {
            const copy = Float64Array.from(values);
            selectInPlace(copy, k);
            expect(copy[k]).toBe(sorted[k]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("normal quantile (Wichura AS 241) against scipy.stats.norm.ppf", () => {
  it.each([
    [0.5, 0],
    [0.6, 0.2533471031357997],
    [0.975, 1.959963984540054],
    [0.99, 2.3263478740408408],
    [0.05, -1.6448536269514729],
    [1e-10, -6.361340902404056],
    [1 - 1e-12, 7.0344869100478356],
    [1e-300, -37.0470962993612],
  ])("Phi^-1(%s) = %s", (p, expected) => {
    expect(normalQuantile(p)).toBeCloseTo(expected, 12);
  });

  it("inverts the density's CDF symmetrically and rejects p outside (0, 1)", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 0.5, noNaN: true }), (p) => {
        expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 8);
      }),
    );
    expect(normalPdf(0)).toBeCloseTo(0.3989422804014327, 15);
    for (const p of [0, 1, Number.NaN]) expect(() => normalQuantile(p)).toThrow(RangeError);
  });
});
