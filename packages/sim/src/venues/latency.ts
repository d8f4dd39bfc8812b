import type { SeededRandom } from "../random";

/**
 * Venue round-trip latency as a log-normal distribution: `medianMs` is its median and `sigma` the
 * standard deviation of its logarithm. Log-normal fits measured network and matching latencies well
 * (right-skewed, never negative, a long tail of slow responses).
 */
export interface LatencyDistribution {
  medianMs: number;
  sigma: number;
}

export function sampleLatencyMs(random: SeededRandom, distribution: LatencyDistribution): number {
  return distribution.medianMs * Math.exp(distribution.sigma * random.gaussian());
}
