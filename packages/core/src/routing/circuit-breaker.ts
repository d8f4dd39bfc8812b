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

  /** Whether an order may go to the venue now (for ranking and eligibility); claims nothing. */
  isAvailable(now: number): boolean {
    const state = this.state(now);
    return state === "closed" || (state === "half_open" && !this.probeInFlight);
  }

  /**
   * An order goes to the venue now; in half-open state it is the single probe, which keeps every other
   * order away until it answers. The router ranks on isAvailable and sends in the same tick, so an
   * unavailable breaker here is a bug, and it throws rather than let an order through an open circuit.
   */
  acquire(now: number): void {
    if (!this.isAvailable(now))
      throw new Error(`circuit breaker is ${this.state(now)}: check isAvailable first`);
    if (this.state(now) === "half_open") this.probeInFlight = true;
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
