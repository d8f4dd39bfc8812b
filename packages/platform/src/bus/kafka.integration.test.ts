/**
 * KafkaEventBus against the real broker (`bash scripts/kafka-start.sh`). Every topic and group of this
 * file carries a random prefix so parallel runs never share state; the topics are deleted afterwards.
 */
import { randomUUID } from "node:crypto";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeTestEvent, deferred, event, eventually, ids, text } from "../../test/support";
import type { TestEvent } from "../../test/support";
import { KafkaEventBus } from "./kafka";
import type { Consumer, Delivery, RawMessage } from "./types";

const brokers = ["127.0.0.1:9092"];
const run = `it-platform-${randomUUID().slice(0, 8)}`;
const topic = (name: string) => `${run}.${name}`;
const created: string[] = [];

let bus: KafkaEventBus;

const ensure = async (...names: string[]) => {
  created.push(...names);
  await bus.ensureTopics(names, 3);
};

/** Subscribes and records every delivery; `groupId` defaults to a fresh one. */
const consume = async (topics: Array<string | RegExp>, groupId = `${run}-${randomUUID().slice(0, 6)}`) => {
  const seen: Array<Delivery<TestEvent>> = [];
  const consumer = await bus.subscribe<TestEvent>({
    groupId,
    topics,
    fromBeginning: true,
    decode: decodeTestEvent,
    handleBatch: async (deliveries) => void seen.push(...deliveries),
  });
  return { seen, consumer, groupId };
};

/** Raw view of a topic (the DLQ), with a decoder that accepts anything. */
const readRaw = async (name: string) => {
  const seen: RawMessage[] = [];
  const consumer = await bus.subscribe<RawMessage>({
    groupId: `${run}-raw-${randomUUID().slice(0, 6)}`,
    topics: [name],
    fromBeginning: true,
    decode: (message) => ({ ok: true, value: message }),
    handleBatch: async (deliveries) => void seen.push(...deliveries.map((d) => d.value)),
  });
  return { seen, consumer };
};

/** Every partition the member holds is committed up to its end (and it holds some: it has joined). */
const caughtUp = async (consumer: Consumer): Promise<boolean> => {
  const partitions = await consumer.lag();
  return partitions.length > 0 && partitions.every((partition) => partition.lag === 0);
};

beforeAll(async () => {
  bus = new KafkaEventBus({
    brokers,
    clientId: run,
    logger: pino({ level: "silent" }),
    retryBackoffMs: 50,
    topicRefreshMs: 500,
  });
  expect(await bus.ping()).toBe(true);
});

afterAll(async () => {
  await bus.deleteTopics(created.flatMap((name) => [name, `${name}.dlq`]));
  await bus.close();
});

describe("KafkaEventBus", () => {
  it("delivers a published event once and commits it: a new member of the group gets only newer events", async () => {
    const name = topic("commit");
    await ensure(name);
    await bus.publish(name, [event("e1")]);
    const first = await consume([name]);
    await eventually("e1 delivered", () => first.seen.length === 1, 30_000);
    await first.consumer.stop();

    await bus.publish(name, [event("e2")]);
    const second = await consume([name], first.groupId);
    await eventually("e2 delivered", () => second.seen.length === 1, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await second.consumer.stop();
    expect(ids(first.seen)).toEqual(["e1"]);
    expect(ids(second.seen)).toEqual(["e2"]);
  });

  it("reports a settled batch as caught up at the log's end, and holds a paused partition back until resumed", async () => {
    const ahead = topic("paused-ahead");
    const behind = topic("paused-behind");
    await ensure(ahead, behind);
    const seen: string[] = [];
    const settled: Array<{ topic: string; caughtUp: boolean }> = [];
    const consumer = await bus.subscribe<TestEvent>({
      groupId: `${run}-${randomUUID().slice(0, 6)}`,
      topics: [ahead, behind],
      fromBeginning: true,
      decode: decodeTestEvent,
      handleBatch: async (deliveries) => void seen.push(...ids(deliveries)),
      onSettled: (batch) => settled.push({ topic: batch.topic, caughtUp: batch.caughtUp }),
    });
    await bus.publish(behind, [event("order", "AAPL")]);
    await eventually("the order", () => seen.includes("order"), 30_000);
    expect(settled).toEqual([{ topic: behind, caughtUp: true }]);

    const partitions = [0, 1, 2].map((partition) => ({ topic: ahead, partition }));
    consumer.pause(partitions);
    await bus.publish(ahead, [event("fill", "AAPL")]);
    await bus.publish(behind, [event("cancel", "AAPL")]);
    await eventually("the cancel", () => seen.includes("cancel"), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seen).toEqual(["order", "cancel"]);
    consumer.resume(partitions);
    await eventually("the fill", () => seen.includes("fill"), 30_000);
    await consumer.stop();
    // Refused once stopped: logged, never thrown at the caller.
    expect(() => consumer.pause(partitions)).not.toThrow();
  });

  it("sends garbage unchanged to <topic>.dlq with error and source-offset headers and goes on", async () => {
    const name = topic("garbage");
    await ensure(name, `${name}.dlq`);
    // One key, so both land in one partition in this order.
    await bus.publish(name, [
      { key: "AAPL", value: "{oops", headers: { trace: "t-9" } },
      event("good", "AAPL"),
    ]);
    const main = await consume([name]);
    const dlq = await readRaw(`${name}.dlq`);
    await eventually("good delivered", () => main.seen.length === 1, 30_000);
    await eventually("dead letter", () => dlq.seen.length === 1, 30_000);
    await Promise.all([main.consumer.stop(), dlq.consumer.stop()]);

    expect(ids(main.seen)).toEqual(["good"]);
    const [dead] = dlq.seen;
    const goodOffset = BigInt(main.seen[0]?.message.offset ?? "-1");
    expect(dead?.key).toBe("AAPL");
    expect(text(dead?.value ?? new Uint8Array())).toBe("{oops");
    expect(dead?.headers).toMatchObject({
      trace: "t-9",
      error: expect.stringMatching(/^invalid JSON/),
      "source-topic": name,
      "source-partition": String(main.seen[0]?.message.partition),
      "source-offset": String(goodOffset - 1n),
    });
  });

  it("hands one fetch's partitions to handlers at the same time when asked to (partitionsConsumedConcurrently)", async () => {
    const name = topic("concurrent");
    await ensure(name);
    // Six keys: their events land on more than one of the three partitions.
    await bus.publish(
      name,
      ["AAPL", "MSFT", "TSLA", "AMZN", "NVDA", "META"].map((symbol) => event(`c-${symbol}`, symbol)),
    );
    let inFlight = 0;
    let mostAtOnce = 0;
    const handled: string[] = [];
    const consumer = await bus.subscribe<TestEvent>({
      groupId: `${run}-concurrent`,
      topics: [name],
      fromBeginning: true,
      decode: decodeTestEvent,
      partitionsConsumedConcurrently: 3,
      handleBatch: async (deliveries) => {
        inFlight++;
        mostAtOnce = Math.max(mostAtOnce, inFlight);
        // Held until another partition's handler runs alongside (one at a time, it never would).
        await eventually("another partition in hand", () => mostAtOnce >= 2, 3_000).catch(() => undefined);
        handled.push(...ids(deliveries));
        inFlight--;
      },
    });
    await eventually("all handled", () => handled.length === 6, 30_000);
    await consumer.stop();
    expect(mostAtOnce).toBeGreaterThanOrEqual(2);
  });

  it("redelivers the batch to a handler that threw once, then commits it", async () => {
    const name = topic("retry");
    await ensure(name);
    await bus.publish(name, [event("r1", "MSFT"), event("r2", "MSFT")]);
    const calls: string[][] = [];
    const groupId = `${run}-retry`;
    const consumer: Consumer = await bus.subscribe<TestEvent>({
      groupId,
      topics: [name],
      fromBeginning: true,
      decode: decodeTestEvent,
      handleBatch: async (deliveries) => {
        calls.push(ids(deliveries));
        if (calls.length === 1) throw new Error("database down");
      },
    });
    await eventually("second delivery", () => calls.length >= 2, 30_000);
    await consumer.stop();
    expect(calls[0]).toEqual(["r1", "r2"]);
    expect(calls.flat().filter((id) => id === "r1")).toHaveLength(2);

    const after = await consume([name], groupId);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await after.consumer.stop();
    expect(after.seen).toEqual([]);
  });

  it("dead-letters only the message the handler refuses, with its reason, and handles the others in order", async () => {
    class Refused extends Error {}
    const name = topic("refused");
    await ensure(name, `${name}.dlq`);
    const eventIds = Array.from({ length: 60 }, (_, index) => (index === 23 ? "bad" : `m${index}`));
    // One key: one partition, in this order.
    await bus.publish(
      name,
      eventIds.map((id) => event(id, "IBM")),
    );
    const stored: string[] = [];
    const consumer = await bus.subscribe<TestEvent>({
      groupId: `${run}-refused`,
      topics: [name],
      fromBeginning: true,
      decode: decodeTestEvent,
      isPermanent: (error) => error instanceof Refused,
      handleBatch: async (deliveries) => {
        if (ids(deliveries).includes("bad"))
          throw new Refused("value too long for type character varying(3)");
        stored.push(...ids(deliveries));
      },
    });
    const dlq = await readRaw(`${name}.dlq`);
    await eventually("the others stored", () => stored.length === 59, 30_000);
    await eventually("the dead letter", () => dlq.seen.length === 1, 30_000);
    await eventually("lag 0", () => caughtUp(consumer), 30_000);
    await Promise.all([consumer.stop(), dlq.consumer.stop()]);

    expect(stored).toEqual(eventIds.filter((id) => id !== "bad"));
    expect(JSON.parse(text(dlq.seen[0]?.value ?? new Uint8Array()))).toMatchObject({ event_id: "bad" });
    expect(dlq.seen[0]?.headers).toMatchObject({
      error: "value too long for type character varying(3)",
      "source-topic": name,
      "source-offset": "23",
    });
  });

  it("reports the lag of each assigned partition in messages from the committed offset", async () => {
    const name = topic("lag");
    await ensure(name);
    await bus.publish(
      name,
      ["l1", "l2", "l3", "l4", "l5"].map((id) => event(id, "XOM")),
    );
    const release = deferred();
    const consumer = await bus.subscribe<TestEvent>({
      groupId: `${run}-lag`,
      topics: [name],
      fromBeginning: true,
      decode: decodeTestEvent,
      handleBatch: () => release.promise,
    });
    const laggingPartition = async () => (await consumer.lag()).find((partition) => partition.lag > 0);
    await eventually(
      "lag while the handler holds the batch",
      async () => (await laggingPartition()) !== undefined,
      30_000,
    );
    expect(await laggingPartition()).toMatchObject({
      topic: name,
      committedOffset: "0",
      endOffset: "5",
      lag: 5,
    });

    release.resolve();
    await eventually("lag 0", () => caughtUp(consumer), 30_000);
    const partitions = await consumer.lag();
    await consumer.stop();
    expect(partitions.map((partition) => partition.partition).sort()).toEqual([0, 1, 2]);
    expect(partitions.filter((partition) => partition.endOffset === "5")).toMatchObject([
      { topic: name, committedOffset: "5", lag: 0 },
    ]);
  });

  it("a pattern picks up the matching topics, and one created after subscribing, never a .dlq", async () => {
    const created1 = topic("orders.created");
    const cancelled = topic("orders.cancelled");
    const trades = topic("trades.executed");
    await ensure(created1, trades, `${created1}.dlq`);
    await bus.publish(created1, [event("o1")]);
    await bus.publish(`${created1}.dlq`, [event("dead")]);
    await bus.publish(trades, [event("t1")]);
    const pattern = new RegExp(`^${run.replace(/[-.]/g, "\\$&")}\\.orders\\.`);
    const orders = await consume([pattern]);
    await eventually("o1", () => orders.seen.length === 1, 30_000);

    await ensure(cancelled);
    await bus.publish(cancelled, [event("x1")]);
    await eventually("x1 from the topic created later", () => orders.seen.length === 2, 30_000);
    await orders.consumer.stop();
    expect(ids(orders.seen).sort()).toEqual(["o1", "x1"]);
  });
});
