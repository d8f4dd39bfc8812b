import { afterEach, describe, expect, it } from "vitest";
import { deferred, decodeTestEvent, event, eventually, ids, text } from "../../test/support";
import type { TestEvent } from "../../test/support";
import { InMemoryEventBus } from "./memory";
import type { Consumer, Delivery } from "./types";

describe("InMemoryEventBus", () => {
  let bus: InMemoryEventBus;
  afterEach(async () => bus.close());

  const collect = async (topics: Array<string | RegExp>, groupId = "g", fromBeginning = true) => {
    const batches: string[][] = [];
    const consumer = await bus.subscribe<TestEvent>({
      groupId,
      topics,
      fromBeginning,
      decode: decodeTestEvent,
      handleBatch: async (deliveries) => void batches.push(ids(deliveries)),
    });
    return { batches, consumer, seen: () => batches.flat() };
  };

  it("dead-letters undecodable messages unchanged with error and source headers, delivers the rest, commits all", async () => {
    bus = new InMemoryEventBus({ now: () => 1_700_000_000_000 });
    await bus.publish("orders.created", [
      event("e1"),
      { key: "MSFT", value: "{not json", headers: { trace: "t-1" } },
      event("e3"),
    ]);
    const { seen } = await collect(["orders.created"]);
    await eventually("commit", () => bus.committedOffset("g", "orders.created") === "3");

    expect(seen()).toEqual(["e1", "e3"]);
    const [dead, ...more] = bus.messages("orders.created.dlq");
    expect(more).toEqual([]);
    expect(dead?.key).toBe("MSFT");
    expect(text(dead?.value ?? new Uint8Array())).toBe("{not json");
    expect(dead?.headers).toEqual({
      trace: "t-1",
      error: expect.stringMatching(/^invalid JSON/),
      "source-topic": "orders.created",
      "source-partition": "0",
      "source-offset": "1",
    });
  });

  it("treats a throwing decoder like a rejection instead of stopping the consumer", async () => {
    bus = new InMemoryEventBus();
    await bus.publish("t", [event("e1")]);
    await bus.subscribe({
      groupId: "g",
      topics: ["t"],
      fromBeginning: true,
      decode: () => {
        throw new Error("boom");
      },
      handleBatch: async () => undefined,
    });
    await eventually("dead letter", () => bus.messages("t.dlq").length === 1);
    expect(bus.messages("t.dlq")[0]?.headers.error).toBe("decoder threw: boom");
    await eventually("commit", () => bus.committedOffset("g", "t") === "1");
  });

  it("commits a batch only after its handler resolved", async () => {
    bus = new InMemoryEventBus();
    const release = deferred();
    const started = deferred();
    await bus.publish("t", [event("e1"), event("e2")]);
    await bus.subscribe<TestEvent>({
      groupId: "g",
      topics: ["t"],
      fromBeginning: true,
      decode: decodeTestEvent,
      handleBatch: async () => {
        started.resolve();
        await release.promise;
      },
    });
    await started.promise;
    expect(bus.committedOffset("g", "t")).toBeUndefined();
    release.resolve();
    await eventually("commit", () => bus.committedOffset("g", "t") === "2");
  });

  it("redelivers the same batch after the handler throws, without dead-lettering twice", async () => {
    bus = new InMemoryEventBus({ retryBackoffMs: 5 });
    await bus.publish("t", [event("e1"), { value: "garbage" }, event("e3")]);
    const calls: Array<Delivery<TestEvent>[]> = [];
    await bus.subscribe<TestEvent>({
      groupId: "g",
      topics: ["t"],
      fromBeginning: true,
      decode: decodeTestEvent,
      handleBatch: async (deliveries) => {
        calls.push(deliveries);
        if (calls.length === 1) throw new Error("database down");
      },
    });
    await eventually("commit", () => bus.committedOffset("g", "t") === "3");
    expect(calls.map(ids)).toEqual([
      ["e1", "e3"],
      ["e1", "e3"],
    ]);
    expect(calls[1]?.map((d) => d.message.offset)).toEqual(["0", "2"]);
    expect(bus.messages("t.dlq")).toHaveLength(1);
  });

  it("splits a backlog into batches of at most maxBatchSize, in offset order", async () => {
    bus = new InMemoryEventBus({ maxBatchSize: 2 });
    await bus.publish(
      "t",
      ["a", "b", "c", "d", "e"].map((id) => event(id)),
    );
    const { batches } = await collect(["t"]);
    await eventually("all", () => batches.flat().length === 5);
    expect(batches).toEqual([["a", "b"], ["c", "d"], ["e"]]);
  });

  it("tells of each settled batch with its values and whether it reached the log's end", async () => {
    bus = new InMemoryEventBus({ maxBatchSize: 2 });
    await bus.publish("t", [event("a"), { key: "AAPL", value: "not json" }, event("c")]);
    const settled: Array<{ ids: string[]; caughtUp: boolean }> = [];
    await bus.subscribe<TestEvent>({
      groupId: "g",
      topics: ["t"],
      fromBeginning: true,
      decode: decodeTestEvent,
      handleBatch: async () => undefined,
      onSettled: (batch) =>
        settled.push({ ids: batch.values.map((value) => value.event_id), caughtUp: batch.caughtUp }),
    });
    await eventually("both batches", () => settled.length === 2);
    // The undecodable one is dead-lettered, not a value; the first batch stops short of the end.
    expect(settled).toEqual([
      { ids: ["a"], caughtUp: false },
      { ids: ["c"], caughtUp: true },
    ]);
  });

  it("hands one batch of each of several topics together when asked to, one at a time otherwise", async () => {
    for (const [topicsAtOnce, expected] of [
      [2, ["orders", "trades"]],
      [1, ["orders"]],
    ] as const) {
      bus = new InMemoryEventBus();
      await bus.publish("orders", [event("order")]);
      await bus.publish("trades", [event("fill")]);
      const started: string[] = [];
      const release = deferred();
      const consumer = await bus.subscribe<TestEvent>({
        groupId: "g",
        topics: ["orders", "trades"],
        fromBeginning: true,
        decode: decodeTestEvent,
        partitionsConsumedConcurrently: topicsAtOnce,
        handleBatch: async (deliveries) => {
          started.push(deliveries[0]?.message.topic ?? "");
          await release.promise;
        },
      });
      await eventually("the first batch", () => started.length > 0);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(started).toEqual(expected);
      release.resolve();
      await eventually("both batches", () => started.length === 2);
      await consumer.stop();
      await bus.close();
    }
  });

  it("does not deliver a paused topic until it is resumed, and keeps delivering the others", async () => {
    bus = new InMemoryEventBus();
    const { seen, consumer } = await collect(["ahead", "behind"]);
    consumer.pause([{ topic: "ahead", partition: 0 }]);
    await bus.publish("ahead", [event("fill")]);
    await bus.publish("behind", [event("order")]);
    await eventually("the order", () => seen().includes("order"));
    expect(seen()).toEqual(["order"]);
    consumer.resume([{ topic: "ahead", partition: 0 }]);
    await eventually("the fill", () => seen().includes("fill"));
    expect(seen()).toEqual(["order", "fill"]);
  });

  it("a pattern picks up matching topics, including ones created after subscribing, but not their DLQs", async () => {
    bus = new InMemoryEventBus();
    await bus.publish("orders.created", [event("c1")]);
    await bus.publish("trades.executed", [event("t1")]);
    const { seen } = await collect([/^orders\./], "g", false);
    await bus.publish("orders.created", [event("c2"), { value: "bad" }]);
    await bus.publish("orders.cancelled", [event("x1")]);
    await eventually("both topics", () => seen().length === 2);
    await eventually("dlq commit", () => bus.committedOffset("g", "orders.created") === "3");
    expect(seen().sort()).toEqual(["c2", "x1"]);
    // The dead letter sits in orders.created.dlq, which the pattern must not consume again.
    expect(bus.committedOffset("g", "orders.created.dlq")).toBeUndefined();
  });

  it("stop() lets the batch in hand finish and commit, then delivers nothing more; the group resumes there", async () => {
    bus = new InMemoryEventBus();
    await bus.publish("t", [event("e1")]);
    const release = deferred();
    const started = deferred();
    const seen: string[] = [];
    const consumer: Consumer = await bus.subscribe<TestEvent>({
      groupId: "g",
      topics: ["t"],
      fromBeginning: true,
      decode: decodeTestEvent,
      handleBatch: async (deliveries) => {
        started.resolve();
        await release.promise;
        seen.push(...ids(deliveries));
      },
    });
    await started.promise;
    const stopped = consumer.stop();
    await bus.publish("t", [event("e2")]);
    release.resolve();
    await stopped;
    expect(seen).toEqual(["e1"]);
    expect(bus.committedOffset("g", "t")).toBe("1");

    const next = await collect(["t"], "g", true);
    await eventually("resume", () => next.seen().length === 1);
    expect(next.seen()).toEqual(["e2"]);
  });

  it("a member of a group with committed offsets does not see committed messages again", async () => {
    bus = new InMemoryEventBus();
    await bus.publish("t", [event("e1")]);
    const first = await collect(["t"], "g", true);
    await eventually("commit", () => bus.committedOffset("g", "t") === "1");
    await first.consumer.stop();
    const second = await collect(["t"], "g", true);
    await bus.publish("t", [event("e2")]);
    await eventually("e2", () => second.seen().length > 0);
    expect(second.seen()).toEqual(["e2"]);
  });

  it("without fromBeginning a new group starts after the messages already in the topic", async () => {
    bus = new InMemoryEventBus();
    await bus.publish("t", [event("old")]);
    const { seen } = await collect(["t"], "g", false);
    await bus.publish("t", [event("new")]);
    await eventually("new", () => seen().length === 1);
    expect(seen()).toEqual(["new"]);
  });

  it("reports each owned topic's lag in messages from the committed offset", async () => {
    bus = new InMemoryEventBus({ maxBatchSize: 2 });
    const release = deferred();
    await bus.publish(
      "t",
      ["a", "b", "c", "d", "e"].map((id) => event(id)),
    );
    const consumer = await bus.subscribe<TestEvent>({
      groupId: "g",
      topics: ["t"],
      fromBeginning: true,
      decode: decodeTestEvent,
      handleBatch: () => release.promise,
    });
    expect(await consumer.lag()).toEqual([
      { topic: "t", partition: 0, committedOffset: "0", endOffset: "5", lag: 5 },
    ]);
    release.resolve();
    await eventually("caught up", () => bus.committedOffset("g", "t") === "5");
    expect(await consumer.lag()).toEqual([
      { topic: "t", partition: 0, committedOffset: "5", endOffset: "5", lag: 0 },
    ]);
    await consumer.stop();
    expect(await consumer.lag()).toEqual([]);
  });

  it("drops what every group reading a topic has committed: a million messages never pile up", async () => {
    bus = new InMemoryEventBus({ maxBatchSize: 1000 });
    let handled = 0;
    let mostRetained = 0;
    await bus.subscribe<string>({
      groupId: "g",
      topics: ["t"],
      fromBeginning: true,
      decode: () => ({ ok: true, value: "x" }),
      handleBatch: async (deliveries) => {
        handled += deliveries.length;
        mostRetained = Math.max(mostRetained, bus.messages("t").length);
      },
    });
    const chunk = Array.from({ length: 1000 }, () => ({ value: "x" }));
    for (let published = 1000; published <= 1_000_000; published += 1000) {
      await bus.publish("t", chunk);
      while (bus.committedOffset("g", "t") !== String(published)) await new Promise(setImmediate);
    }
    expect(handled).toBe(1_000_000);
    // At most the batch in hand plus the committed part not yet worth compacting.
    expect(mostRetained).toBeLessThanOrEqual(2000);
    expect(bus.messages("t").length).toBeLessThanOrEqual(1000);
    // Offsets stay those of the full log.
    await bus.publish("t", [{ value: "last" }]);
    expect(bus.messages("t").at(-1)?.offset).toBe("1000000");
  }, 60_000);

  it("keeps what a slower group has not committed, and a new group starts at the oldest message kept", async () => {
    bus = new InMemoryEventBus();
    const slowRelease = deferred();
    await bus.publish(
      "t",
      ["a", "b", "c"].map((id) => event(id)),
    );
    const fast = await collect(["t"], "fast", true);
    const slow = await bus.subscribe<TestEvent>({
      groupId: "slow",
      topics: ["t"],
      fromBeginning: true,
      decode: decodeTestEvent,
      handleBatch: () => slowRelease.promise,
    });
    await eventually("fast commit", () => bus.committedOffset("fast", "t") === "3");
    expect(bus.messages("t").map((message) => message.offset)).toEqual(["0", "1", "2"]);

    slowRelease.resolve();
    await eventually("slow commit", () => bus.committedOffset("slow", "t") === "3");
    expect(bus.messages("t")).toEqual([]);
    await bus.publish("t", [event("d")]);
    await eventually("fast sees d", () => fast.seen().length === 4);
    const late = await collect(["t"], "late", true);
    await eventually("late sees d", () => late.seen().length === 1);
    expect(late.seen()).toEqual(["d"]);
    await slow.stop();
  });

  it("rejects a topic name Kafka would reject", async () => {
    bus = new InMemoryEventBus();
    await expect(bus.publish("orders created", [event("e1")])).rejects.toThrow(/invalid topic name/);
  });
});
