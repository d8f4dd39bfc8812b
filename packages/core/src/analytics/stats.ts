/**
 * Statistics kernels on Float64Array. Sums are compensated (Neumaier's improvement of Kahan summation,
 * Neumaier 1974, "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher Summen"), so a mean of
 * 1,260 daily returns carries no visible accumulation error.
 *
 * Indexing note for the whole folder: `a[i] as number` reads an index that the loop bounds keep in range;
 * the cast only answers `noUncheckedIndexedAccess`, which cannot see the bound.
 */

/** Running compensated sum: add values, read `value`. */
export class NeumaierSum {
  private sum = 0;
  private compensation = 0;

  add(x: number): void {
    const t = this.sum + x;
    // Whichever operand is larger in magnitude keeps its digits; recover the low-order part of the other.
    this.compensation += Math.abs(this.sum) >= Math.abs(x) ? this.sum - t + x : x - t + this.sum;
    this.sum = t;
  }

  get value(): number {
    return this.sum + this.compensation;
  }

  reset(): void {
    this.sum = 0;
    this.compensation = 0;
  }
}

/**
 * NeumaierSum.add on the k-th of many sums at once, each kept as a value and its error in two arrays (the
 * total is sums[k] + errors[k]): for loops that fill a whole series of sums in one pass.
 */
export function addCompensated(sums: Float64Array, errors: Float64Array, k: number, x: number): void {
  const sum = sums[k] as number;
  const next = sum + x;
  errors[k] = (errors[k] as number) + (Math.abs(sum) >= Math.abs(x) ? sum - next + x : x - next + sum);
  sums[k] = next;
}

/** Compensated sum of all values (NaN propagates: callers filter first). */
export function sum(values: ArrayLike<number>): number {
  const acc = new NeumaierSum();
  for (let i = 0; i < values.length; i++) acc.add(values[i] as number);
  return acc.value;
}

export function mean(values: ArrayLike<number>): number {
  return sum(values) / values.length;
}

/** Mean and the ddof-corrected variance, two passes (centred second pass is the stable form). */
export function meanVariance(values: ArrayLike<number>, ddof: 0 | 1): { mean: number; variance: number } {
  const mu = mean(values);
  const acc = new NeumaierSum();
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] as number) - mu;
    acc.add(d * d);
  }
  return { mean: mu, variance: acc.value / (values.length - ddof) };
}

/** The finite values of a series, in order (NaN = a missing observation). */
export function finite(values: Float64Array): Float64Array {
  return values.filter((x) => Number.isFinite(x));
}

/**
 * Rearranges `a` so that a[k] is its k-th smallest value, everything before it <= a[k] and everything
 * after >= a[k] (Hoare's selection, "FIND", CACM 1961): expected O(n), where a sort is O(n log n).
 */
export function selectInPlace(a: Float64Array, k: number): void {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    const pivot = a[(left + right) >> 1] as number;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = a[i] as number;
        a[i] = a[j] as number;
        a[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

/**
 * Quantile p of `values` (any order) by linear interpolation between order statistics, numpy's default
 * ("linear", Hyndman & Fan 1996 type 7: position h = (n-1)p), and the compensated mean of the values at
 * or below it, in O(n): two order statistics by selection instead of a sort. The quantile is
 * (1 - fraction) lower + fraction upper, lower and upper the order statistics around h.
 */
export function quantileAndTailMean(
  values: Float64Array,
  p: number,
): { quantile: number; tailMean: number; lower: number; upper: number; fraction: number } {
  const a = Float64Array.from(values);
  const h = (a.length - 1) * p;
  const lo = Math.floor(h);
  selectInPlace(a, lo);
  const below = a[lo] as number;
  let above = below;
  if (lo + 1 < a.length) {
    above = Number.POSITIVE_INFINITY;
    for (let i = lo + 1; i < a.length; i++) above = Math.min(above, a[i] as number);
  }
  const fraction = h - lo;
  const quantile = below + fraction * (above - below);
  const tail = new NeumaierSum();
  let count = 0;
  for (const x of values) {
    if (x <= quantile) {
      tail.add(x);
      count++;
    }
  }
  return { quantile, tailMean: tail.value / count, lower: below, upper: above, fraction };
}

/** Population skewness and excess kurtosis (moment estimators, no small-sample correction). */
export function populationMoments(values: Float64Array): {
  mean: number;
  std: number;
  skewness: number;
  excessKurtosis: number;
} {
  const { mean: mu, variance } = meanVariance(values, 0);
  const m3 = new NeumaierSum();
  const m4 = new NeumaierSum();
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] as number) - mu;
    const d2 = d * d;
    m3.add(d2 * d);
    m4.add(d2 * d2);
  }
  const n = values.length;
  // A constant series has no shape: report the normal's (0, 0) rather than 0/0.
  const skewness = variance > 0 ? m3.value / n / variance ** 1.5 : 0;
  const excessKurtosis = variance > 0 ? m4.value / n / (variance * variance) - 3 : 0;
  return { mean: mu, std: Math.sqrt(variance), skewness, excessKurtosis };
}

/** Standard normal density. */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

// Wichura 1988, Algorithm AS 241 (PPND16), Applied Statistics 37(3): rational approximations of the
// normal quantile with relative error about 1e-16 over the whole open interval.
const CENTRAL_NUM = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
  45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const CENTRAL_DEN = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867,
  39307.89580009271061, 28729.085735721942674, 5226.495278852854561,
];
const INTERMEDIATE_NUM = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const INTERMEDIATE_DEN = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const TAIL_NUM = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
  0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const TAIL_DEN = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

function polynomial(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + (coefficients[i] as number);
  return value;
}

/** Phi^-1(p) for p in (0, 1). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normal quantile needs 0 < p < 1, got ${p}`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(CENTRAL_NUM, r)) / polynomial(CENTRAL_DEN, r);
  }
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const magnitude =
    r <= 5
      ? polynomial(INTERMEDIATE_NUM, r - 1.6) / polynomial(INTERMEDIATE_DEN, r - 1.6)
      : polynomial(TAIL_NUM, r - 5) / polynomial(TAIL_DEN, r - 5);
  return q < 0 ? -magnitude : magnitude;
}
