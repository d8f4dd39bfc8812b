import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { OffsetCommits } from "./offset-commits";
import type { CommitOffsets, TopicOffsets } from "./offset-commits";

/** A commit function that records each request; `release` lets a request answer (or refuse). */
function recordingCommit() {
  const requests: TopicOffsets[][] = [];
  const answers: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  const commit: CommitOffsets = ({ topics }) =>
    new Promise<void>((resolve, reject) => {
      requests.push(topics);
      answers.push({ resolve, reject });
    });
  return { commit, requests, answers };
}

/** Whether the promise has settled by the next turn of the event loop. */
async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await nextTurn();
  return done;
}

describe("OffsetCommits", () => {
  it("sends the partitions asked for in one turn as one request, and resolves each caller once it answered", async () => {
    const commits = new OffsetCommits();
    const broker = recordingCommit();
    const orders0 = commits.commit("orders.created", 0, "41", broker.commit);
    const orders3 = commits.commit("orders.created", 3, "7", broker.commit);
    const trades1 = commits.commit("trades.executed", 1, "120", broker.commit);
    expect(broker.requests).toEqual([]);
    await nextTurn();
    expect(broker.requests).toEqual([
      [
        {
          topic: "orders.created",
          partitions: [
            { partition: 0, offset: "41" },
            { partition: 3, offset: "7" },
          ],
        },
        { topic: "trades.executed", partitions: [{ partition: 1, offset: "120" }] },
      ],
    ]);
    // Not committed until the broker answers: a handler must not resolve before its offset is stored.
    expect(await settled(orders0)).toBe(false);
    broker.answers[0]?.resolve();
    await expect(Promise.all([orders0, orders3, trades1])).resolves.toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("fails every caller of a refused request, so each batch is handled again", async () => {
    const commits = new OffsetCommits();
    const broker = recordingCommit();
    const first = commits.commit("orders.created", 0, "5", broker.commit);
    const second = commits.commit("orders.created", 1, "9", broker.commit);
    await nextTurn();
    broker.answers[0]?.reject(new Error("NOT_COORDINATOR"));
    await expect(first).rejects.toThrow("NOT_COORDINATOR");
    await expect(second).rejects.toThrow("NOT_COORDINATOR");
  });

  it("commits a partition asked for twice in one turn at its later offset", async () => {
    const commits = new OffsetCommits();
    const broker = recordingCommit();
    void commits.commit("orders.created", 2, "10", broker.commit);
    void commits.commit("orders.created", 2, "14", broker.commit);
    await nextTurn();
    expect(broker.requests).toEqual([
      [{ topic: "orders.created", partitions: [{ partition: 2, offset: "14" }] }],
    ]);
  });

  it("sends through the first caller's commit function (kafkajs gives every batch its own), a turn's offsets together", async () => {
    const commits = new OffsetCommits();
    const first = recordingCommit();
    const second = recordingCommit();
    const committed = [
      commits.commit("orders.created", 0, "3", first.commit),
      commits.commit("orders.created", 1, "4", second.commit),
    ];
    await nextTurn();
    expect(first.requests).toEqual([
      [
        {
          topic: "orders.created",
          partitions: [
            { partition: 0, offset: "3" },
            { partition: 1, offset: "4" },
          ],
        },
      ],
    ]);
    expect(second.requests).toEqual([]);
    first.answers[0]?.resolve();
    await Promise.all(committed);
  });

  it("sends what a later turn asks for in a request of its own", async () => {
    const commits = new OffsetCommits();
    const broker = recordingCommit();
    void commits.commit("orders.created", 0, "3", broker.commit);
    await nextTurn();
    void commits.commit("orders.created", 0, "8", broker.commit);
    await nextTurn();
    expect(broker.requests).toEqual([
      [{ topic: "orders.created", partitions: [{ partition: 0, offset: "3" }] }],
      [{ topic: "orders.created", partitions: [{ partition: 0, offset: "8" }] }],
    ]);
  });
});
