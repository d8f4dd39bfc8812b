import { describe, expect, it } from "vitest";
import { closesFrom, dailyDates, position } from "./fixtures.testing";
import { factorReturns } from "./factors";
import { createSeededRandom } from "../random";
import { fillNormals } from "./random";
import { calculateRiskDecomposition } from "./riskMetrics";
import type { RiskDecomposition } from "./riskMetrics";
import type { PriceHistory } from "./types";

/** A one-factor market: r_i = beta_i m + e_i, ten names, `days` returns, volumes growing with i. */
function universe(days: number, names = 10, withVolumes = true): PriceHistory {
  const random = createSeededRandom(3);
  const normal = (): number => {
    const draw = new Float64Array(1);
    fillNormals(random, draw);
    return draw[0] as number;
  };
  const market = Array.from({ length: days }, () => 0.01 * normal());
  const closes = new Map<string, Float64Array>();
  const volumes = new Map<string, Float64Array>();
  for (let i = 0; i < names; i++) {
    const beta = 0.5 + i / 10;
    const returns = market.map((m) => beta * m + 0.005 * (1 + i / 5) * normal());
    closes.set(`S${i}`, closesFrom(20 + i, returns));
    volumes.set(`S${i}`, new Float64Array(days + 1).fill(1000 * (i + 1)));
  }
  return { dates: dailyDates(days + 1), closes, ...(withVolumes ? { volumes } : {}) };
}

function decompose(...args: Parameters<typeof calculateRiskDecomposition>): RiskDecomposition {
  const outcome = calculateRiskDecomposition(...args);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
}

const marketBook = Array.from({ length: 10 }, (_, i) =>
  position(`S${i}`, "1", "1", i < 5 ? "Energy" : "Tech"),
);

describe("risk decomposition", () => {
  it("the equal-weighted market itself: beta 1, all risk systematic, every factor but the market 0", () => {
    const risk = decompose(marketBook, universe(520));
    expect(risk.beta).toBeCloseTo(1, 12);
    expect(risk.rSquared).toBeCloseTo(1, 12);
    expect(risk.idiosyncraticRisk).toBeCloseTo(0, 6);
    expect(risk.systematicRisk).toBeCloseTo(risk.totalRisk, 10);
    expect(risk.observations).toBe(252);
    expect(risk.factorExposures.map((f) => f.factor)).toEqual([
      "market",
      "momentum",
      "low_volatility",
      "size",
    ]);
    expect(risk.factorExposures.map((f) => f.exposure)).toEqual([
      expect.closeTo(1, 10),
      expect.closeTo(0, 10),
      expect.closeTo(0, 10),
      expect.closeTo(0, 10),
    ]);
    expect(risk.factorIntercept).toBeCloseTo(0, 12);
    expect(risk.factorRSquared).toBeCloseTo(1, 12);
    expect(risk.unavailableFactors).toEqual([
      { factor: "value", reason: "the price history has no book values or earnings" },
    ]);
    expect(risk.concentration).toEqual({
      hhi: expect.closeTo(0.1, 15),
      effectiveNumber: expect.closeTo(10, 12),
    });
  });

  it("a single name: total^2 = systematic^2 + idiosyncratic^2, R^2 = their ratio, HHI 1", () => {
    const risk = decompose([position("S9", "3", "10", "Tech")], universe(300), { lookbackDays: 200 });
    expect(risk.totalRisk ** 2).toBeCloseTo(risk.systematicRisk ** 2 + risk.idiosyncraticRisk ** 2, 12);
    expect(risk.rSquared).toBeCloseTo(risk.systematicRisk ** 2 / risk.totalRisk ** 2, 10);
    expect(risk.beta).toBeGreaterThan(1); // S9 has beta 1.4 to the common factor
    expect(risk.idiosyncraticRisk).toBeGreaterThan(0);
    expect(risk.sectorContributions).toEqual([
      { sector: "Tech", weight: 1, riskContribution: expect.closeTo(1, 12) },
    ]);
    expect(risk.concentration.hhi).toBe(1);
  });

  it("sector contributions sum to 1 (a hedge contributes negatively); no sector is Unknown", () => {
    const risk = decompose(
      [
        position("S0", "10", "1", "Energy"),
        position("S5", "10", "1", "Tech"),
        position("S9", "-5", "1"),
        position("S1", "3", "1", "Energy"),
      ],
      universe(300),
    );
    expect(risk.sectorContributions.map((s) => s.sector)).toEqual(["Energy", "Tech", "Unknown"]);
    expect(risk.sectorContributions.reduce((sum, s) => sum + s.riskContribution, 0)).toBeCloseTo(1, 12);
    expect(risk.sectorContributions.map((s) => s.weight)).toEqual([
      expect.closeTo(13 / 28, 15),
      expect.closeTo(10 / 28, 15),
      expect.closeTo(-5 / 28, 15),
    ]);
    expect((risk.sectorContributions[2]?.riskContribution ?? 0) < 0).toBe(true);
  });

  it("factors that the history cannot support are reported unavailable, with why", () => {
    // Window starting at history index 63: size (63 days) yes; low volatility (64) and momentum (253) no.
    const short = decompose(marketBook, universe(99), { lookbackDays: 37 });
    expect(short.factorExposures.map((f) => f.factor)).toEqual(["market", "size"]);
    expect(short.unavailableFactors.map((u) => u.reason)).toEqual([
      "the price history has no book values or earnings",
      "needs 253 days of history before the window, has 63",
      "needs 64 days of history before the window, has 63",
    ]);
    const earlier = decompose(marketBook, universe(98), { lookbackDays: 37 });
    expect(earlier.unavailableFactors.at(-1)?.reason).toBe(
      "needs 63 days of history before the window, has 62",
    );
    const noVolumes = decompose(marketBook, universe(520, 10, false));
    expect(noVolumes.unavailableFactors.map((u) => u.factor)).toEqual(["value", "size"]);
  });

  it("a cross-section too small for quintiles has no long-short factors", () => {
    const risk = decompose([position("S0", "1", "1")], universe(520, 4));
    expect(risk.factorExposures.map((f) => f.factor)).toEqual(["market"]);
    const first = "2020-09-26"; // the window's first day
    expect(risk.unavailableFactors.slice(1)).toEqual(
      ["momentum", "low_volatility", "size"].map((factor) => ({
        factor,
        reason: `fewer than 5 symbols with a signal and a clean return on ${first}`,
      })),
    );
  });

  it("flat prices: zero risk, R^2 0, sectors by weight", () => {
    const flat: PriceHistory = {
      dates: dailyDates(60),
      closes: new Map([["F", new Float64Array(60).fill(5)]]),
    };
    const risk = decompose([position("F", "2", "5", "Utilities")], flat);
    expect([risk.totalRisk, risk.systematicRisk, risk.idiosyncraticRisk, risk.rSquared]).toEqual([
      0, 0, 0, 0,
    ]);
    expect(risk.sectorContributions).toEqual([{ sector: "Utilities", weight: 1, riskContribution: 1 }]);
  });

  it("too little history is an error naming how much is needed", () => {
    const outcome = calculateRiskDecomposition(marketBook, universe(20));
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.error.message).toBe(
      "risk decomposition: needs at least 30 clean daily returns, has 20 in the 252-day lookback; the history holds only 20 up to its last date",
    );
    const short = calculateRiskDecomposition(marketBook, universe(100), { lookbackDays: 25 });
    expect(!short.ok && short.error).toMatchObject({ needed: 30, available: 25, neededLookbackDays: 30 });
  });

  it("an empty book, an unknown symbol and a bad lookback or date are refused, named", () => {
    const history = universe(60);
    const refusal = (...args: Parameters<typeof calculateRiskDecomposition>) => {
      const outcome = calculateRiskDecomposition(...args);
      return !outcome.ok && outcome.error;
    };
    expect(refusal([], history)).toMatchObject({ kind: "no_exposure", positions: 0 });
    expect(refusal([...marketBook, position("S99", "1", "1")], history)).toEqual({
      kind: "unknown_symbol",
      field: "positions",
      symbols: ["S99"],
      message: "positions: no price history for S99",
    });
    expect(refusal(marketBook, history, { lookbackDays: Number.NaN })).toMatchObject({
      field: "lookbackDays",
    });
    expect(refusal(marketBook, history, { asOf: "31.12.2020" })).toMatchObject({ field: "asOf" });
  });
});

describe("factor returns", () => {
  it("size goes long the thinly traded names: here the low-beta ones, so its return is minus the market's", () => {
    const history = universe(100);
    // Names sorted by dollar volume: S0 smallest ... S9 largest (price x 1000 (i+1)).
    const { returns } = factorReturns(history, [70, 71, 72]);
    const market = returns.get("market") as Float64Array;
    const size = returns.get("size") as Float64Array;
    expect(size).toHaveLength(3);
    // Long S0, S1 (betas 0.5, 0.6), short S8, S9 (1.3, 1.4): mostly -0.8 x the common factor.
    expect(Math.sign(size[0] as number)).toBe(-Math.sign(market[0] as number));
  });

  it("the market is the mean of the clean returns: a suspect jump and a missing close sit out", () => {
    const history = universe(100);
    const closes = new Map(history.closes);
    const jump = Float64Array.from(closes.get("S3") as Float64Array);
    jump[80] = (jump[79] as number) * 2;
    const gap = Float64Array.from(closes.get("S4") as Float64Array);
    gap[80] = Number.NaN;
    closes.set("S3", jump);
    closes.set("S4", gap);
    const { returns } = factorReturns({ ...history, closes }, [80]);
    const clean = [0, 1, 2, 5, 6, 7, 8, 9].map((i) => {
      const series = closes.get(`S${i}`) as Float64Array;
      return (series[80] as number) / (series[79] as number) - 1;
    });
    expect(returns.get("market")?.[0]).toBeCloseTo(clean.reduce((s, r) => s + r, 0) / clean.length, 15);
  });

  it("a symbol without volumes has no size signal and sits out of the size ranking", () => {
    const history = universe(100);
    const volumes = new Map(history.volumes);
    volumes.delete("S0");
    const { returns } = factorReturns({ ...history, volumes }, [80]);
    expect(Number.isFinite(returns.get("size")?.[0])).toBe(true);
  });
});
