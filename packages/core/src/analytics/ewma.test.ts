/**
 * Parametric VaR on RiskMetrics' EWMA volatility (issue 14): the weights, the figure against a direct
 * computation, dVaR/dv_i against finite differences, and its components adding up to the VaR.
 */
import { describe, expect, it } from "vitest";
import { sumDecimals } from "../money";
import { RISKMETRICS_LAMBDA, ewmaWeights } from "./ewma";
import { closesFrom, dailyDates, position, twoAssetHistory, twoAssetReturns } from "./fixtures.testing";
import { normalPdf, normalQuantile } from "./stats";
import type { PortfolioPosition, VaRResult } from "./types";
import { calculateVaR } from "./var";

function ewmaVaR(positions: readonly PortfolioPosition[], confidence = 0.99): VaRResult {
  const outcome = calculateVaR(positions, twoAssetHistory(), {
    method: "parametric",
    confidence,
    volatility: "ewma",
  });
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
}

describe("EWMA volatility (RiskMetrics 1996)", () => {
  it("weights sum to 1, the latest day weighted (1 - lambda) / (1 - lambda^T) and each earlier lambda times less", () => {
    const weights = ewmaWeights(120, RISKMETRICS_LAMBDA);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    expect(weights[119]).toBeCloseTo(0.06 / (1 - 0.94 ** 120), 15);
    expect((weights[0] as number) / (weights[1] as number)).toBeCloseTo(0.94, 14);
  });

  it("parametric VaR and ES are -z sigma and sigma phi(z) / (1 - c) on the weighted P&L variance, zero mean", () => {
    const { a, b } = twoAssetReturns();
    const pnl = a.map((ra, t) => 10 * 100 * ra - 5 * 40 * (b[t] as number));
    const weights = ewmaWeights(pnl.length, 0.94);
    const sigma = Math.sqrt(pnl.reduce((s, p, t) => s + (weights[t] as number) * p * p, 0));
    const z = normalQuantile(0.01);
    const result = ewmaVaR([position("AAA", "10", "100"), position("BBB", "-5", "40")]);
    expect(result.varFraction * result.grossExposure.toNumber()).toBeCloseTo(-z * sigma, 10);
    expect(result.esFraction * result.grossExposure.toNumber()).toBeCloseTo(
      (sigma * normalPdf(z)) / 0.01,
      10,
    );
    expect(result.notes).toEqual(["volatility: EWMA (RiskMetrics), lambda 0.94, zero mean"]);
    expect(sumDecimals(result.components.map((c) => c.component)).eq(result.var)).toBe(true);
  });

  it("marginal is dVaR/dv_i: central finite differences in each position's value", () => {
    const base = [position("AAA", "10", "100"), position("BBB", "-5", "40")];
    const result = ewmaVaR(base);
    for (const [i, symbol] of ["AAA", "BBB"].entries()) {
      const h = 1e-3;
      const bumped = (delta: number) => {
        const moved = base.map((p, j) =>
          j === i
            ? position(symbol, p.quantity.plus(delta / p.price.toNumber()).toString(), p.price.toString())
            : p,
        );
        const r = ewmaVaR(moved);
        return r.varFraction * r.grossExposure.toNumber();
      };
      const slope = (bumped(h) - bumped(-h)) / (2 * h);
      expect(result.components[i]?.marginal).toBeCloseTo(slope, 6);
    }
  });

  it("a book with no P&L variation has zero EWMA VaR and zero marginals", () => {
    const flat = {
      dates: dailyDates(41),
      closes: new Map([["FLAT", closesFrom(10, new Array<number>(40).fill(0))]]),
    };
    const outcome = calculateVaR([position("FLAT", "100", "10")], flat, {
      method: "parametric",
      confidence: 0.95,
      volatility: "ewma",
    });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.value.var.isZero()).toBe(true);
    expect(outcome.value.components[0]?.marginal).toBe(0);
  });

  it("refuses an unknown volatility model, naming the field", () => {
    const outcome = calculateVaR([position("AAA", "1", "100")], twoAssetHistory(), {
      method: "parametric",
      confidence: 0.99,
      volatility: "garch" as "ewma",
    });
    expect(outcome.ok ? undefined : outcome.error).toMatchObject({
      kind: "invalid_input",
      field: "volatility",
    });
  });
});
