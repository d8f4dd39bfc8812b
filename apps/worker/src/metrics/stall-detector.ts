/**
 * A partition is stalled when it has lag and its committed offset has not moved for `stallAfterMs`:
 * the consumer is stuck on a batch (database unreachable, a fault no retry fixes) while /readyz would
 * otherwise stay green. Progress is counted from the last reading where the offset moved or the
 * partition was caught up, so a quiet partition is never stalled. The clock is injected (tests).
 */
import type { PartitionLag } from "@nexus/platform/bus";

export interface StalledPartition {
  topic: string;
  partition: number;
  lag: number;
  /** Since the committed offset last moved (or the partition was last caught up). */
  stalledForSeconds: number;
}

interface Progress {
  committedOffset: string;
  sinceMs: number;
}

export class StallDetector {
  private progress = new Map<string, Progress>();

  constructor(
    private readonly stallAfterMs: number,
    private readonly now: () => number,
  ) {}

  /** Takes a reading of every partition held; answers those stalled now. Partitions not in it are forgotten. */
  observe(partitions: readonly PartitionLag[]): StalledPartition[] {
    const now = this.now();
    const next = new Map<string, Progress>();
    const stalled: StalledPartition[] = [];
    for (const { topic, partition, committedOffset, lag } of partitions) {
      const key = `${topic}\u0000${partition}`;
      const previous = this.progress.get(key);
      const moved = previous === undefined || previous.committedOffset !== committedOffset || lag === 0;
      const progress = moved ? { committedOffset, sinceMs: now } : previous;
      next.set(key, progress);
      const idleMs = now - progress.sinceMs;
      if (lag > 0 && idleMs >= this.stallAfterMs)
        stalled.push({ topic, partition, lag, stalledForSeconds: Math.floor(idleMs / 1000) });
    }
    this.progress = next;
    return stalled;
  }
}
