/**
 * Value at Risk and expected shortfall, four ways, on today's positions and the price history.
 *
 * Conventions (issue 5; the API docs repeat them):
 * - Scenario returns are the listwise-clean daily returns of the lookback (history.ts: missing closes and
 *   |r| > 40 % days are left out and listed in `excluded`). A position's P&L under return r is
 *   quantity x price x r: full revaluation of a linear position.
 * - VaR and ES are positive losses, in money (Decimal, `moneyScale` digits, half-even) and as a fraction
 *   of gross exposure. A negative VaR means even the tail quantile is a gain.
 * - historical: VaR = -quantile(P&L, 1-c), linear interpolation (numpy's default); ES = -mean of the P&L
 *   at or below that quantile.
 * - parametric: VaR = -(mu + z sigma), z = Phi^-1(1-c), mu and sigma (ddof 1) of the portfolio's daily P&L
 *   from the sample covariance; ES = -(mu - sigma phi(z)/(1-c)).
 * - monte_carlo: `paths` (>= 10,000, rounded up to even) days r = mu + L e, e iid N(0,1) in antithetic
 *   pairs (e, -e), L the Cholesky factor of the covariance; VaR/ES as historical on the simulated P&L.
 *   The P&L v.r = v.mu + (L^T v).e, so each path costs n multiply-adds after one L^T v (the same draws,
 *   the same numbers as forming L e first).
 * - cornish_fisher: population mean, std, skewness S and excess kurtosis K of the daily P&L;
 *   h = z + (z^2-1)S/6 + (z^3-3z)K/24 - (2z^3-5z)S^2/36, VaR = -(mu + h sigma); ES = -(mu + sigma E[h(Z) | Z <= z])
 *   in closed form from the truncated normal moments (the tail mean of the same expansion), never below VaR.
 * - Horizons scale the one-day figures by sqrt(days) (1D=1, 1W=5, 1M=21, 3M=63, 1Y=252).
 * - Components (Jorion, Value at Risk, 3rd ed., ch. 7): position i carries the share v_i (S v)_i / v'S v of
 *   every method's VaR (S the covariance), split in exact money units so components sum to the VaR.
 */
import type { Decimal } from "../money.js";
import { allocate, netExposure, toMoney } from "./exposure.js";
import type { Exposure } from "./exposure.js";
import { returnWindow } from "./history.js";
import type { ReturnWindow } from "./history.js";
import { cholesky, covarianceMatrix, multiply } from "./linalg.js";
import { createSeededRandom } from "../random.js";
import type { RandomSource } from "../random.js";
import { fillNormals } from "./random.js";
import { normalPdf, normalQuantile, populationMoments, quantileAndTailMean } from "./stats.js";
import { HORIZON_DAYS, insufficientHistory } from "./types.js";
import type {
  ComponentVaR,
  Outcome,
  PortfolioPosition,
  PriceHistory,
  TimeHorizon,
  VaRMethod,
  VaRResult,
} from "./types.js";

export const DEFAULT_LOOKBACK_DAYS = 252;
export const MIN_MONTE_CARLO_PATHS = 10_000;
/** Fewer clean days than this make moments (skewness, kurtosis) and covariances noise. */
export const MIN_OBSERVATIONS = 30;
const DEFAULT_SEED = 20_150_824;

export interface VaROptions {
  /** e.g. 0.95 or 0.99; strictly between 0 and 1. */
  confidence: number;
  horizon?: TimeHorizon;
  /** Trading dates in the window (252 by default); days dropped as unclean are not replaced. */
  lookbackDays?: number;
  /** Last date of the lookback (the history's last date by default). */
  asOf?: string;
  /** Fraction digits of the money figures (2 by default). */
  moneyScale?: number;
  /** Monte Carlo paths (10,000 by default, never fewer; an odd count is rounded up to even). */
  paths?: number;
  /** Monte Carlo randomness; a fixed seed by default, so results are reproducible. */
  random?: RandomSource;
}

/** Clean days needed at confidence c: MIN_OBSERVATIONS, and enough for a loss beyond the 1-c quantile. */
export function requiredObservations(confidence: number): number {
  return Math.max(MIN_OBSERVATIONS, Math.ceil(1 / (1 - confidence) - 1e-9));
}

/** Everything the four methods share: exposure, clean window, covariance, daily P&L. */
interface RiskModel {
  exposure: Exposure;
  window: ReturnWindow;
  covariance: Float64Array;
  means: Float64Array;
  /** Portfolio P&L (money) on each clean day. */
  pnl: Float64Array;
  /** S v: covariance times values. */
  covarianceTimesValues: Float64Array;
  variance: number;
}

function buildRiskModel(exposure: Exposure, window: ReturnWindow): RiskModel {
  const n = exposure.symbols.length;
  const { days, returns } = window;
  const values = exposure.floatValues;
  const { covariance, means } = covarianceMatrix(returns, n, days);
  const pnl = new Float64Array(days);
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    for (let t = 0; t < days; t++) pnl[t] = (pnl[t] as number) + v * (returns[i * days + t] as number);
  }
  const covarianceTimesValues = multiply(covariance, values);
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (values[i] as number) * (covarianceTimesValues[i] as number);
  return { exposure, window, covariance, means, pnl, covarianceTimesValues, variance };
}

interface OneDayRisk {
  var: number;
  es: number;
  observations: number;
}

function tailOfSample(pnl: Float64Array, confidence: number): OneDayRisk {
  const { quantile, tailMean } = quantileAndTailMean(pnl, 1 - confidence);
  return { var: -quantile, es: -tailMean, observations: pnl.length };
}

function portfolioMean(model: RiskModel): number {
  const values = model.exposure.floatValues;
  let mu = 0;
  for (let i = 0; i < values.length; i++) mu += (values[i] as number) * (model.means[i] as number);
  return mu;
}

function parametric(model: RiskModel, confidence: number): OneDayRisk {
  const mu = portfolioMean(model);
  const sigma = Math.sqrt(model.variance);
  const z = normalQuantile(1 - confidence);
  return {
    var: -(mu + z * sigma),
    es: -(mu - (sigma * normalPdf(z)) / (1 - confidence)),
    observations: model.window.days,
  };
}

function cornishFisher(model: RiskModel, confidence: number): OneDayRisk {
  const { mean: mu, std: sigma, skewness: s, excessKurtosis: k } = populationMoments(model.pnl);
  const alpha = 1 - confidence;
  const z = normalQuantile(alpha);
  const h = z + ((z * z - 1) * s) / 6 + ((z ** 3 - 3 * z) * k) / 24 - ((2 * z ** 3 - 5 * z) * s * s) / 36;
  // Integrals of z^m phi(z) over (-inf, z]: m=0: alpha, 1: -phi, 2: alpha - z phi, 3: -(z^2+2) phi.
  const phi = normalPdf(z);
  const i1 = -phi;
  const i2 = alpha - z * phi;
  const i3 = -(z * z + 2) * phi;
  const tailIntegral =
    i1 + ((i2 - alpha) * s) / 6 + ((i3 - 3 * i1) * k) / 24 - ((2 * i3 - 5 * i1) * s * s) / 36;
  const valueAtRisk = -(mu + h * sigma);
  // Outside its domain of validity (strong skew or negative excess kurtosis) the expansion is not
  // monotone and its tail mean can fall below its quantile (Maillard 2012, "A User's Guide to the
  // Cornish Fisher Expansion"); a shortfall below the VaR is meaningless, so it is floored there.
  const shortfall = Math.max(valueAtRisk, -(mu + (sigma * tailIntegral) / alpha));
  return { var: valueAtRisk, es: shortfall, observations: model.window.days };
}

function monteCarlo(model: RiskModel, confidence: number, paths: number, random: RandomSource): OneDayRisk {
  const n = model.exposure.symbols.length;
  const values = model.exposure.floatValues;
  const l = cholesky(model.covariance, n);
  const loadings = new Float64Array(n); // L^T v
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = j; i < n; i++) s += (values[i] as number) * (l[i * n + j] as number);
    loadings[j] = s;
  }
  const mu = portfolioMean(model);
  // Antithetic pairs (e, -e): half the draws for the same number of paths, and a simulated
  // distribution that is exactly symmetric about the mean like the model's (Glasserman 2003, Monte Carlo
  // Methods in Financial Engineering, section 4.2).
  const pairs = Math.ceil(paths / 2);
  const pnl = new Float64Array(2 * pairs);
  const draws = new Float64Array(n);
  for (let pair = 0; pair < pairs; pair++) {
    fillNormals(random, draws);
    let s = 0;
    for (let j = 0; j < n; j++) s += (loadings[j] as number) * (draws[j] as number);
    pnl[2 * pair] = mu + s;
    pnl[2 * pair + 1] = mu - s;
  }
  return tailOfSample(pnl, confidence);
}

function oneDayRisk(method: VaRMethod, model: RiskModel, options: VaROptions): OneDayRisk {
  switch (method) {
    case "historical":
      return tailOfSample(model.pnl, options.confidence);
    case "parametric":
      return parametric(model, options.confidence);
    case "cornish_fisher":
      return cornishFisher(model, options.confidence);
    case "monte_carlo":
      return monteCarlo(
        model,
        options.confidence,
        Math.max(MIN_MONTE_CARLO_PATHS, options.paths ?? MIN_MONTE_CARLO_PATHS),
        options.random ?? createSeededRandom(DEFAULT_SEED),
      );
  }
}

function components(model: RiskModel, total: Decimal, scale: number): ComponentVaR[] {
  const { exposure, covarianceTimesValues, variance } = model;
  const n = exposure.symbols.length;
  const gross = exposure.gross.toNumber();
  const totalFloat = total.toNumber();
  // Zero portfolio variance (constant prices): no direction of risk to allocate along; split by size.
  const shares = Float64Array.from({ length: n }, (_, i) =>
    variance > 0
      ? ((exposure.floatValues[i] as number) * (covarianceTimesValues[i] as number)) / variance
      : Math.abs(exposure.floatValues[i] as number) / gross,
  );
  const parts = allocate(total, shares, scale);
  return exposure.symbols.map((symbol, i) => ({
    symbol,
    value: exposure.values[i] as Decimal,
    marginal: variance > 0 ? (totalFloat * (covarianceTimesValues[i] as number)) / variance : 0,
    component: parts[i] as Decimal,
    share: totalFloat === 0 ? 0 : (shares[i] as number),
  }));
}

function validate(options: VaROptions): void {
  if (!(options.confidence > 0 && options.confidence < 1)) {
    throw new RangeError(`confidence must be strictly between 0 and 1, got ${options.confidence}`);
  }
}

/** VaR and ES of `positions` by each of `methods`, sharing one risk model (the costly part). */
export function calculateVaRs(
  positions: readonly PortfolioPosition[],
  history: PriceHistory,
  methods: readonly VaRMethod[],
  options: VaROptions,
): Outcome<VaRResult[]> {
  validate(options);
  const exposure = netExposure(positions);
  const window = returnWindow(
    history,
    exposure.symbols,
    options.lookbackDays ?? DEFAULT_LOOKBACK_DAYS,
    options.asOf,
  );
  const needed = requiredObservations(options.confidence);
  if (window.days < needed) {
    return {
      ok: false,
      error: insufficientHistory(
        needed,
        window.days,
        `VaR of ${exposure.symbols.join(", ")} at ${options.confidence}`,
      ),
    };
  }
  const model = buildRiskModel(exposure, window);
  const horizon = options.horizon ?? "1D";
  const horizonDays = HORIZON_DAYS[horizon];
  const scale = options.moneyScale ?? 2;
  const gross = exposure.gross.toNumber();
  const results = methods.map((method): VaRResult => {
    const risk = oneDayRisk(method, model, options);
    const root = Math.sqrt(horizonDays);
    const total = toMoney(risk.var * root, scale);
    const shortfall = toMoney(risk.es * root, scale);
    return {
      method,
      confidence: options.confidence,
      horizon,
      horizonDays,
      var: total,
      expectedShortfall: shortfall,
      varFraction: (risk.var * root) / gross,
      esFraction: (risk.es * root) / gross,
      portfolioValue: exposure.net,
      grossExposure: exposure.gross,
      observations: risk.observations,
      components: components(model, total, scale),
      excluded: window.excluded,
    };
  });
  return { ok: true, value: results };
}

/** VaR and ES of `positions` by one method. */
export function calculateVaR(
  positions: readonly PortfolioPosition[],
  history: PriceHistory,
  options: VaROptions & { method: VaRMethod },
): Outcome<VaRResult> {
  const outcome = calculateVaRs(positions, history, [options.method], options);
  return outcome.ok ? { ok: true, value: outcome.value[0] as VaRResult } : outcome;
}

export interface MarginalVaR {
  before: VaRResult;
  after: VaRResult;
  /** after.var - before.var: the VaR the trade adds (negative when it hedges). */
  change: Decimal;
}

/**
 * Incremental VaR of a trade: the portfolio's VaR with `trade` (a signed quantity at a price; negative
 * removes or shorts) minus its VaR now, by full recomputation with the same method and options (and,
 * for Monte Carlo, the same seed - pass a fresh `random` per call if you inject one).
 */
export function marginalVaR(
  positions: readonly PortfolioPosition[],
  trade: PortfolioPosition,
  history: PriceHistory,
  options: VaROptions & { method: VaRMethod },
): Outcome<MarginalVaR> {
  const before = calculateVaR(positions, history, options);
  if (!before.ok) return before;
  const after = calculateVaR([...positions, trade], history, options);
  if (!after.ok) return after;
  return {
    ok: true,
    value: { before: before.value, after: after.value, change: after.value.var.minus(before.value.var) },
  };
}
