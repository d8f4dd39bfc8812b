/**
 * A user's median order size, estimated in O(1) as the exponentially weighted geometric mean of the
 * sizes: order sizes are close to log-normal (Gopikrishnan et al., "Statistical properties of share
 * volume traded in financial markets", 2000), and the median of a log-normal is its geometric mean.
 * The weight (1/20) follows the last few dozen orders; until the first order it reports 1 share.
 */
const WEIGHT = 1 / 20;

export class LogMedian {
  private logMean = 0;
  private seen = 0;

  add(size: number): void {
    const logSize = Math.log(size);
    this.seen++;
    // The first orders weigh 1/count so the estimate starts at the first size, not at 1 share.
    this.logMean += (logSize - this.logMean) * Math.max(WEIGHT, 1 / this.seen);
  }

  /** Sizes added so far. */
  get count(): number {
    return this.seen;
  }

  median(): number {
    return Math.exp(this.logMean);
  }
}
