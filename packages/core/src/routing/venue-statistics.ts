import { Decimal } from "../money";

/** What the router has learned about a venue from its execution reports. */
export interface VenueStatistics {
  venueId: string;
  /** Exponentially weighted fill rate (filled / sent per order), starting at the registered prior. */
  fillRate: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  /** Successful responses / attempts (timeouts, rejects and errors are failures). */
  successRate: number;
  attempts: number;
  failures: number;
  timeouts: number;
  sharesExecuted: Decimal;
  /** Total price improvement in dollars against the NBBO at decision time (negative = disimprovement). */
  priceImprovement: Decimal;
  /** Price improvement per executed share; 0 before any execution. */
  priceImprovementPerShare: Decimal;
}

export interface VenueStatisticsOptions {
  /** EWMA weight of the newest observation. 0.1 weights roughly the last 20 orders (2/alpha - 1 = 19). */
  fillRateAlpha: number;
  /** Latency percentiles over this many latest responses (a ring buffer). */
  latencyWindow: number;
}

export const DEFAULT_STATISTICS_OPTIONS: VenueStatisticsOptions = { fillRateAlpha: 0.1, latencyWindow: 512 };

export interface VenuePriors {
  fillRate: number;
  latencyMs: number;
}

/**
 * Running statistics of one venue. Rates and latencies are statistics, kept as floats (Float64Array ring
 * for latencies); executed shares and price improvement are money and stay Decimal.
 */
export class VenueStatisticsTracker {
  private fillRate: number;
  private readonly latencies: Float64Array;
  private latencyCount = 0;
  private attempts = 0;
  private failures = 0;
  private timeouts = 0;
  private sharesExecuted = new Decimal(0);
  private priceImprovement = new Decimal(0);
  /** Percentiles are cached until the next latency arrives: rankings read them on every decision. */
  private sortedLatencies: Float64Array | undefined;

  constructor(
    readonly venueId: string,
    private readonly priors: VenuePriors,
    private readonly options: VenueStatisticsOptions = DEFAULT_STATISTICS_OPTIONS,
  ) {
    this.fillRate = priors.fillRate;
    this.latencies = new Float64Array(options.latencyWindow);
  }

  /** A venue answered: how much of what was sent filled, how long it took, and the improvement in dollars. */
  recordResponse(sent: Decimal, filled: Decimal, latencyMs: number, priceImprovement: Decimal): void {
    this.attempts += 1;
    const observed = filled.div(sent).toNumber();
    this.fillRate += this.options.fillRateAlpha * (observed - this.fillRate);
    this.recordLatency(latencyMs);
    this.sharesExecuted = this.sharesExecuted.plus(filled);
    this.priceImprovement = this.priceImprovement.plus(priceImprovement);
  }

  /** A failed attempt (reject, error or timeout) counts against the success rate and as a zero fill. */
  recordFailure(kind: "timeout" | "rejected" | "error", latencyMs: number): void {
    this.attempts += 1;
    this.failures += 1;
    if (kind === "timeout") this.timeouts += 1;
    this.fillRate -= this.options.fillRateAlpha * this.fillRate;
    this.recordLatency(latencyMs);
  }

  /** Median latency, the registered prior before any response. */
  expectedLatencyMs(): number {
    return this.percentile(0.5);
  }

  expectedFillRate(): number {
    return this.fillRate;
  }

  snapshot(): VenueStatistics {
    const executed = this.sharesExecuted;
    return {
      venueId: this.venueId,
      fillRate: this.fillRate,
      latencyP50Ms: this.percentile(0.5),
      latencyP99Ms: this.percentile(0.99),
      successRate: this.attempts === 0 ? 1 : (this.attempts - this.failures) / this.attempts,
      attempts: this.attempts,
      failures: this.failures,
      timeouts: this.timeouts,
      sharesExecuted: executed,
      priceImprovement: this.priceImprovement,
      priceImprovementPerShare: executed.isZero() ? new Decimal(0) : this.priceImprovement.div(executed),
    };
  }

  private recordLatency(latencyMs: number): void {
    this.latencies[this.latencyCount % this.latencies.length] = latencyMs;
    this.latencyCount += 1;
    this.sortedLatencies = undefined;
  }

  /** Nearest-rank percentile (Hyndman & Fan definition 1) of the window. */
  private percentile(p: number): number {
    const count = Math.min(this.latencyCount, this.latencies.length);
    if (count === 0) return this.priors.latencyMs;
    this.sortedLatencies ??= this.latencies.slice(0, count).sort();
    // The rank is within [1, count] for p in (0, 1], so the element exists (Number() only satisfies the type).
    return Number(this.sortedLatencies[Math.ceil(p * count) - 1]);
  }
}
