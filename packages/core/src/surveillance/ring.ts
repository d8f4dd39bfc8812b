/**
 * A fixed-capacity ring buffer: push is O(1) and overwrites the oldest item once full, so per-key
 * histories never grow with the length of the stream.
 */
export class Ring<T> {
  private readonly items: Array<T | undefined>;
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
  }

  push(item: T): void {
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** Oldest first. */
  *[Symbol.iterator](): Iterator<T> {
    const start = (this.next - this.count + this.capacity) % this.capacity;
    for (let offset = 0; offset < this.count; offset++)
      yield this.items[(start + offset) % this.capacity] as T;
  }

  /** Newest first, stopping when visit returns false. */
  visitNewestFirst(visit: (item: T) => boolean): void {
    for (let offset = 1; offset <= this.count; offset++) {
      const item = this.items[(this.next - offset + this.capacity) % this.capacity] as T;
      if (!visit(item)) return;
    }
  }
}
