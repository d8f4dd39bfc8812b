/**
 * Parametric VaR on an exponentially weighted volatility: RiskMetrics (J.P. Morgan/Reuters,
 * "RiskMetrics - Technical Document", 4th ed. 1996, section 5.2): sigma^2 = sum_t w_t P_t^2 with decay
 * lambda = 0.94 for daily data, the most recent day weighted most, and a mean of zero. Over a finite
 * window of T days the weights (1 - lambda) lambda^(T-1-t) are divided by 1 - lambda^T so they sum to 1
 * (at T = 252 the correction is 2e-7).
 *
 * VaR = -z sigma, ES = sigma phi(z) / (1 - c), z = Phi^-1(1 - c). The marginal dVaR/dv_i =
 * -z sum_t w_t r_i,t P_t / sigma (P_t = sum_i v_i r_i,t), whose Euler sum sum_i v_i dVaR/dv_i is the VaR:
 * the components add up as for the other methods (var.ts).
 */
import type { RiskModel } from "./model";
import { NeumaierSum, normalPdf, normalQuantile } from "./stats";

/** The RiskMetrics decay factor for daily returns (Technical Document, table 5.9). */
export const RISKMETRICS_LAMBDA = 0.94;

/** Weights of `days` observations, oldest first, summing to 1. */
export function ewmaWeights(days: number, lambda: number): Float64Array {
  const norm = (1 - lambda) / (1 - lambda ** days);
  return Float64Array.from({ length: days }, (_, t) => norm * lambda ** (days - 1 - t));
}

/** One-day parametric VaR and ES of the model's P&L on the EWMA volatility, with dVaR/dv_i. */
export function ewmaParametric(
  model: RiskModel,
  confidence: number,
  lambda = RISKMETRICS_LAMBDA,
): { var: number; es: number; observations: number; marginals: Float64Array } {
  const { pnl } = model;
  const { days, returns } = model.window;
  const weights = ewmaWeights(days, lambda);
  const variance = new NeumaierSum();
  for (let t = 0; t < days; t++) variance.add((weights[t] as number) * (pnl[t] as number) ** 2);
  const sigma = Math.sqrt(variance.value);
  const z = normalQuantile(1 - confidence);
  const marginals = model.exposure.floatValues.map((_, i) => {
    if (!(sigma > 0)) return 0;
    const covariance = new NeumaierSum();
    for (let t = 0; t < days; t++) {
      covariance.add((weights[t] as number) * (returns[i * days + t] as number) * (pnl[t] as number));
    }
    return (-z * covariance.value) / sigma;
  });
  return {
    var: -z * sigma,
    es: (sigma * normalPdf(z)) / (1 - confidence),
    observations: days,
    marginals,
  };
}
