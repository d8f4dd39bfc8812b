/**
 * Risk decomposition of today's positions over a lookback (the listwise-clean window of history.ts,
 * daily returns of the book r_p = sum v_i r_i / gross exposure). Annualised with sqrt(252).
 * - total risk: std(r_p); systematic: |beta| std(m) with beta the OLS slope on the market (the equal-
 *   weighted return of the supplied cross-section, factors.ts); idiosyncratic: std of the OLS residual.
 *   total^2 = systematic^2 + idiosyncratic^2 exactly (same ddof), and R^2 = systematic^2 / total^2.
 * - sector contributions: Euler shares of variance, v_i (S v)_i / v'S v summed by sector (they sum to 1;
 *   a hedge can contribute negatively); a position without a sector is "Unknown".
 * - factor exposures: OLS of r_p on an intercept and every available factor return (factors.ts).
 * - concentration: Herfindahl-Hirschman index of gross weights |v_i| / sum |v| (1 = a single name) and its
 *   reciprocal, the effective number of positions.
 */
import { netExposure } from "./exposure";
import { factorReturns } from "./factors";
import type { Factor } from "./factors";
import { DEFAULT_LOOKBACK_DAYS, endIndex, insufficientWindow, returnWindow } from "./history";
import { checkDate, checkKnownSymbols, checkLookback } from "./inputs";
import { centreSeries, dot, solveSymmetric } from "./linalg";
import { meanVariance, NeumaierSum } from "./stats";
import { PERIODS_PER_YEAR, refused } from "./types";
import type { ExcludedReturn, Outcome, PortfolioPosition, PriceHistory } from "./types";
import { MIN_OBSERVATIONS } from "./var";

export interface SectorContribution {
  sector: string;
  /** Net value of the sector / gross exposure. */
  weight: number;
  /** Share of portfolio variance (sums to 1 over sectors). */
  riskContribution: number;
}

export interface FactorExposure {
  factor: Factor;
  /** OLS coefficient of the book's daily return on the factor's. */
  exposure: number;
}

export interface RiskDecomposition {
  totalRisk: number;
  systematicRisk: number;
  idiosyncraticRisk: number;
  beta: number;
  rSquared: number;
  sectorContributions: SectorContribution[];
  factorExposures: FactorExposure[];
  /** Daily alpha of the factor regression (its intercept). */
  factorIntercept: number;
  factorRSquared: number;
  unavailableFactors: { factor: Factor; reason: string }[];
  concentration: { hhi: number; effectiveNumber: number };
  observations: number;
  excluded: ExcludedReturn[];
}

export interface RiskOptions {
  lookbackDays?: number;
  asOf?: string;
}

/** OLS of y on [1, columns...]: coefficients (intercept first) and R^2. */
function ordinaryLeastSquares(
  y: Float64Array,
  columns: readonly Float64Array[],
): { coefficients: Float64Array; rSquared: number } {
  const k = columns.length + 1;
  const x = [new Float64Array(y.length).fill(1), ...columns];
  const gram = new Float64Array(k * k);
  const moment = new Float64Array(k);
  const acc = new NeumaierSum();
  for (let a = 0; a < k; a++) {
    const xa = x[a] as Float64Array;
    for (let b = 0; b <= a; b++) {
      const xb = x[b] as Float64Array;
      acc.reset();
      for (let t = 0; t < y.length; t++) acc.add((xa[t] as number) * (xb[t] as number));
      gram[a * k + b] = acc.value;
      gram[b * k + a] = acc.value;
    }
    acc.reset();
    for (let t = 0; t < y.length; t++) acc.add((xa[t] as number) * (y[t] as number));
    moment[a] = acc.value;
  }
  const coefficients = solveSymmetric(gram, moment);
  const residuals = y.map((value, t) => {
    let fitted = 0;
    for (let a = 0; a < k; a++) fitted += (coefficients[a] as number) * ((x[a] as Float64Array)[t] as number);
    return value - fitted;
  });
  const residual = meanVariance(residuals, 0);
  const total = meanVariance(y, 0);
  return {
    coefficients,
    rSquared: total.variance > 0 ? 1 - (residual.variance + residual.mean ** 2) / total.variance : 0,
  };
}

export function calculateRiskDecomposition(
  positions: readonly PortfolioPosition[],
  history: PriceHistory,
  options: RiskOptions = {},
): Outcome<RiskDecomposition> {
  const invalid = checkLookback(options.lookbackDays) ?? checkDate("asOf", options.asOf);
  if (invalid !== undefined) return refused(invalid);
  const exposure = netExposure(positions);
  if ("kind" in exposure) return refused(exposure);
  const unknown = checkKnownSymbols(history, exposure.symbols, "positions");
  if (unknown !== undefined) return refused(unknown);
  const lookbackDays = options.lookbackDays ?? DEFAULT_LOOKBACK_DAYS;
  const window = returnWindow(history, exposure.symbols, lookbackDays, options.asOf);
  if (window.days < MIN_OBSERVATIONS) {
    return refused(
      insufficientWindow("risk decomposition", MIN_OBSERVATIONS, window, {
        history,
        symbols: exposure.symbols,
        lookbackDays,
        asOf: options.asOf,
      }),
    );
  }
  const n = exposure.symbols.length;
  const { days, returns } = window;
  const gross = exposure.gross.toNumber();
  const weights = exposure.floatValues.map((v) => v / gross);
  const book = new Float64Array(days);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < days; t++)
      book[t] = (book[t] as number) + (weights[i] as number) * (returns[i * days + t] as number);
  }

  // Map the kept dates back to history indices for the cross-section.
  const end = endIndex(history, options.asOf);
  const indexOf = new Map<string, number>();
  for (let t = 0; t <= end; t++) indexOf.set(history.dates[t] as string, t);
  const factors = factorReturns(
    history,
    window.dates.map((date) => indexOf.get(date) as number),
  );
  const market = factors.returns.get("market") as Float64Array;

  const root = Math.sqrt(PERIODS_PER_YEAR);
  const total = meanVariance(book, 1);
  const marketFit = ordinaryLeastSquares(book, [market]);
  const beta = marketFit.coefficients[1] as number;
  const systematicVariance = beta * beta * meanVariance(market, 1).variance;
  const idiosyncraticVariance = Math.max(0, total.variance - systematicVariance);

  const named = [...factors.returns.entries()];
  const factorFit = ordinaryLeastSquares(
    book,
    named.map(([, series]) => series),
  );

  // (S w)_i = cov(r_i, r_p) from the centred series, O(n days): no n x n covariance needed.
  const { centred } = centreSeries(returns, n, days);
  const bookCentred = book.map((r) => r - total.mean);
  const sv = weights.map((_, i) => dot(centred, i * days, bookCentred, 0, days) / (days - 1));
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (weights[i] as number) * (sv[i] as number);
  const sectorOf = new Map(positions.map((p) => [p.symbol, p.sector ?? "Unknown"]));
  const sectors = new Map<string, SectorContribution>();
  exposure.symbols.forEach((symbol, i) => {
    const sector = sectorOf.get(symbol) as string;
    const entry = sectors.get(sector) ?? { sector, weight: 0, riskContribution: 0 };
    entry.weight += weights[i] as number;
    entry.riskContribution +=
      variance > 0 ? ((weights[i] as number) * (sv[i] as number)) / variance : Math.abs(weights[i] as number);
    sectors.set(sector, entry);
  });

  let hhi = 0;
  for (const w of weights) hhi += w * w;
  return {
    ok: true,
    value: {
      totalRisk: Math.sqrt(total.variance) * root,
      systematicRisk: Math.sqrt(systematicVariance) * root,
      idiosyncraticRisk: Math.sqrt(idiosyncraticVariance) * root,
      beta,
      rSquared: marketFit.rSquared,
      sectorContributions: [...sectors.values()],
      factorExposures: named.map(([factor], j) => ({
        factor,
        exposure: factorFit.coefficients[j + 1] as number,
      })),
      factorIntercept: factorFit.coefficients[0] as number,
      factorRSquared: factorFit.rSquared,
      unavailableFactors: factors.unavailable,
      concentration: { hhi, effectiveNumber: 1 / hhi },
      observations: days,
      excluded: window.excluded,
    },
  };
}
