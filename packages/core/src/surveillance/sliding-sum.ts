/**
 * A sum over the last `windowMs` of event time, kept in a ring of fixed buckets: add and read are O(1)
 * amortised and the memory is fixed. Its resolution is one bucket (windowMs / buckets); an event a little
 * older than the newest one still lands in its own bucket as long as that bucket is inside the ring.
 */
export class SlidingSum {
  /** A plain array, not a Float64Array: a typed array costs far more to allocate, and users come and go. */
  private readonly sums: number[];
  private readonly bucketMs: number;
  /** Index (time / bucketMs) of the newest bucket in the ring. */
  private head = Number.NEGATIVE_INFINITY;

  constructor(
    windowMs: number,
    private readonly buckets = 10,
  ) {
    this.sums = new Array<number>(buckets).fill(0);
    this.bucketMs = Math.max(windowMs, 1) / buckets;
  }

  add(timeMs: number, value: number): void {
    const bucket = Math.floor(timeMs / this.bucketMs);
    this.advance(bucket);
    if (bucket <= this.head - this.buckets) return;
    const slot = ((bucket % this.buckets) + this.buckets) % this.buckets;
    this.sums[slot] = (this.sums[slot] as number) + value;
  }

  /** Sum of what was added in the window ending at timeMs. */
  sum(timeMs: number): number {
    this.advance(Math.floor(timeMs / this.bucketMs));
    let total = 0;
    for (let slot = 0; slot < this.buckets; slot++) total += this.sums[slot] as number;
    return total;
  }

  private advance(bucket: number): void {
    if (bucket <= this.head) return;
    const steps = Math.min(bucket - this.head, this.buckets);
    for (let step = 1; step <= steps; step++) {
      const slot = (((bucket - steps + step) % this.buckets) + this.buckets) % this.buckets;
      this.sums[slot] = 0;
    }
    this.head = bucket;
  }
}
