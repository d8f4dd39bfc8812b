/**
 * How much hidden liquidity a dark venue holds, learned from the router's own child orders (Ganchev,
 * Kearns, Nevmyvaka and Vaughan, "Censored Exploration and the Dark Pool Problem", CACM 53(5), 2010).
 * An order for v shares that fills r < v shows the venue held exactly r; one that fills all v shows only
 * that it held at least v: the observation is censored. The Kaplan-Meier product-limit estimator (Kaplan
 * and Meier, JASA 1958) turns both kinds into P(liquidity >= x) without taking a full fill for the whole
 * story, which a plain average of fill rates would (it learns that the venue never holds more than was
 * asked for).
 */

/** One answered child order: shares asked for (positive) and shares filled (0..requested). */
export interface LiquidityObservation {
  requested: number;
  filled: number;
}

/**
 * The estimate as steps: after each observed liquidity level `shares`, P(liquidity > shares) is
 * `survival` (until the next step); before the first step it is 1. Levels ascend.
 */
export interface LiquidityCurve {
  steps: { shares: number; survival: number }[];
  observations: number;
  /** Observations that were full fills (censored: at least `requested` was there). */
  censored: number;
}

/**
 * The Kaplan-Meier estimate: at each level t where some order found exactly t shares (d of them), with n
 * observations reaching t (exact levels >= t and censored ones at >= t, censored counted at risk at
 * their own level, the usual convention), survival is multiplied by 1 - d/n.
 */
export function kaplanMeierLiquidity(observations: readonly LiquidityObservation[]): LiquidityCurve {
  // Each observation as its level (what was found, or what was asked for when all of it filled), ascending.
  const sorted = observations
    .map((o) =>
      o.filled < o.requested ? { level: o.filled, exact: true } : { level: o.requested, exact: false },
    )
    .sort((a, b) => a.level - b.level);
  const steps: LiquidityCurve["steps"] = [];
  let survival = 1;
  let atRisk = sorted.length;
  let censored = 0;
  let events = 0;
  let atLevel = 0;
  sorted.forEach((entry, position) => {
    if (entry.exact) events += 1;
    else censored += 1;
    atLevel += 1;
    const next = sorted[position + 1];
    if (next !== undefined && next.level === entry.level) return;
    // The last observation at this level: every observation at it was at risk, exact and censored alike.
    if (events > 0) {
      survival *= 1 - events / atRisk;
      steps.push({ shares: entry.level, survival });
    }
    atRisk -= atLevel;
    events = 0;
    atLevel = 0;
  });
  return { steps, observations: sorted.length, censored };
}

/** P(liquidity >= shares) under the estimate. */
export function probabilityAtLeast(curve: LiquidityCurve, shares: number): number {
  let probability = 1;
  for (const step of curve.steps) {
    if (step.shares >= shares) break;
    probability = step.survival;
  }
  return probability;
}

/**
 * The expected share of an order of `quantity` the venue fills, E[min(liquidity, quantity)] / quantity,
 * with E[min(L, V)] = sum over x = 1..V of P(L >= x) (the area under the survival curve up to V). Past
 * the largest level observed the curve is held flat: the venue held at least that much.
 */
export function expectedFillRate(curve: LiquidityCurve, quantity: number): number {
  if (!(quantity > 0)) return 0;
  let area = 0;
  let survival = 1;
  let previous = 0;
  for (const step of curve.steps) {
    if (step.shares >= quantity) break;
    area += survival * (step.shares - previous);
    survival = step.survival;
    previous = step.shares;
  }
  area += survival * (quantity - previous);
  return area / quantity;
}

export interface CensoredLiquidityOptions {
  /** Observations kept (the newest); older ones drop out so the estimate follows a changing venue. */
  window: number;
  /** Below this many observations the estimate is not used (the venue's prior fill rate is). */
  minObservations: number;
}

export const DEFAULT_LIQUIDITY_OPTIONS: CensoredLiquidityOptions = { window: 500, minObservations: 10 };

/** A venue's running estimate over its newest observations (a ring buffer), recomputed when read after a change. */
export class CensoredLiquidityEstimator {
  private readonly ring: LiquidityObservation[] = [];
  private recorded = 0;
  private curve: LiquidityCurve | undefined;

  constructor(private readonly options: CensoredLiquidityOptions = DEFAULT_LIQUIDITY_OPTIONS) {}

  record(requested: number, filled: number): void {
    this.ring[this.recorded % this.options.window] = { requested, filled };
    this.recorded += 1;
    this.curve = undefined;
  }

  /** Whether enough was observed for the estimate to stand in for the prior. */
  isInformed(): boolean {
    return this.recorded >= this.options.minObservations;
  }

  estimate(): LiquidityCurve {
    this.curve ??= kaplanMeierLiquidity(this.ring);
    return this.curve;
  }

  expectedFillRate(quantity: number): number {
    return expectedFillRate(this.estimate(), quantity);
  }
}
