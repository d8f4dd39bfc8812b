/**
 * Events per second over a sliding window, for a `/metrics` gauge a human can read without PromQL.
 * Prometheus' `rate()` over the ingested counter stays the precise figure; this is its live view.
 * The clock is injected so the window is testable without waiting.
 */
export class ThroughputWindow {
  private readonly samples: Array<{ atMs: number; count: number }> = [];

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  record(count: number): void {
    this.samples.push({ atMs: this.now(), count });
    this.evict();
  }

  /** Events recorded in the last window, divided by the window length in seconds. */
  perSecond(): number {
    this.evict();
    const total = this.samples.reduce((sum, sample) => sum + sample.count, 0);
    return total / (this.windowMs / 1000);
  }

  private evict(): void {
    const oldest = this.now() - this.windowMs;
    while (this.samples.length > 0 && (this.samples[0]?.atMs ?? Infinity) <= oldest) this.samples.shift();
  }
}
