/**
 * How far in event time each source of a merged stream (a Kafka partition) has been read, so that a
 * consumer catching up on a backlog merges its sources in event-time order (EventSequencer).
 *
 * Why a hold by arrival time is not enough: while a consumer drains a backlog, each fetch brings up to
 * a fixed number of bytes per partition, so a sparse topic (trades) runs minutes ahead of a dense one
 * (orders) in event time, and a fill is consumed long before the order it fills. The stream model of
 * Akidau et al., "The Dataflow Model" (VLDB 2015) and Flink's per-split watermarks answer this with a
 * watermark per source: an event is complete once every source has been read past its time.
 *
 * - `watermarkMs` of a source: the latest event time read from it. Producers publish each key's events
 *   in time order, so a source that has been read to t will not deliver anything earlier (what does
 *   arrive earlier is late, which the caller's arrival-time hold covers for producers' skew).
 * - A source that is caught up (its last batch ended at the log's end) holds nothing back: what it
 *   delivers next is being produced now. `frontierMs` is therefore the least watermark of the sources
 *   that still have a backlog, or +Infinity when none has.
 * - Alignment (Flink's watermark alignment, FLIP-182): a source read more than `windowMs` past the
 *   frontier is paused until the frontier comes within the window, so what the consumer holds in
 *   memory stays bounded by the window and the backlog stays in the log.
 *
 * A source the consumer never heard of is not waited for: the caller names the sources it knows to
 * have a backlog (expect) when it is given them, since an empty one never delivers anything.
 */
export interface SourceAlignment {
  /** Sources to stop reading: they are more than the window ahead of the frontier. */
  pause: string[];
  /** Paused sources to read again: the frontier came within the window, or nothing lags any more. */
  resume: string[];
}

interface SourceState {
  watermarkMs: number;
  caughtUp: boolean;
  paused: boolean;
}

export class SourceWatermarks {
  private readonly sources = new Map<string, SourceState>();

  constructor(private readonly windowMs: number) {
    if (!Number.isFinite(windowMs) || windowMs < 0)
      throw new RangeError(`windowMs must be a finite number >= 0, got ${windowMs}`);
  }

  /**
   * A batch of `source` was read: `latestMs` is its latest event time (undefined when it held no event
   * with a time, e.g. only undecodable messages), `caughtUp` whether it ended at the log's end.
   */
  advance(source: string, latestMs: number | undefined, caughtUp: boolean): void {
    const state = this.sources.get(source);
    const latest = latestMs ?? Number.NEGATIVE_INFINITY;
    if (state === undefined) {
      this.sources.set(source, { watermarkMs: latest, caughtUp, paused: false });
      return;
    }
    state.watermarkMs = Math.max(state.watermarkMs, latest);
    state.caughtUp = caughtUp;
  }

  /**
   * A source known to have a backlog before anything of it was read (the consumer's lag when it was
   * given its partitions): it holds everything back until its first batch. A source already read is
   * left as it is.
   */
  expect(source: string): void {
    if (!this.sources.has(source))
      this.sources.set(source, { watermarkMs: Number.NEGATIVE_INFINITY, caughtUp: false, paused: false });
  }

  /** Events up to this time can be released: no source with a backlog is still behind it. */
  frontierMs(): number {
    let frontier = Number.POSITIVE_INFINITY;
    for (const state of this.sources.values())
      if (!state.caughtUp) frontier = Math.min(frontier, state.watermarkMs);
    return frontier;
  }

  /**
   * Which sources to pause and resume now, marked as such here. The frontier here leaves paused sources
   * out: a paused source is ahead by construction and must not keep the others' pace.
   */
  align(): SourceAlignment {
    let frontier = Number.POSITIVE_INFINITY;
    for (const state of this.sources.values())
      if (!state.caughtUp && !state.paused) frontier = Math.min(frontier, state.watermarkMs);
    const limit = frontier + this.windowMs;
    const alignment: SourceAlignment = { pause: [], resume: [] };
    for (const [source, state] of this.sources) {
      const ahead = state.watermarkMs > limit;
      if (ahead === state.paused) continue;
      state.paused = ahead;
      (ahead ? alignment.pause : alignment.resume).push(source);
    }
    return alignment;
  }

  /** Forgets every source (the consumer was given other partitions); returns the paused ones. */
  reset(): string[] {
    const paused = [...this.sources].filter(([, state]) => state.paused).map(([source]) => source);
    this.sources.clear();
    return paused;
  }
}
