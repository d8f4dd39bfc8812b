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
 *   (sigma^2 = v'S v for S the sample covariance); ES = -(mu - sigma phi(z)/(1-c)). With
 *   `volatility: "ewma"`, sigma is RiskMetrics' exponentially weighted one and the mean zero (ewma.ts).
 * - monte_carlo: `paths` (raised to 10,000 and rounded up to even, each said in `notes`) days r = mu + L e, e iid N(0,1) in antithetic
 *   pairs (e, -e), L the Cholesky factor of the covariance; VaR/ES as historical on the simulated P&L.
 *   The P&L v.r = v.mu + (L^T v).e, so each path costs n multiply-adds after one L^T v (the same draws,
 *   the same numbers as forming L e first).
 * - cornish_fisher: population mean, std, skewness S and excess kurtosis K of the daily P&L;
 *   h = z + (z^2-1)S/6 + (z^3-3z)K/24 - (2z^3-5z)S^2/36, VaR = -(mu + h sigma); ES = -(mu + sigma E[h(Z) | Z <= z])
 *   in closed form from the truncated normal moments (the tail mean of the same expansion), never below VaR.
 * - Input checks: an unknown method, a confidence outside (0, 1), a horizon not in HORIZON_DAYS, a bad
 *   lookback, date, money scale or path count, a book with no exposure and a symbol the history lacks are
 *   refused with an outcome naming the field or the symbols; too little history says which lookback
 *   would do (history.ts insufficientWindow).
 * - Horizons scale the one-day figures by sqrt(days) (1D=1, 1W=5, 1M=21, 3M=63, 1Y=252).
 * - Components: position i carries v_i dVaR/dv_i of the VaR (Jorion, Value at Risk, 3rd ed., ch. 7;
 *   the Euler allocation of Tasche 1999, "Risk contributions and performance measurement"): every method's
 *   VaR is homogeneous of degree 1 in the values v, so sum_i v_i dVaR/dv_i = VaR (Euler's theorem). They are
 *   split in exact money units so that they sum to the rounded VaR; `marginal` is dVaR/dv_i itself, from
 *   the unrounded VaR, times sqrt(days). Per method, with P_t = v.r_t the daily P&L:
 *   - parametric: dVaR/dv_i = -(mu_i + z (S v)_i / sigma), the gradient of -(v'mu + z sqrt(v'S v)). With a
 *     mean of zero it is Jorion's VaR (S v)_i / v'S v; with the mean in the VaR it is not (issue 14: -18 %
 *     for GE on a real book), hence the mu_i.
 *   - historical: the quantile interpolates the P&L of two days t, u with weights (1-f, f); while the
 *     days keep their ranks (everywhere but on ties) dVaR/dv_i = -((1-f) r_i,t + f r_i,u): each
 *     position's loss on the VaR days (Gourieroux, Laurent & Scaillet 2000, "Sensitivity analysis of
 *     Values at Risk", J. Empirical Finance 7).
 *   - cornish_fisher: the gradient of -(mu + h(S, K) sigma) through the co-moments of each asset with the
 *     P&L (Boudt, Peterson & Croux 2008, "Estimation and decomposition of downside risk for portfolios with
 *     non-normal returns", J. Risk 11(2)); written out in cornishFisher below.
 *   - monte_carlo: the simulated quantile moves with v through one random path's returns, so its slope is
 *     noise, not a sensitivity. The marginal is the model's: E[r_i | P = q] in the normal model at the
 *     simulated quantile q, -(mu_i + (q - v'mu) (S v)_i / v'S v) (Gourieroux et al. 2000), which tends to
 *     the parametric one as paths grow and whose Euler sum is exactly the simulated VaR.
 */
import type { Decimal } from "../money";
import { createSeededRandom } from "../random";
import type { RandomSource } from "../random";
import { ewmaParametric, RISKMETRICS_LAMBDA } from "./ewma";
import { allocate, netExposure, toMoney } from "./exposure";
import type { Exposure } from "./exposure";
import { DEFAULT_LOOKBACK_DAYS, insufficientWindow, returnWindow } from "./history";
import { checkDate, checkKnownSymbols, checkLookback } from "./inputs";
import { cholesky } from "./linalg";
import { RiskModel } from "./model";
import { fillNormals } from "./random";
import {
  meanVariance,
  normalPdf,
  normalQuantile,
  populationMoments,
  quantileAndTailMean,
  sum,
} from "./stats";
import { HORIZON_DAYS, VAR_METHODS, invalidInput, refused } from "./types";
import type {
  ComponentVaR,
  InvalidInput,
  Outcome,
  PortfolioPosition,
  PriceHistory,
  TimeHorizon,
  VaRMethod,
  VaRResult,
} from "./types";

export const MIN_MONTE_CARLO_PATHS = 10_000;
/** One request's bound: paths x positions normal draws (a million paths of 100 names take seconds). */
export const MAX_MONTE_CARLO_PATHS = 1_000_000;
/** Fewer clean days than this make moments (skewness, kurtosis) and covariances noise. */
export const MIN_OBSERVATIONS = 30;
/** Fraction digits a money figure may ask for (Decimal carries them exactly; more is noise of the floats). */
export const MAX_MONEY_SCALE = 20;
const DEFAULT_SEED = 20_150_824;

/**
 * Parametric VaR's volatility: "sample", equal weights over the lookback (ddof 1, with the mean), or
 * "ewma", RiskMetrics' exponentially weighted one (lambda 0.94, zero mean; ewma.ts).
 */
export const VOLATILITY_MODELS = ["sample", "ewma"] as const;
export type VolatilityModel = (typeof VOLATILITY_MODELS)[number];

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
  /** Monte Carlo paths (10,000 by default, raised to that, odd counts rounded up to even; see `notes`). */
  paths?: number;
  /** Monte Carlo randomness; a fixed seed by default, so results are reproducible. */
  random?: RandomSource;
  /** Parametric VaR's volatility ("sample" by default); the other methods ignore it. */
  volatility?: VolatilityModel;
  /**
   * Component VaR per position (true by default). False leaves `components` empty: a caller after the
   * figures alone (a pre-trade check, a what-if total) skips the exact money allocation, about a third
   * of a historical VaR's time on a 100-position book.
   */
  components?: boolean;
}

/** Clean days needed at confidence c: MIN_OBSERVATIONS, and enough for a loss beyond the 1-c quantile. */
export function requiredObservations(confidence: number): number {
  return Math.max(MIN_OBSERVATIONS, Math.ceil(1 / (1 - confidence) - 1e-9));
}

interface OneDayRisk {
  var: number;
  es: number;
  observations: number;
  /** dVaR/dv_i of the one-day VaR (see the module comment, per method). */
  marginals: Float64Array;
}

function historical(model: RiskModel, confidence: number): OneDayRisk {
  const { pnl, window } = model;
  const { quantile, tailMean, lower, upper, fraction } = quantileAndTailMean(pnl, 1 - confidence);
  const { days, returns } = window;
  const lowerDay = pnl.indexOf(lower);
  const upperDay = pnl.lastIndexOf(upper);
  const marginals = model.exposure.floatValues.map(
    (_, i) =>
      -(
        (1 - fraction) * (returns[i * days + lowerDay] as number) +
        fraction * (returns[i * days + upperDay] as number)
      ),
  );
  return { var: -quantile, es: -tailMean, observations: days, marginals };
}

function parametric(model: RiskModel, confidence: number): OneDayRisk {
  const { mean: mu, variance } = meanVariance(model.pnl, 1);
  const sigma = Math.sqrt(variance);
  const z = normalQuantile(1 - confidence);
  const { means, first } = model.pnlComoments();
  const days = model.window.days;
  // (S v)_i = first_i / (days - 1); at sigma = 0 the square root has no derivative, and no risk to give.
  const marginals = means.map(
    (mean, i) => -(mean + (sigma > 0 ? (z * (first[i] as number)) / (days - 1) / sigma : 0)),
  );
  return {
    var: -(mu + z * sigma),
    es: -(mu - (sigma * normalPdf(z)) / (1 - confidence)),
    observations: days,
    marginals,
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
  // Gradient (Boudt, Peterson & Croux 2008), population moments over T days: with g_k,i = mean(c_i d^k),
  // c_i and d the deviations of r_i and P from their means, dsigma = g1/sigma,
  // dS = 3 g2/sigma^3 - 3 S g1/sigma^2, dK = 4 g3/sigma^4 - 4 (K + 3) g1/sigma^2 and
  // dh = (z^2-1)/6 dS + (z^3-3z)/24 dK - (2z^3-5z) S dS/18; dVaR = -(mu_i + dh sigma + h dsigma).
  const { means, first, second, third } = model.pnlComoments();
  const days = model.window.days;
  const marginals = means.map((mean, i) => {
    if (!(sigma > 0)) return -mean;
    const g1 = (first[i] as number) / days;
    const g2 = (second[i] as number) / days;
    const g3 = (third[i] as number) / days;
    const dS = (3 * g2) / sigma ** 3 - (3 * s * g1) / sigma ** 2;
    const dK = (4 * g3) / sigma ** 4 - (4 * (k + 3) * g1) / sigma ** 2;
    const dh = ((z * z - 1) * dS) / 6 + ((z ** 3 - 3 * z) * dK) / 24 - ((2 * z ** 3 - 5 * z) * s * dS) / 18;
    return -(mean + dh * sigma + (h * g1) / sigma);
  });
  return { var: valueAtRisk, es: shortfall, observations: days, marginals };
}

function monteCarlo(model: RiskModel, confidence: number, paths: number, random: RandomSource): OneDayRisk {
  const n = model.exposure.symbols.length;
  const values = model.exposure.floatValues;
  const { covariance, means } = model.covarianceMatrix();
  const l = cholesky(covariance, n);
  const loadings = new Float64Array(n); // L^T v
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let i = j; i < n; i++) s += (values[i] as number) * (l[i * n + j] as number);
    loadings[j] = s;
  }
  let mu = 0;
  for (let i = 0; i < n; i++) mu += (values[i] as number) * (means[i] as number);
  // Antithetic pairs (e, -e): half the draws for the same number of paths, and a simulated
  // distribution that is exactly symmetric about the mean like the model's (Glasserman 2003, Monte Carlo
  // Methods in Financial Engineering, section 4.2).
  const pairs = paths / 2;
  const pnl = new Float64Array(paths);
  const draws = new Float64Array(n);
  for (let pair = 0; pair < pairs; pair++) {
    fillNormals(random, draws);
    let s = 0;
    for (let j = 0; j < n; j++) s += (loadings[j] as number) * (draws[j] as number);
    pnl[2 * pair] = mu + s;
    pnl[2 * pair + 1] = mu - s;
  }
  const { quantile, tailMean } = quantileAndTailMean(pnl, 1 - confidence);
  const days = model.window.days;
  const sv = model.pnlComoments().first.map((c) => c / (days - 1)); // S v
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (values[i] as number) * (sv[i] as number);
  const marginals = means.map(
    (mean, i) => -(mean + (variance > 0 ? ((quantile - mu) * (sv[i] as number)) / variance : 0)),
  );
  return { var: -quantile, es: -tailMean, observations: paths, marginals };
}

function oneDayRisk(
  method: VaRMethod,
  model: RiskModel,
  confidence: number,
  paths: number,
  random: RandomSource | undefined,
  volatility: VolatilityModel,
): OneDayRisk {
  switch (method) {
    case "historical":
      return historical(model, confidence);
    case "parametric":
      return volatility === "ewma" ? ewmaParametric(model, confidence) : parametric(model, confidence);
    case "cornish_fisher":
      return cornishFisher(model, confidence);
    case "monte_carlo":
      return monteCarlo(model, confidence, paths, random ?? createSeededRandom(DEFAULT_SEED));
  }
}

/** Euler contributions v_i dVaR/dv_i, in money units that sum exactly to the rounded `total`. */
function components(
  exposure: Exposure,
  risk: OneDayRisk,
  root: number,
  total: Decimal,
  scale: number,
): ComponentVaR[] {
  const contributions = exposure.floatValues.map((v, i) => v * (risk.marginals[i] as number));
  const contributed = sum(contributions);
  const parts = allocate(total, contributions, scale);
  return exposure.symbols.map((symbol, i) => ({
    symbol,
    value: exposure.values[i] as Decimal,
    marginal: (risk.marginals[i] as number) * root,
    component: parts[i] as Decimal,
    share: total.isZero() ? 0 : (contributions[i] as number) / contributed,
  }));
}

/** The Monte Carlo path count actually run (the minimum, even) and what was changed to get there. */
function monteCarloPaths(requested: number | undefined): { paths: number; notes: string[] } {
  const paths = 2 * Math.ceil(Math.max(MIN_MONTE_CARLO_PATHS, requested ?? 0) / 2);
  if (requested === undefined || requested === paths) return { paths, notes: [] };
  const change =
    requested < MIN_MONTE_CARLO_PATHS
      ? `raised to the minimum of ${MIN_MONTE_CARLO_PATHS}`
      : `rounded up to ${paths} (antithetic pairs)`;
  return { paths, notes: [`paths: ${requested} requested, ${change}`] };
}

/** The first option outside its domain, named; undefined when every one is fine. */
function checkOptions(methods: readonly VaRMethod[], options: VaROptions): InvalidInput | undefined {
  const { confidence, horizon, moneyScale, paths } = options;
  const method = methods.find((m) => !VAR_METHODS.includes(m));
  if (method !== undefined) {
    return invalidInput("method", `must be one of ${VAR_METHODS.join(", ")}, got "${method}"`);
  }
  if (!(typeof confidence === "number" && confidence > 0 && confidence < 1)) {
    return invalidInput("confidence", `must be strictly between 0 and 1, got ${confidence}`);
  }
  if (horizon !== undefined && !Object.hasOwn(HORIZON_DAYS, horizon)) {
    const known = `${Object.keys(HORIZON_DAYS).join(", ")} (${Object.values(HORIZON_DAYS).join(", ")} trading days)`;
    return invalidInput("horizon", `must be one of ${known}, got "${horizon}"`);
  }
  if (
    moneyScale !== undefined &&
    !(Number.isInteger(moneyScale) && moneyScale >= 0 && moneyScale <= MAX_MONEY_SCALE)
  ) {
    return invalidInput(
      "moneyScale",
      `must be a whole number of fraction digits 0-${MAX_MONEY_SCALE}, got ${moneyScale}`,
    );
  }
  if (paths !== undefined && !(Number.isInteger(paths) && paths >= 1 && paths <= MAX_MONTE_CARLO_PATHS)) {
    return invalidInput("paths", `must be a whole number 1-${MAX_MONTE_CARLO_PATHS}, got ${paths}`);
  }
  if (options.volatility !== undefined && !VOLATILITY_MODELS.includes(options.volatility)) {
    return invalidInput(
      "volatility",
      `must be one of ${VOLATILITY_MODELS.join(", ")}, got "${options.volatility}"`,
    );
  }
  return checkLookback(options.lookbackDays) ?? checkDate("asOf", options.asOf);
}

/** VaR and ES of `positions` by each of `methods`, sharing one risk model (the costly part). */
export function calculateVaRs(
  positions: readonly PortfolioPosition[],
  history: PriceHistory,
  methods: readonly VaRMethod[],
  options: VaROptions,
): Outcome<VaRResult[]> {
  const invalid = checkOptions(methods, options);
  if (invalid !== undefined) return refused(invalid);
  const exposure = netExposure(positions);
  if ("kind" in exposure) return refused(exposure);
  const unknown = checkKnownSymbols(history, exposure.symbols, "positions");
  if (unknown !== undefined) return refused(unknown);
  const { confidence, asOf } = options;
  const lookbackDays = options.lookbackDays ?? DEFAULT_LOOKBACK_DAYS;
  const window = returnWindow(history, exposure.symbols, lookbackDays, asOf);
  const needed = requiredObservations(confidence);
  if (window.days < needed) {
    return refused(
      insufficientWindow(`VaR at ${confidence} confidence`, needed, window, {
        history,
        symbols: exposure.symbols,
        lookbackDays,
        asOf,
      }),
    );
  }
  const model = new RiskModel(exposure, window);
  const horizon = options.horizon ?? "1D";
  const horizonDays = HORIZON_DAYS[horizon];
  const root = Math.sqrt(horizonDays);
  const scale = options.moneyScale ?? 2;
  const gross = exposure.gross.toNumber();
  const { paths, notes } = monteCarloPaths(options.paths);
  const volatility = options.volatility ?? "sample";
  const methodNotes = (method: VaRMethod): string[] => {
    if (method === "monte_carlo") return notes;
    if (method === "parametric" && volatility === "ewma") {
      return [`volatility: EWMA (RiskMetrics), lambda ${RISKMETRICS_LAMBDA}, zero mean`];
    }
    return [];
  };
  const results = methods.map((method): VaRResult => {
    const risk = oneDayRisk(method, model, confidence, paths, options.random, volatility);
    const total = toMoney(risk.var * root, scale);
    return {
      method,
      confidence,
      horizon,
      horizonDays,
      var: total,
      expectedShortfall: toMoney(risk.es * root, scale),
      varFraction: (risk.var * root) / gross,
      esFraction: (risk.es * root) / gross,
      portfolioValue: exposure.net,
      grossExposure: exposure.gross,
      observations: risk.observations,
      components: options.components === false ? [] : components(exposure, risk, root, total, scale),
      excluded: window.excluded,
      notes: methodNotes(method),
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
