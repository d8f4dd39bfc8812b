/**
 * Per-venue circuit breaker (Nygard, "Release It!", 2007): closed until `failureThreshold` consecutive
 * failures, then open (no orders) for `openMs`; after that half-open lets exactly one probe order through:
 * its success closes the breaker, its failure re-opens it for another `openMs`. Time is passed in, so the
 * state machine is pure and replayable (cockatiel's breaker reads the wall clock itself).
 */
export type BreakerState = "closed" | "open" | "half_open";

export interface CircuitBreakerOptions {
  failureThreshold: number;
  openMs: number;
}

export const DEFAULT_BREAKER_OPTIONS: CircuitBreakerOptions = { failureThreshold: 3, openMs: 5_000 };

export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt: number | undefined;
  private probeInFlight = false;

  constructor(private readonly options: CircuitBreakerOptions = DEFAULT_BREAKER_OPTIONS) {}

  state(now: number): BreakerState {
    if (this.openedAt === undefined) return "closed";
    return now - this.openedAt >= this.options.openMs ? "half_open" : "open";
  }

  /** True if an order may go to the venue now; in half-open state this claims the single probe. */
  tryAcquire(now: number): boolean {
    const state = this.state(now);
    if (state === "closed") return true;
    if (state === "open" || this.probeInFlight) return false;
    this.probeInFlight = true;
    return true;
  }

  /** Whether an order could go now, without claiming the probe (for ranking and eligibility). */
  isAvailable(now: number): boolean {
    const state = this.state(now);
    return state === "closed" || (state === "half_open" && !this.probeInFlight);
  }

  recordSuccess(): void {
    this.consecutiveFailures = 0;
    this.openedAt = undefined;
    this.probeInFlight = false;
  }

  recordFailure(now: number): void {
    this.consecutiveFailures += 1;
    if (this.probeInFlight || this.consecutiveFailures >= this.options.failureThreshold) {
      this.openedAt = now;
    }
    this.probeInFlight = false;
  }
}
