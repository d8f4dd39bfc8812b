import { afterEach, describe, expect, it } from "vitest";
import { deferred, decodeTestEvent, event, eventually, ids, text } from "../../test/support.js";
import type { TestEvent } from "../../test/support.js";
import { InMemoryEventBus } from "./memory.js";
import type { Consumer, Delivery } from "./types.js";

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
    const otherGroup = await collect(["t"], "other", true);
    await eventually("other group", () => otherGroup.seen().length === 1);
    expect(second.seen()).toEqual([]);
  });

  it("without fromBeginning a new group starts after the messages already in the topic", async () => {
    bus = new InMemoryEventBus();
    await bus.publish("t", [event("old")]);
    const { seen } = await collect(["t"], "g", false);
    await bus.publish("t", [event("new")]);
    await eventually("new", () => seen().length === 1);
    expect(seen()).toEqual(["new"]);
  });

  it("rejects a topic name Kafka would reject", async () => {
    bus = new InMemoryEventBus();
    await expect(bus.publish("orders created", [event("e1")])).rejects.toThrow(/invalid topic name/);
  });
});
