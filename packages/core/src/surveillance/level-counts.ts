/**
 * One user's open orders per price on one side of a book: how many distinct levels the user rests on.
 * A user rests on a handful of levels, so two parallel arrays scanned linearly do better than a Map
 * keyed by doubles: no hashing, and no hash table reallocated as levels come and go on every requote.
 */
export class LevelCounts {
  private readonly prices: number[] = [];
  private readonly counts: number[] = [];

  /** Distinct prices with at least one open order. */
  get size(): number {
    return this.prices.length;
  }

  add(price: number): void {
    const index = this.prices.indexOf(price);
    if (index >= 0) this.counts[index] = (this.counts[index] as number) + 1;
    else {
      this.prices.push(price);
      this.counts.push(1);
    }
  }

  /** Removes one order at a price where add placed one (the book pairs every remove with an add). */
  remove(price: number): void {
    const index = this.prices.indexOf(price);
    const remaining = (this.counts[index] as number) - 1;
    if (remaining > 0) {
      this.counts[index] = remaining;
      return;
    }
    // Order does not matter: swap the last level into the freed slot.
    const last = this.prices.length - 1;
    this.prices[index] = this.prices[last] as number;
    this.counts[index] = this.counts[last] as number;
    this.prices.pop();
    this.counts.pop();
  }
}
