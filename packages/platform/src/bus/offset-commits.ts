/**
 * One OffsetCommit request per fetch, not one per partition batch. kafkajs hands a fetch's partition
 * batches to the handlers at the same time (partitionsConsumedConcurrently) and fetches again once all
 * of them resolved; each committing its own partition cost the broker and this process a request
 * apiece (tens per fetch under a steady flow, the worker's busiest socket writes). Commits asked for in
 * the same turn of the event loop go out together, and each caller still resolves only once its offset
 * is committed, so a handler that resolves has its batch committed, as before (at-least-once,
 * docs/events.md).
 *
 * kafkajs gives each batch a commit function of its own, all of them committing through the consumer's
 * one group membership; the request goes through the first caller's. One instance per consumer: a
 * consumer's runs never overlap (kafkajs stops one, waiting for its batches and their commits, before
 * the next starts), so a request never mixes offsets of two group generations.
 */

/** kafkajs's `commitOffsetsIfNecessary` of an eachBatch payload, given explicit offsets. */
export type CommitOffsets = (offsets: { topics: TopicOffsets[] }) => Promise<void>;

export interface TopicOffsets {
  topic: string;
  partitions: { partition: number; offset: string }[];
}

interface Waiting {
  topic: string;
  partition: number;
  offset: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class OffsetCommits {
  private waiting: Waiting[] = [];

  /** Commits `offset` (the next offset to read) of the partition with the others asked for this turn. */
  commit(topic: string, partition: number, offset: string, via: CommitOffsets): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.waiting.length === 0) setImmediate(() => this.flush(via));
      this.waiting.push({ topic, partition, offset, resolve, reject });
    });
  }

  private flush(via: CommitOffsets): void {
    const group = this.waiting;
    this.waiting = [];
    via({ topics: topicsOf(group) }).then(
      () => group.forEach((member) => member.resolve()),
      (error: unknown) => group.forEach((member) => member.reject(error)),
    );
  }
}

/** The offsets by topic; a partition asked for twice commits the later offset (offsets only grow). */
function topicsOf(group: readonly Waiting[]): TopicOffsets[] {
  const byTopic = new Map<string, Map<number, string>>();
  for (const { topic, partition, offset } of group) {
    const partitions = byTopic.get(topic) ?? new Map<number, string>();
    partitions.set(partition, offset);
    byTopic.set(topic, partitions);
  }
  return [...byTopic].map(([topic, partitions]) => ({
    topic,
    partitions: [...partitions].map(([partition, offset]) => ({ partition, offset })),
  }));
}
