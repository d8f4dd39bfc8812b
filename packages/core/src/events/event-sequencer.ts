/**
 * Puts events of several topics back into event-time order. Kafka keeps order within a partition only:
 * a symbol's `orders.created`, `trades.executed` and `orders.cancelled` are three topics, so a fill can
 * be consumed before the order it fills. The detectors read a symbol's events as one time-ordered
 * stream (a cancel before its order's entry would leave that order resting for ever), so the worker
 * holds each event for `holdMs` after it arrives and releases events in event-time order.
 *
 * The guarantee: if events of different topics reach the worker at most `holdMs` apart, they are
 * released in event-time order (ties in `rank` order, then arrival order). An event later than that is
 * still released, right away, and counted in `lateEvents` when an event of its own stream (`streamOf`:
 * the detectors keep state per symbol, so one symbol's events out of order matter, two symbols' do not)
 * with a later time was released before it. Pure: the caller passes arrival times.
 *
 * A hold by arrival time covers producers' skew in a live flow, not a backlog being drained, where
 * topics are read minutes apart in event time: the caller then also sets a frontier (the least event
 * time every source with a backlog has been read to, SourceWatermarks) and events later than it wait
 * for it, whatever their arrival.
 */
export interface EventSequencerOptions<E> {
  holdMs: number;
  /** Event time in ms since the epoch. */
  timeOf: (event: E) => number;
  /** Order of events at the same instant (lower first). */
  rankOf: (event: E) => number;
  /** Whose order a late event breaks (the symbol); all events are one stream when not given. */
  streamOf?: (event: E) => string;
}

interface Held<E> {
  event: E;
  timeMs: number;
  rank: number;
  arrivalMs: number;
  sequence: number;
}

export class EventSequencer<E> {
  /** Binary min-heap on (timeMs, rank, sequence). */
  private readonly heap: Held<E>[] = [];
  private sequence = 0;
  /** The latest event time released per stream. */
  private readonly releasedUpToMs = new Map<string, number>();
  private frontierMs = Number.POSITIVE_INFINITY;
  private late = 0;

  constructor(private readonly options: EventSequencerOptions<E>) {
    if (!Number.isFinite(options.holdMs) || options.holdMs < 0)
      throw new RangeError(`holdMs must be a finite number >= 0, got ${options.holdMs}`);
  }

  get size(): number {
    return this.heap.length;
  }

  /** Events released after an event of their stream with a later time had already been released. */
  get lateEvents(): number {
    return this.late;
  }

  push(event: E, arrivalMs: number): void {
    const held: Held<E> = {
      event,
      timeMs: this.options.timeOf(event),
      rank: this.options.rankOf(event),
      arrivalMs,
      sequence: this.sequence++,
    };
    this.heap.push(held);
    this.siftUp(held);
  }

  /** Events later than `frontierMs` (event time) are held until it moves past them (+Infinity: none). */
  setFrontier(frontierMs: number): void {
    this.frontierMs = frontierMs;
  }

  /**
   * Events that are due at `nowMs`, in order: the earliest held event while it arrived at least holdMs
   * ago and is not past the frontier. An earlier event that is not due holds back the later ones.
   */
  release(nowMs: number): E[] {
    const due: E[] = [];
    const arrivedBy = nowMs - this.options.holdMs;
    for (
      let top = this.heap[0];
      top !== undefined && top.arrivalMs <= arrivedBy && top.timeMs <= this.frontierMs;
      top = this.heap[0]
    )
      due.push(this.take(top));
    return due;
  }

  /**
   * When the next event falls due (monotonic ms, on the clock of the arrival times), or undefined when
   * nothing is held or the earliest waits for the frontier (which moves only as events arrive): a caller
   * waking up then, rather than on a fixed tick, releases each event as soon as its hold ends.
   */
  nextDueMs(): number | undefined {
    const top = this.heap[0];
    return top === undefined || top.timeMs > this.frontierMs
      ? undefined
      : top.arrivalMs + this.options.holdMs;
  }

  /** Every held event in order (end of stream, shutdown). */
  drain(): E[] {
    const all: E[] = [];
    for (let top = this.heap[0]; top !== undefined; top = this.heap[0]) all.push(this.take(top));
    return all;
  }

  /** Removes `top` (the heap's root) and restores the heap. */
  private take(top: Held<E>): E {
    const last = this.heap.pop();
    if (last !== undefined && last !== top) {
      this.heap[0] = last;
      this.siftDown(last);
    }
    const stream = this.options.streamOf?.(top.event) ?? "";
    if (top.timeMs < (this.releasedUpToMs.get(stream) ?? Number.NEGATIVE_INFINITY)) this.late++;
    else this.releasedUpToMs.set(stream, top.timeMs);
    return top.event;
  }

  private before(a: Held<E>, b: Held<E>): boolean {
    if (a.timeMs !== b.timeMs) return a.timeMs < b.timeMs;
    return a.rank !== b.rank ? a.rank < b.rank : a.sequence < b.sequence;
  }

  /** Moves `held`, just appended, up to its place. */
  private siftUp(held: Held<E>): void {
    const heap = this.heap;
    let index = heap.length - 1;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex];
      if (parent === undefined || !this.before(held, parent)) break;
      heap[index] = parent;
      index = parentIndex;
    }
    heap[index] = held;
  }

  /** Moves `held`, just put at the root, down to its place. */
  private siftDown(held: Held<E>): void {
    const heap = this.heap;
    let index = 0;
    for (;;) {
      const leftIndex = 2 * index + 1;
      const left = heap[leftIndex];
      const right = heap[leftIndex + 1];
      if (left === undefined) break;
      const [childIndex, child] =
        right !== undefined && this.before(right, left) ? [leftIndex + 1, right] : [leftIndex, left];
      if (!this.before(child, held)) break;
      heap[index] = child;
      index = childIndex;
    }
    heap[index] = held;
  }
}
