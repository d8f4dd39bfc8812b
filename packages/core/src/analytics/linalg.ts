/**
 * Dense linear algebra on row-major Float64Array matrices (n x n), sized for portfolios and factor
 * models (tens to a few hundred rows). See stats.ts for the `as number` indexing note.
 */
import { NeumaierSum, sum as compensatedTotal } from "./stats";

/**
 * Compensated dot product of a[aStart, aStart + length) and b[bStart, bStart + length): the hot loop of
 * covariances and correlations (n^2/2 pairs x days). Knuth's branch-free TwoSum keeps each addition's
 * rounding error and the errors are summed alongside; two independent chains (even and odd terms) let the
 * CPU overlap their additions.
 */
export function dot(
  a: Float64Array,
  aStart: number,
  b: Float64Array,
  bStart: number,
  length: number,
): number {
  let even = 0;
  let odd = 0;
  let error = 0;
  let t = 0;
  for (; t + 1 < length; t += 2) {
    const x = (a[aStart + t] as number) * (b[bStart + t] as number);
    const y = (a[aStart + t + 1] as number) * (b[bStart + t + 1] as number);
    const nextEven = even + x;
    const nextOdd = odd + y;
    const virtualEven = nextEven - even;
    const virtualOdd = nextOdd - odd;
    error +=
      even - (nextEven - virtualEven) + (x - virtualEven) + (odd - (nextOdd - virtualOdd) + (y - virtualOdd));
    even = nextEven;
    odd = nextOdd;
  }
  // The odd term out (0 for an even length) and the two chains, each with its error.
  const last = t < length ? (a[aStart + t] as number) * (b[bStart + t] as number) : 0;
  return compensatedTotal([even, odd, last]) + error;
}

/**
 * The lower triangle (j <= i) of X X^T for X the n rows of `length` stored one after another: the cross
 * products of every pair of rows, for a correlation matrix. Plain sums, not compensated ones (dot above):
 * on centred rows the rounding error of a correlation built from them is at most about length x eps in
 * absolute value (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., section 3.1), 6e-14 for
 * a year of days, and the compensation tripled the matrix's time (issue 14: corr50 within 5x of numpy).
 * Rows are taken in 2 x 4 blocks (register blocking, as BLAS does), which keeps the loop bound by
 * multiply-adds rather than by loads.
 */
export function lowerGram(rows: Float64Array, n: number, length: number): Float64Array {
  const gram = new Float64Array(n * n);
  let i = 0;
  // Two rows i, i + 1 against four rows j at a time: eight independent sums from six loads a day.
  for (; i + 1 < n; i += 2) {
    const a0 = i * length;
    const a1 = a0 + length;
    let j = 0;
    for (; j + 3 <= i; j += 4) {
      const b0 = j * length;
      const b1 = b0 + length;
      const b2 = b1 + length;
      const b3 = b2 + length;
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      for (let t = 0; t < length; t++) {
        const x0 = rows[a0 + t] as number;
        const x1 = rows[a1 + t] as number;
        const y0 = rows[b0 + t] as number;
        const y1 = rows[b1 + t] as number;
        const y2 = rows[b2 + t] as number;
        const y3 = rows[b3 + t] as number;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
      }
      const r0 = i * n + j;
      const r1 = r0 + n;
      gram[r0] = s00;
      gram[r0 + 1] = s01;
      gram[r0 + 2] = s02;
      gram[r0 + 3] = s03;
      gram[r1] = s10;
      gram[r1 + 1] = s11;
      gram[r1 + 2] = s12;
      gram[r1 + 3] = s13;
    }
    for (; j <= i; j++) {
      gram[i * n + j] = dotPlain(rows, a0, j * length, length);
      gram[(i + 1) * n + j] = dotPlain(rows, a1, j * length, length);
    }
    gram[(i + 1) * n + i + 1] = dotPlain(rows, a1, a1, length);
  }
  if (i < n) {
    for (let j = 0; j <= i; j++) gram[i * n + j] = dotPlain(rows, i * length, j * length, length);
  }
  return gram;
}

/** Plain dot product of two rows of `rows`. */
function dotPlain(rows: Float64Array, a: number, b: number, length: number): number {
  let s = 0;
  for (let t = 0; t < length; t++) s += (rows[a + t] as number) * (rows[b + t] as number);
  return s;
}

/** Means of n series stored one after another (series i at [i*length, (i+1)*length)), and the series minus them. */
export function centreSeries(
  series: Float64Array,
  n: number,
  length: number,
): { means: Float64Array; centred: Float64Array } {
  const means = new Float64Array(n);
  const centred = new Float64Array(n * length);
  const acc = new NeumaierSum();
  for (let i = 0; i < n; i++) {
    acc.reset();
    for (let t = 0; t < length; t++) acc.add(series[i * length + t] as number);
    const mu = acc.value / length;
    means[i] = mu;
    for (let t = 0; t < length; t++) centred[i * length + t] = (series[i * length + t] as number) - mu;
  }
  return { means, centred };
}

/**
 * Sample covariance (ddof 1) of n series stored one after another, centred first; each entry is a
 * compensated dot product. Returns the means too.
 */
export function covarianceMatrix(
  series: Float64Array,
  n: number,
  length: number,
): { covariance: Float64Array; means: Float64Array } {
  const { means, centred } = centreSeries(series, n, length);
  const covariance = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const c = dot(centred, i * length, centred, j * length, length) / (length - 1);
      covariance[i * n + j] = c;
      covariance[j * n + i] = c;
    }
  }
  return { covariance, means };
}

/**
 * Lower Cholesky factor L (A = L L^T) of a positive SEMI-definite matrix. A pivot that is zero up to
 * rounding (n * eps * the largest diagonal) zeroes its column instead of failing: a redundant asset (a
 * duplicate series, more assets than days) then simply adds no new direction of risk. `indefinite` says a
 * pivot was clearly negative, or zero with a non-zero column below it: the input was not PSD and must be
 * repaired (correlation.ts) before its factor means anything.
 */
export function choleskyFactor(a: Float64Array, n: number): { factor: Float64Array; indefinite: boolean } {
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, a[i * n + i] as number);
  const tolerance = n * Number.EPSILON * largest;
  const l = new Float64Array(n * n);
  let indefinite = false;
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j] as number;
    for (let k = 0; k < j; k++) d -= (l[j * n + k] as number) ** 2;
    if (d <= tolerance) {
      // A PSD matrix with a zero pivot has a zero column in its Schur complement; anything else (or a
      // clearly negative pivot) means the input was indefinite.
      indefinite ||= d < -1e-10 * largest || schurColumnIsNonZero(a, l, n, j, 1e-8 * largest);
      continue;
    }
    const pivot = Math.sqrt(d);
    l[j * n + j] = pivot;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j] as number;
      for (let k = 0; k < j; k++) s -= (l[i * n + k] as number) * (l[j * n + k] as number);
      l[i * n + j] = s / pivot;
    }
  }
  return { factor: l, indefinite };
}

function schurColumnIsNonZero(
  a: Float64Array,
  l: Float64Array,
  n: number,
  j: number,
  tolerance: number,
): boolean {
  for (let i = j + 1; i < n; i++) {
    let s = a[i * n + j] as number;
    for (let k = 0; k < j; k++) s -= (l[i * n + k] as number) * (l[j * n + k] as number);
    if (Math.abs(s) > tolerance) return true;
  }
  return false;
}

export function cholesky(a: Float64Array, n: number): Float64Array {
  return choleskyFactor(a, n).factor;
}

/**
 * Solves A x = b for a symmetric positive semi-definite A through its Cholesky factor; directions with a
 * zero pivot (collinear regressors) get a zero coefficient.
 */
export function solveSymmetric(a: Float64Array, b: Float64Array): Float64Array {
  const n = b.length;
  const l = cholesky(a, n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * n + k] as number) * (y[k] as number);
    const pivot = l[i * n + i] as number;
    y[i] = pivot > 0 ? s / pivot : 0;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i] as number;
    for (let k = i + 1; k < n; k++) s -= (l[k * n + i] as number) * (x[k] as number);
    const pivot = l[i * n + i] as number;
    x[i] = pivot > 0 ? s / pivot : 0;
  }
  return x;
}

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations (Golub & Van Loan, Matrix
 * Computations, 4th ed., section 8.5): slow for big n but unconditionally accurate, and the matrices here
 * are small. Returns eigenvalues and the eigenvectors as the columns of a row-major matrix.
 */
export function symmetricEigen(
  matrix: Float64Array,
  n: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let offDiagonal = 0;
    let diagonal = 0;
    for (let i = 0; i < n; i++) {
      diagonal += (a[i * n + i] as number) ** 2;
      for (let j = i + 1; j < n; j++) offDiagonal += (a[i * n + j] as number) ** 2;
    }
    if (offDiagonal <= 1e-30 * diagonal) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] as number;
        if (apq === 0) continue;
        // The rotation angle that zeroes a[p][q], in the stable form of Rutishauser.
        const theta = ((a[q * n + q] as number) - (a[p * n + p] as number)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p] as number;
          const akq = a[k * n + q] as number;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k] as number;
          const aqk = a[q * n + k] as number;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number;
          const vkq = v[k * n + q] as number;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i] as number;
  return { values, vectors: v };
}
