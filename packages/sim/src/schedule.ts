/** An entry of the action schedule: who acts next and when (simulated ms since the start). */
export interface ScheduledAction<T> {
  at: number;
  /** Tie-breaker so equal times pop in insertion order: runs stay reproducible. */
  sequence: number;
  item: T;
}

/** A binary min-heap on (at, sequence): the simulator's event calendar. */
export class ActionSchedule<T> {
  private readonly heap: ScheduledAction<T>[] = [];
  private nextSequence = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: number, item: T): void {
    const entry = { at, sequence: this.nextSequence++, item };
    const heap = this.heap;
    heap.push(entry);
    let index = heap.length - 1;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex];
      if (parent === undefined || !earlier(entry, parent)) break;
      heap[index] = parent;
      index = parentIndex;
    }
    heap[index] = entry;
  }

  peek(): ScheduledAction<T> | undefined {
    return this.heap[0];
  }

  pop(): ScheduledAction<T> | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let index = 0;
    for (;;) {
      const leftIndex = 2 * index + 1;
      if (leftIndex >= heap.length) break;
      const left = heap[leftIndex];
      const right = heap[leftIndex + 1];
      const childIndex =
        right !== undefined && left !== undefined && earlier(right, left) ? leftIndex + 1 : leftIndex;
      const child = heap[childIndex];
      if (child === undefined || !earlier(child, last)) break;
      heap[index] = child;
      index = childIndex;
    }
    heap[index] = last;
    return top;
  }

  clear(): void {
    this.heap.length = 0;
  }
}

function earlier<T>(a: ScheduledAction<T>, b: ScheduledAction<T>): boolean {
  return a.at < b.at || (a.at === b.at && a.sequence < b.sequence);
}
