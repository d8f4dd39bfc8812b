import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { calculateCorrelationMatrix, repairToPositiveSemidefinite } from "./correlation";
import type { CorrelationMatrix, CorrelationOptions } from "./correlation";
import { closesFrom, dailyDates, twoAssetHistory } from "./fixtures.testing";
import { choleskyFactor, symmetricEigen } from "./linalg";
import type { PriceHistory } from "./types";

function matrixOf(
  history: PriceHistory,
  symbols: readonly string[],
  options?: CorrelationOptions,
): CorrelationMatrix {
  const outcome = calculateCorrelationMatrix(history, symbols, options);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
}

function expectValidCorrelation(matrix: CorrelationMatrix): void {
  const n = matrix.size;
  for (let i = 0; i < n; i++) {
    expect(matrix.values[i * n + i]).toBe(1);
    for (let j = 0; j < n; j++) {
      expect(matrix.values[i * n + j]).toBe(matrix.values[j * n + i]);
      expect(Math.abs(matrix.values[i * n + j] as number)).toBeLessThanOrEqual(1 + 1e-12);
    }
  }
  const smallest = Math.min(...symmetricEigen(matrix.values, n).values);
  expect(smallest).toBeGreaterThan(-1e-9);
}

describe("correlation matrix against numpy.corrcoef", () => {
  it("full data: 0.591347057045308 over 120 days, 0.5506152025399215 over the last 60", () => {
    const full = matrixOf(twoAssetHistory(), ["AAA", "BBB"]);
    expect(full.getCorrelation("AAA", "BBB")).toBeCloseTo(0.591347057045308, 12);
    expect(full.getCorrelation("BBB", "AAA")).toBe(full.getCorrelation("AAA", "BBB"));
    expect(full.getCorrelation("AAA", "AAA")).toBe(1);
    expect(full.observations[1]).toBe(120);
    expect(full.repaired).toBe(false);
    const recent = matrixOf(twoAssetHistory(), ["AAA", "BBB"], { lookbackDays: 60 });
    expect(recent.getCorrelation("AAA", "BBB")).toBeCloseTo(0.5506152025399215, 12);
  });

  it("pairwise-complete with a missing close: 0.5943869080838907 on the 118 common days", () => {
    const history = twoAssetHistory();
    const closes = Float64Array.from(history.closes.get("AAA") as Float64Array);
    closes[10] = Number.NaN;
    const gappy: PriceHistory = {
      dates: history.dates,
      closes: new Map([...history.closes, ["AAA", closes]]),
    };
    const matrix = matrixOf(gappy, ["AAA", "BBB"]);
    expect(matrix.getCorrelation("AAA", "BBB")).toBeCloseTo(0.5943869080838907, 12);
    expect(matrix.observations[1]).toBe(118);
    expect(matrix.excluded.map((e) => e.date)).toEqual([history.dates[10], history.dates[11]]);
  });

  it("a gap both symbols share (a market-wide missing day) gives the same pairwise-complete value", () => {
    const history = twoAssetHistory();
    const closesA = Float64Array.from(history.closes.get("AAA") as Float64Array);
    const closesB = Float64Array.from(history.closes.get("BBB") as Float64Array);
    closesA[10] = Number.NaN;
    closesB[10] = Number.NaN;
    const gappy: PriceHistory = {
      dates: history.dates,
      closes: new Map([
        ["AAA", closesA],
        ["BBB", closesB],
      ]),
    };
    const matrix = matrixOf(gappy, ["AAA", "BBB"]);
    expect(matrix.getCorrelation("AAA", "BBB")).toBeCloseTo(0.5943869080838907, 12);
    expect(matrix.observations[1]).toBe(118);
  });

  it("flat or unobserved series have undefined (0) correlations; asking for a symbol not in it throws", () => {
    const matrix = matrixOf(
      {
        dates: dailyDates(5),
        closes: new Map([
          ["FLAT", new Float64Array(5).fill(3)],
          ["UP", closesFrom(1, [0.1, 0.2, -0.1, 0.5])],
          ["NONE", new Float64Array(5).fill(Number.NaN)],
        ]),
      },
      ["FLAT", "UP", "NONE"],
    );
    expect(() => matrix.getCorrelation("FLAT", "XYZ")).toThrow(/XYZ is not in this correlation matrix/);
    expect(matrix.getCorrelation("FLAT", "UP")).toBe(0);
    expect(matrix.getCorrelation("NONE", "NONE")).toBe(1);
    expect(matrix.undefinedPairs).toEqual([
      ["FLAT", "UP"],
      ["FLAT", "NONE"],
      ["UP", "NONE"],
    ]);
    // The 0.5 move is suspect (> 40 %): reported, and not used.
    expect(matrix.excluded.filter((e) => e.reason === "suspect_return")).toEqual([
      { symbol: "UP", date: "2020-01-05", reason: "suspect_return", value: expect.closeTo(0.5, 12) },
    ]);
  });

  it("symbols the history lacks, a symbol listed twice, a bad lookback or date are refused, named", () => {
    const history = twoAssetHistory();
    // It used to answer with a row of zero correlations for the typo.
    expect(calculateCorrelationMatrix(history, ["AAA", "APPL", "BBB", "XYZ"])).toEqual({
      ok: false,
      error: {
        kind: "unknown_symbol",
        field: "symbols",
        symbols: ["APPL", "XYZ"],
        message: "symbols: no price history for APPL, XYZ",
      },
    });
    const refusal = (...args: Parameters<typeof calculateCorrelationMatrix>) => {
      const outcome = calculateCorrelationMatrix(...args);
      return !outcome.ok && outcome.error;
    };
    expect(refusal(history, ["AAA", "BBB", "AAA"])).toEqual({
      kind: "invalid_input",
      field: "symbols",
      message: "symbols: AAA is listed twice",
    });
    expect(refusal(history, ["AAA"], { lookbackDays: -5 })).toMatchObject({ field: "lookbackDays" });
    expect(refusal(history, ["AAA"], { asOf: "2020/01/31" })).toMatchObject({ field: "asOf" });
  });

  it("an indefinite pairwise matrix (A~B, B~C, A~-C on disjoint days) is repaired to PSD with unit diagonal", () => {
    // A's returns exist on days 1-10 and 21-30, B's on 1-20, C's on 11-30.
    const x = Array.from({ length: 10 }, (_, t) => ((t * 7) % 5) / 100 - 0.02);
    const y = Array.from({ length: 10 }, (_, t) => ((t * 3) % 7) / 100 - 0.03);
    const z = Array.from({ length: 10 }, (_, t) => ((t * 5) % 9) / 100 - 0.04);
    const nan = (count: number) => new Array<number>(count).fill(Number.NaN);
    const a = [...closesFrom(10, x), ...nan(9), ...closesFrom(10, z)];
    const b = [...closesFrom(10, [...x, ...y]), ...nan(10)];
    const c = [...nan(10), ...closesFrom(10, [...y, ...z.map((r) => -r)])];
    const history: PriceHistory = {
      dates: dailyDates(31),
      closes: new Map([
        ["A", Float64Array.from(a)],
        ["B", Float64Array.from(b)],
        ["C", Float64Array.from(c)],
      ]),
    };
    const matrix = matrixOf(history, ["A", "B", "C"]);
    expect(matrix.repaired).toBe(true);
    expectValidCorrelation(matrix);
    expect(choleskyFactor(matrix.values, 3).indefinite).toBe(false);
  });

  it("repair leaves a valid correlation matrix unchanged", () => {
    const valid = Float64Array.from([1, 0.5, 0.5, 1]);
    const repaired = repairToPositiveSemidefinite(valid, 2);
    [...valid].forEach((v, i) => expect(repaired[i]).toBeCloseTo(v, 12));
  });
});

describe("properties (fast-check): symmetric, unit diagonal, PSD, whatever is missing", () => {
  it("random histories with random gaps", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }).chain((n) =>
          fc.array(
            fc.array(fc.oneof(fc.integer({ min: -300, max: 300 }), fc.constant(Number.NaN)), {
              minLength: 25,
              maxLength: 25,
            }),
            { minLength: n, maxLength: n },
          ),
        ),
        (series) => {
          const history: PriceHistory = {
            dates: dailyDates(26),
            closes: new Map(
              series.map((bps, i) => {
                const closes = closesFrom(
                  50,
                  bps.map((bp) => (Number.isNaN(bp) ? 0 : bp / 10_000)),
                );
                bps.forEach((bp, t) => {
                  if (Number.isNaN(bp)) closes[t + 1] = Number.NaN;
                });
                return [`S${i}`, closes];
              }),
            ),
          };
          expectValidCorrelation(matrixOf(history, [...history.closes.keys()]));
        },
      ),
      { numRuns: 100 },
    );
  });
});
