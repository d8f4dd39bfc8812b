/**
 * The risk model of a book over its clean window (history.ts), shared by the four VaR methods of var.ts:
 * the book's daily P&L, and, computed on first use only, what some of them need beyond it:
 * - the assets' co-moments with the P&L, O(n days): the derivatives of the VaR in the position values;
 * - the covariance matrix, O(n^2 days): the Monte Carlo's Cholesky factor. Historical, parametric and
 *   Cornish-Fisher VaR are functions of the P&L series alone, so a book of 100 names costs them no
 *   100 x 100 matrix (issue 14: building it for every method was most of a historical VaR's time).
 */
import type { Exposure } from "./exposure";
import type { ReturnWindow } from "./history";
import { centreSeries, covarianceMatrix, dot } from "./linalg";
import { mean } from "./stats";

/** Sums over the clean days of c_i d^k, c_i = r_i - mean(r_i), d = P - mean(P), per asset i. */
export interface PnlComoments {
  /** Mean daily return of each asset. */
  means: Float64Array;
  /** k = 1: (days - 1) x cov(r_i, P), i.e. (days - 1) (S v)_i. */
  first: Float64Array;
  /** k = 2 and 3: the co-skewness and co-kurtosis terms of the Cornish-Fisher derivative. */
  second: Float64Array;
  third: Float64Array;
}

export class RiskModel {
  /** Portfolio P&L (money) on each clean day: sum_i v_i r_i,t. */
  readonly pnl: Float64Array;
  private comoments: PnlComoments | undefined;
  private covariance: { covariance: Float64Array; means: Float64Array } | undefined;

  constructor(
    readonly exposure: Exposure,
    readonly window: ReturnWindow,
  ) {
    const { days, returns } = window;
    const values = exposure.floatValues;
    // A local, not the field: a property load and store per multiply-add was a tenth of a historical VaR.
    const pnl = new Float64Array(days);
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      const row = i * days;
      for (let t = 0; t < days; t++) pnl[t] = (pnl[t] as number) + v * (returns[row + t] as number);
    }
    this.pnl = pnl;
  }

  pnlComoments(): PnlComoments {
    this.comoments ??= this.computeComoments();
    return this.comoments;
  }

  /** Sample covariance (ddof 1) of the assets' returns, and their means. */
  covarianceMatrix(): { covariance: Float64Array; means: Float64Array } {
    this.covariance ??= covarianceMatrix(this.window.returns, this.exposure.symbols.length, this.window.days);
    return this.covariance;
  }

  private computeComoments(): PnlComoments {
    const n = this.exposure.symbols.length;
    const { days, returns } = this.window;
    const { means, centred } = centreSeries(returns, n, days);
    const pnlMean = mean(this.pnl);
    const d = this.pnl.map((p) => p - pnlMean);
    const d2 = d.map((x) => x * x);
    const d3 = d.map((x, t) => x * (d2[t] as number));
    const comoment = (power: Float64Array) =>
      Float64Array.from({ length: n }, (_, i) => dot(centred, i * days, power, 0, days));
    return { means, first: comoment(d), second: comoment(d2), third: comoment(d3) };
  }
}
