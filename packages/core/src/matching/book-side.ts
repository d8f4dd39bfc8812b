import type { BookOrder } from "./book-order";
import { PriceLevel } from "./price-level";

/** Orders off the book point here, so BookOrder.level never needs a null check. */
export const DETACHED = new PriceLevel(0);

/**
 * One side of a symbol's book: price levels in an array sorted from worst to best, so the best level is
 * the last element (matching pops it in O(1), and new orders mostly land near the touch, at the end of
 * the array, where splicing is cheap), plus a map from ticks to level for O(1) joins of existing levels.
 */
export class BookSide {
  /** Worst first, best last. */
  readonly levels: PriceLevel[] = [];
  private readonly byTicks = new Map<number, PriceLevel>();

  constructor(readonly isBid: boolean) {}

  best(): PriceLevel | undefined {
    return this.levels[this.levels.length - 1];
  }

  /** Whether a price of `ticks` is strictly better than one of `than` on this side. */
  isBetter(ticks: number, than: number): boolean {
    return this.isBid ? ticks > than : ticks < than;
  }

  /** Appends the order at the back of the queue of its price (time priority). */
  add(order: BookOrder): void {
    let level = this.byTicks.get(order.ticks);
    if (level === undefined) {
      level = new PriceLevel(order.ticks);
      this.byTicks.set(order.ticks, level);
      this.insertLevel(level);
    }
    level.append(order);
  }

  /** Takes the order off the book, and its level with it when that was the level's last order. */
  remove(order: BookOrder): void {
    const level = order.level;
    level.remove(order);
    order.level = DETACHED;
    if (level.orders === 0) this.removeLevel(level);
  }

  private insertLevel(level: PriceLevel): void {
    const levels = this.levels;
    const best = this.best();
    if (best === undefined || this.isBetter(level.ticks, best.ticks)) {
      levels.push(level);
      return;
    }
    levels.splice(this.indexAfterWorse(level.ticks), 0, level);
  }

  private removeLevel(level: PriceLevel): void {
    this.byTicks.delete(level.ticks);
    const levels = this.levels;
    if (levels[levels.length - 1] === level) levels.pop();
    else levels.splice(this.indexAfterWorse(level.ticks), 1);
  }

  /** Binary search: the number of levels whose price is worse than `ticks` (where `ticks` sorts in). */
  private indexAfterWorse(ticks: number): number {
    let low = 0;
    let high = this.levels.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const level = this.levels[middle] as PriceLevel;
      if (this.isBetter(ticks, level.ticks)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
