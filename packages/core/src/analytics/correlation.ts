/**
 * Correlation matrix of daily returns over a lookback.
 *
 * Missing data is handled pairwise-complete: each pair uses the days on which BOTH symbols have a clean
 * return (missing closes and |r| > 40 % returns are not clean, see history.ts, and are reported): every
 * series is centred once, one pass of cross products covers all pairs (linalg.ts lowerGram), and each
 * pair only corrects for its gaps (pairCorrelation). That keeps every observation but can make the matrix indefinite, which a Monte Carlo (Cholesky) cannot use;
 * such a matrix is repaired by eigenvalue clipping: negative eigenvalues set to zero, then the diagonal
 * rescaled back to one (Rousseeuw & Molenberghs 1993, "Transformation of non positive semidefinite
 * correlation matrices"; Rebonato & Jaeckel 1999). The eigenvectors come from Jacobi rotations.
 * A pair with fewer than 2 common days, or a symbol that never moves, has no defined correlation: it is
 * set to 0 (no evidence of co-movement) and listed in `undefinedPairs`. A symbol the history does not have,
 * or one listed twice, is refused: a user's typo should not read as a row of zero correlations.
 */
import { DEFAULT_LOOKBACK_DAYS, spanReturns } from "./history";
import { checkDate, checkKnownSymbols, checkLookback } from "./inputs";
import { choleskyFactor, lowerGram, symmetricEigen } from "./linalg";
import { invalidInput, refused } from "./types";
import type { AnalyticsError, ExcludedReturn, Outcome, PriceHistory } from "./types";

export class CorrelationMatrix {
  private readonly index: ReadonlyMap<string, number>;

  constructor(
    readonly symbols: readonly string[],
    /** Row-major n x n, symmetric, unit diagonal, positive semi-definite. */
    readonly values: Float64Array,
    /** Common clean days behind each entry (row-major n x n). */
    readonly observations: Int32Array,
    /** True when pairwise estimates were indefinite and eigenvalue clipping was applied. */
    readonly repaired: boolean,
    readonly undefinedPairs: readonly (readonly [string, string])[],
    readonly excluded: readonly ExcludedReturn[],
  ) {
    this.index = new Map(symbols.map((symbol, i) => [symbol, i]));
  }

  get size(): number {
    return this.symbols.length;
  }

  getCorrelation(a: string, b: string): number {
    return this.values[this.position(a) * this.size + this.position(b)] as number;
  }

  private position(symbol: string): number {
    const i = this.index.get(symbol);
    if (i === undefined) throw new RangeError(`${symbol} is not in this correlation matrix`);
    return i;
  }
}

export interface CorrelationOptions {
  lookbackDays?: number;
  asOf?: string;
}

interface Centred {
  /** Days without a clean return, ascending. */
  missing: number[];
  /** Where the series' deviations from the mean of its present days start in the shared buffer (0 on missing days). */
  start: number;
  /** Sums of the deviations (about 0) and of their squares, over the present days, and their count. */
  sum: number;
  squares: number;
  days: number;
}

/**
 * Centres the series at series[start, start + length) on its own present days, in place: its returns
 * become their deviations from that mean, 0 on missing days (plain loops on the window's one buffer: 50
 * symbols x 252 days per matrix, no copies).
 */
function centre(series: Float64Array, start: number, length: number): Centred {
  const missing: number[] = [];
  let total = 0;
  for (let t = 0; t < length; t++) {
    const r = series[start + t] as number;
    if (Number.isNaN(r)) missing.push(t);
    else total += r;
  }
  const days = length - missing.length;
  // A plain sum, not a compensated one: the mean is only the shift of the shifted-data form below, which
  // is exact whatever the shift (its rounding error is corrected by the deviations' own sum); nor has a
  // sum of squares any cancellation to compensate.
  const mean = total / days;
  let sum = 0;
  let squares = 0;
  for (let t = 0; t < length; t++) {
    const r = series[start + t] as number;
    const d = Number.isNaN(r) ? 0 : r - mean;
    series[start + t] = d;
    sum += d;
    squares += d * d;
  }
  return { missing, start, sum, squares, days };
}

/**
 * Pearson correlation over the days both series are present, from the series centred on their own
 * means (the "shifted data" form of Chan, Golub & LeVeque 1983, stable because those means are close to
 * the pair's). Deviations are 0 on a series' missing days, so the cross product over all days already
 * is the one over the common days; each side's sums only lose the days the OTHER series misses. A pair
 * costs its entry of the cross products plus its gaps. NaN when undefined (no common day, a flat series).
 */
function pairCorrelation(
  p: Centred,
  q: Centred,
  deviations: Float64Array,
  crossProducts: number,
): { r: number; days: number } {
  const x = restrictTo(p, deviations, q.missing);
  const y = restrictTo(q, deviations, p.missing);
  const covariance = crossProducts - (x.sum * y.sum) / x.days;
  const r =
    covariance / Math.sqrt((x.squares - (x.sum * x.sum) / x.days) * (y.squares - (y.sum * y.sum) / y.days));
  return { r, days: x.days };
}

/** A series' sums over its present days minus the days in `gaps` (both day lists ascending). */
function restrictTo(
  series: Centred,
  deviations: Float64Array,
  gaps: readonly number[],
): { sum: number; squares: number; days: number } {
  // Most series miss no day: their own sums serve as they are.
  if (gaps.length === 0) return series;
  let { sum, squares, days } = series;
  const own = series.missing;
  let k = 0;
  for (const t of gaps) {
    while (k < own.length && (own[k] as number) < t) k++;
    // A day the series misses too was never in its sums.
    if (own[k] === t) continue;
    const d = deviations[series.start + t] as number;
    sum -= d;
    squares -= d * d;
    days--;
  }
  return { sum, squares, days };
}

function checkRequest(
  history: PriceHistory,
  symbols: readonly string[],
  options: CorrelationOptions,
): AnalyticsError | undefined {
  const repeated = symbols.find((symbol, i) => symbols.indexOf(symbol) !== i);
  if (repeated !== undefined) return invalidInput("symbols", `${repeated} is listed twice`);
  return (
    checkLookback(options.lookbackDays) ??
    checkDate("asOf", options.asOf) ??
    checkKnownSymbols(history, symbols, "symbols")
  );
}

export function calculateCorrelationMatrix(
  history: PriceHistory,
  symbols: readonly string[],
  options: CorrelationOptions = {},
): Outcome<CorrelationMatrix> {
  const refusal = checkRequest(history, symbols, options);
  if (refusal !== undefined) return refused(refusal);
  const n = symbols.length;
  const { span, returns, excluded } = spanReturns(
    history,
    symbols,
    options.lookbackDays ?? DEFAULT_LOOKBACK_DAYS,
    options.asOf,
  );
  // The window's returns become their deviations (centre works in place).
  const prepared = symbols.map((_, i) => centre(returns, i * span, span));
  // The cross products' lower triangle becomes the correlations in place (entry (i, j) is read once,
  // before (i, j) and its mirror (j, i) above the diagonal are written).
  const values = lowerGram(returns, n, span);
  const observations = new Int32Array(n * n);
  const undefinedPairs: [string, string][] = [];
  for (let i = 0; i < n; i++) {
    const p = prepared[i] as Centred;
    for (let j = 0; j <= i; j++) {
      const q = prepared[j] as Centred;
      const estimate = pairCorrelation(p, q, returns, values[i * n + j] as number);
      let r = Math.min(1, Math.max(-1, estimate.r));
      if (Number.isNaN(estimate.r)) {
        if (i !== j) undefinedPairs.push([symbols[j] as string, symbols[i] as string]);
        r = 0;
      }
      values[i * n + j] = r;
      values[j * n + i] = r;
      observations[i * n + j] = estimate.days;
      observations[j * n + i] = estimate.days;
    }
    values[i * n + i] = 1;
  }
  // Series without gaps give a Gram matrix, positive semi-definite by construction: only pairwise
  // estimates over different days need the check (a Cholesky factorization) and perhaps the repair.
  const complete = prepared.every((series) => series.missing.length === 0);
  const repaired = !complete && choleskyFactor(values, n).indefinite;
  return {
    ok: true,
    value: new CorrelationMatrix(
      symbols,
      repaired ? repairToPositiveSemidefinite(values, n) : values,
      observations,
      repaired,
      undefinedPairs,
      excluded,
    ),
  };
}

/** Eigenvalue clipping: V max(L, 0) V^T, rescaled to a unit diagonal (see the module comment). */
export function repairToPositiveSemidefinite(matrix: Float64Array, n: number): Float64Array {
  const { values, vectors } = symmetricEigen(matrix, n);
  const clipped = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) {
        s +=
          (vectors[i * n + k] as number) * Math.max(values[k] as number, 0) * (vectors[j * n + k] as number);
      }
      clipped[i * n + j] = s;
      clipped[j * n + i] = s;
    }
  }
  const scale = Float64Array.from({ length: n }, (_, i) => 1 / Math.sqrt(clipped[i * n + i] as number));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const r = (clipped[i * n + j] as number) * (scale[i] as number) * (scale[j] as number);
      clipped[i * n + j] = r;
      clipped[j * n + i] = r;
    }
    clipped[i * n + i] = 1;
  }
  return clipped;
}
