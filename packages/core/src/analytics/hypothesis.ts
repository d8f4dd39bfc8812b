/**
 * The distributions the VaR backtests (backtest.ts) test against: the chi-square survival function for
 * 1 and 2 degrees of freedom (the likelihood-ratio tests of Kupiec 1995 and Christoffersen 1998) and the
 * binomial distribution of the exception count (the Basel Committee's 1996 traffic light).
 */

// Press, Teukolsky, Vetterling & Flannery, Numerical Recipes in C, 2nd ed. (1992), section 6.2, erfcc: a
// Chebyshev fit of erfc with fractional error below 1.2e-7 everywhere, plenty for a p-value.
const ERFC_COEFFICIENTS = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
  -0.82215223, 0.17087277,
];

/** The complementary error function erfc(x) = 1 - erf(x). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  let polynomial = 0;
  for (let i = ERFC_COEFFICIENTS.length - 1; i >= 0; i--) {
    polynomial = polynomial * t + (ERFC_COEFFICIENTS[i] as number);
  }
  const value = t * Math.exp(-z * z + polynomial);
  return x >= 0 ? value : 2 - value;
}

/**
 * P(X > statistic) for X chi-square with 1 or 2 degrees of freedom: erfc(sqrt(x/2)) and exp(-x/2). A
 * statistic at or below zero (no evidence at all) has p-value 1.
 */
export function chiSquareSurvival(statistic: number, degreesOfFreedom: 1 | 2): number {
  if (!(statistic > 0)) return 1;
  return degreesOfFreedom === 1 ? erfc(Math.sqrt(statistic / 2)) : Math.exp(-statistic / 2);
}

/**
 * P(X <= k) for X ~ Binomial(trials, p), 0 < p < 1, summing the probabilities by their recurrence
 * P(j+1) = P(j) (trials - j)/(j + 1) p/(1 - p) in log space for the first term (no underflow for 1,000s
 * of trials).
 */
export function binomialCdf(k: number, trials: number, p: number): number {
  if (k < 0) return 0;
  if (k >= trials) return 1;
  let term = Math.exp(trials * Math.log1p(-p));
  let total = term;
  for (let j = 0; j < k; j++) {
    term *= ((trials - j) / (j + 1)) * (p / (1 - p));
    total += term;
  }
  return Math.min(1, total);
}

/** x ln y with the limit 0 ln 0 = 0 of the likelihoods below. */
export function xLogY(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}
