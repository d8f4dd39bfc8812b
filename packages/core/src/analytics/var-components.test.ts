/**
 * Component VaR (issue 14): `marginal` is dVaR/dv_i of the VaR actually reported, proven by central finite
 * differences of the unrounded VaR in each position's value, on books whose mean P&L is far from zero.
 */
import { describe, expect, it } from "vitest";
import { sumDecimals } from "../money";
import { closesFrom, dailyDates, position, twoAssetReturns } from "./fixtures.testing";
import type { PortfolioPosition, PriceHistory, TimeHorizon, VaRMethod, VaRResult } from "./types";
import { VAR_METHODS } from "./types";
import { calculateVaR } from "./var";

/** The two-asset fixture with a strong drift: AAA +0.21 % a day, BBB -0.13 %, CCC a third name. */
function driftingHistory(): PriceHistory {
  const { a, b } = twoAssetReturns();
  const c = a.map((ra, t) => 0.6 * (b[t] as number) - 0.3 * ra + (((t * 31) % 17) - 8) / 900 + 0.0007);
  return {
    dates: dailyDates(a.length + 1),
    closes: new Map([
      [
        "AAA",
        closesFrom(
          100,
          a.map((r) => r + 0.0021),
        ),
      ],
      [
        "BBB",
        closesFrom(
          40,
          b.map((r) => r - 0.0013),
        ),
      ],
      ["CCC", closesFrom(25, c)],
    ]),
  };
}

const book = [position("AAA", "10", "100"), position("BBB", "-5", "40"), position("CCC", "30", "25")];

function varOf(
  positions: readonly PortfolioPosition[],
  method: VaRMethod,
  confidence: number,
  horizon: TimeHorizon = "1D",
): VaRResult {
  const outcome = calculateVaR(positions, driftingHistory(), { method, confidence, horizon });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
}

/** The VaR before its rounding to money: varFraction is VaR / gross exposure, unrounded. */
function unroundedVaR(result: VaRResult): number {
  return result.varFraction * result.grossExposure.toNumber();
}

/** (VaR(v + h e_i) - VaR(v - h e_i)) / 2h, the position's value moved by a lot of h at price 1. */
function centralDifference(
  method: VaRMethod,
  confidence: number,
  symbol: string,
  h: number,
  horizon: TimeHorizon = "1D",
): number {
  const moved = (sign: number) =>
    unroundedVaR(varOf([...book, position(symbol, String(sign * h), "1")], method, confidence, horizon));
  return (moved(1) - moved(-1)) / (2 * h);
}

describe("marginal = dVaR/dv_i, by finite differences (mean P&L far from zero)", () => {
  it.each([
    ["parametric", 0.95, "1D"],
    ["parametric", 0.99, "1M"],
    ["cornish_fisher", 0.95, "1D"],
    ["cornish_fisher", 0.99, "1W"],
    ["historical", 0.95, "1D"],
    ["historical", 0.99, "1D"],
  ] as const)("%s at %s over %s", (method, confidence, horizon) => {
    const result = varOf(book, method, confidence, horizon);
    for (const component of result.components) {
      // A small step keeps the historical VaR days in their ranks; the smooth methods converge as h^2.
      const slope = centralDifference(method, confidence, component.symbol, 1e-3, horizon);
      expect(Math.abs(component.marginal - slope)).toBeLessThan(1e-7 * Math.max(1, Math.abs(slope)));
    }
    // Euler: the value-weighted marginals add up to the VaR itself, and the money parts to its rounding.
    const euler = result.components.reduce((s, c) => s + c.value.toNumber() * c.marginal, 0);
    expect(euler).toBeCloseTo(unroundedVaR(result), 9);
    expect(sumDecimals(result.components.map((c) => c.component)).toString()).toBe(result.var.toString());
  });

  it("the zero-mean formula VaR (S v)_i / v'S v is not the derivative here (the bug of issue 14)", () => {
    const result = varOf(book, "parametric", 0.95);
    const returns = [...driftingHistory().closes.values()].map((closes) =>
      Array.from(
        { length: closes.length - 1 },
        (_, t) => (closes[t + 1] as number) / (closes[t] as number) - 1,
      ),
    );
    const values = result.components.map((c) => c.value.toNumber());
    const days = (returns[0] as number[]).length;
    const mean = (series: number[]) => series.reduce((s, x) => s + x, 0) / series.length;
    const pnl = Array.from({ length: days }, (_, t) =>
      values.reduce((s, v, i) => s + v * ((returns[i] as number[])[t] as number), 0),
    );
    const sv = returns.map((series) => {
      const m = mean(series);
      const p = mean(pnl);
      return series.reduce((s, r, t) => s + (r - m) * ((pnl[t] as number) - p), 0) / (days - 1);
    });
    const variance = values.reduce((s, v, i) => s + v * (sv[i] as number), 0);
    const zeroMean = sv.map((x) => (unroundedVaR(result) * x) / variance);
    const gaps = result.components.map((c, i) => Math.abs(c.marginal / (zeroMean[i] as number) - 1));
    expect(Math.max(...gaps)).toBeGreaterThan(0.1); // 4 %, 39 % and 16 % here
  });

  it("with a mean of exactly zero, parametric marginals are Jorion's VaR (S v)_i / v'S v", () => {
    // +-1 % alternating and a 4-day cycle (+2, +1, -2, -1 %): both means are exactly zero.
    const history: PriceHistory = {
      dates: dailyDates(81),
      closes: new Map([
        [
          "UP",
          closesFrom(
            50,
            Array.from({ length: 80 }, (_, t) => (t % 2 === 0 ? 0.01 : -0.01)),
          ),
        ],
        [
          "DN",
          closesFrom(
            20,
            Array.from({ length: 80 }, (_, t) => [0.02, 0.01, -0.02, -0.01][t % 4] as number),
          ),
        ],
      ]),
    };
    const outcome = calculateVaR([position("UP", "4", "50"), position("DN", "-3", "20")], history, {
      method: "parametric",
      confidence: 0.95,
    });
    if (!outcome.ok) throw new Error(outcome.error.message);
    // Returns from the closes are exact to ~1e-17; by hand: var(UP) = 1e-4 x 80/79, var(DN) = 2.5e-4 x 80/79,
    // cov = (2 x 1e-4 - 2 x 1e-4 + ...)/79: UP pairs (+1, -1, +1, -1) with (+2, +1, -2, -1), sum 0 per cycle.
    const v = [200, -60];
    const s = [1e-4 * (80 / 79), 2.5e-4 * (80 / 79)];
    const sv = [(s[0] as number) * 200, (s[1] as number) * -60];
    const variance = 200 * (sv[0] as number) - 60 * (sv[1] as number);
    const valueAtRisk = unroundedVaR(outcome.value);
    outcome.value.components.forEach((c, i) => {
      expect(c.value.toNumber()).toBe(v[i]);
      expect(c.marginal).toBeCloseTo((valueAtRisk * (sv[i] as number)) / variance, 12);
    });
  });

  it("Monte Carlo: the normal model's marginal at the simulated quantile, near parametric's, Euler exact", () => {
    const parametric = varOf(book, "parametric", 0.99);
    const outcome = calculateVaR(book, driftingHistory(), {
      method: "monte_carlo",
      confidence: 0.99,
      paths: 400_000,
    });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const mc = outcome.value;
    mc.components.forEach((c, i) => {
      const exact = parametric.components[i]?.marginal ?? Number.NaN;
      expect(Math.abs(c.marginal / exact - 1)).toBeLessThan(0.01);
    });
    const euler = mc.components.reduce((s, c) => s + c.value.toNumber() * c.marginal, 0);
    expect(euler).toBeCloseTo(unroundedVaR(mc), 9);
    expect(sumDecimals(mc.components.map((c) => c.component)).toString()).toBe(mc.var.toString());
  });

  it("marginals come from the unrounded VaR: a 0-digit money scale leaves them unchanged", () => {
    for (const method of VAR_METHODS) {
      const cents = varOf(book, method, 0.95);
      const outcome = calculateVaR(book, driftingHistory(), { method, confidence: 0.95, moneyScale: 0 });
      if (!outcome.ok) throw new Error(outcome.error.message);
      expect(outcome.value.components.map((c) => c.marginal)).toEqual(
        cents.components.map((c) => c.marginal),
      );
      expect(sumDecimals(outcome.value.components.map((c) => c.component)).toString()).toBe(
        outcome.value.var.toString(),
      );
    }
  });
});
