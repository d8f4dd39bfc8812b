/**
 * The batch step both buses share (consume-batch.ts), driven through InMemoryEventBus: a refused
 * message is isolated and dead-lettered while the rest is handled in order; any other failure is
 * retried with exponential backoff and dead-letters nothing; nothing is committed past a message that
 * is neither handled nor dead-lettered.
 */
import { afterEach, describe, expect, it } from "vitest";
import { decodeTestEvent, event, eventually, ids, text } from "../../test/support";
import type { TestEvent } from "../../test/support";
import { InMemoryEventBus } from "./memory";
import type { InMemoryEventBusOptions } from "./memory";
import type { DeadLetterNotice, Delivery, OutgoingMessage } from "./types";

/** What Postgres says, wrapped the way drizzle wraps it ("Failed query: ..." with the cause inside). */
class RefusedByDatabase extends Error {}
const refusal = (reason: string) =>
  new Error("Failed query: insert into order_events ... params: ...", {
    cause: new RefusedByDatabase(reason),
  });
const isPermanent = (error: unknown) => error instanceof Error && error.cause instanceof RefusedByDatabase;

/** A sleep that returns at once and remembers how long it was asked to wait. */
const recordingSleep = () => {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
};

describe("a batch the handler fails on", () => {
  let bus: InMemoryEventBus;
  afterEach(async () => bus.close());

  /**
   * Subscribes group "g" to "t" from the beginning. `fail` decides, per handleBatch call, what to
   * throw (nothing: the call succeeds and its events count as stored, in call order).
   */
  const consume = async (fail: (batch: string[], call: number) => Error | undefined) => {
    const stored: string[] = [];
    const calls: string[][] = [];
    const deadLetters: DeadLetterNotice[] = [];
    const consumer = await bus.subscribe<TestEvent>({
      groupId: "g",
      topics: ["t"],
      fromBeginning: true,
      decode: decodeTestEvent,
      isPermanent,
      onDeadLetter: (notice) => void deadLetters.push(notice),
      handleBatch: async (deliveries: Delivery<TestEvent>[]) => {
        const batch = ids(deliveries);
        calls.push(batch);
        const error = fail(batch, calls.length);
        if (error) throw error;
        stored.push(...batch);
      },
    });
    return { stored, calls, deadLetters, consumer };
  };

  const publishIds = (...eventIds: string[]) =>
    bus.publish(
      "t",
      eventIds.map((id) => event(id)),
    );
  const numbered = (count: number) => Array.from({ length: count }, (_, index) => `e${index}`);

  it("splits until only the refused messages are dead-lettered, with the database's reason; the rest is stored in order", async () => {
    bus = new InMemoryEventBus({ maxBatchSize: 100 });
    const eventIds = numbered(100);
    eventIds[37] = "bad-37";
    eventIds[38] = "bad-38";
    eventIds[90] = "bad-90";
    await publishIds(...eventIds);
    const { stored, calls, deadLetters } = await consume((batch) =>
      batch.some((id) => id.startsWith("bad")) ? refusal("value refused by the database") : undefined,
    );
    await eventually("commit", () => bus.committedOffset("g", "t") === "100");

    expect(stored).toEqual(eventIds.filter((id) => !id.startsWith("bad")));
    const dlq = bus.messages("t.dlq");
    expect(dlq.map((message) => JSON.parse(text(message.value)).event_id)).toEqual([
      "bad-37",
      "bad-38",
      "bad-90",
    ]);
    expect(dlq[0]?.headers).toEqual({
      error: "value refused by the database",
      "source-topic": "t",
      "source-partition": "0",
      "source-offset": "37",
    });
    expect(deadLetters).toEqual(
      [0, 1, 2].map(() => ({
        topic: "t",
        partition: 0,
        cause: "refused",
        reason: "value refused by the database",
      })),
    );
    // Bisection, not one call per message: about 2·log2(100) calls per bad message.
    expect(calls.length).toBeLessThan(45);
  });

  it("retries any other failure with exponential backoff, dead-letters nothing and commits only after success", async () => {
    const { waits, sleep } = recordingSleep();
    bus = new InMemoryEventBus({ retryBackoffMs: 100, maxRetryBackoffMs: 1000, sleep });
    await publishIds("e1", "e2", "e3");
    let committedWhileFailing: string | undefined = "not read";
    const { stored, calls } = await consume((_batch, call) => {
      if (call < 7) {
        committedWhileFailing = bus.committedOffset("g", "t");
        return new Error("connect ECONNREFUSED 127.0.0.1:5432");
      }
      return undefined;
    });
    await eventually("commit", () => bus.committedOffset("g", "t") === "3");

    expect(committedWhileFailing).toBeUndefined();
    expect(waits).toEqual([100, 200, 400, 800, 1000, 1000]);
    expect(calls).toEqual(Array.from({ length: 7 }, () => ["e1", "e2", "e3"]));
    expect(stored).toEqual(["e1", "e2", "e3"]);
    expect(bus.messages("t.dlq")).toEqual([]);
  });

  it("retries a half that fails transiently while splitting, and still dead-letters the refused message once", async () => {
    const { sleep } = recordingSleep();
    bus = new InMemoryEventBus({ sleep });
    await publishIds("e0", "e1", "bad", "e3", "e4", "e5");
    let outage = 2;
    const { stored } = await consume((batch) => {
      if (batch.includes("bad")) return refusal("refused");
      // The database goes away just as the second half is tried.
      if (batch.includes("e5") && outage-- > 0) return new Error("CONNECTION_CLOSED");
      return undefined;
    });
    await eventually("commit", () => bus.committedOffset("g", "t") === "6");
    expect(stored).toEqual(["e0", "e1", "e3", "e4", "e5"]);
    expect(bus.messages("t.dlq")).toHaveLength(1);
  });

  it("retries a dead letter the broker does not take, and commits nothing past it meanwhile", async () => {
    const { sleep } = recordingSleep();
    let refusedPublishes = 3;
    let committedWhileDown: string | undefined = "not read";
    class FlakyDeadLetterBus extends InMemoryEventBus {
      constructor(options: InMemoryEventBusOptions) {
        super(options);
      }
      override async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
        if (topic.endsWith(".dlq") && refusedPublishes-- > 0) {
          committedWhileDown = this.committedOffset("g", "t");
          throw new Error("broker unreachable");
        }
        return super.publish(topic, messages);
      }
    }
    bus = new FlakyDeadLetterBus({ sleep });
    await publishIds("e0", "bad", "e2");
    const { stored } = await consume((batch) => (batch.includes("bad") ? refusal("refused") : undefined));
    await eventually("commit", () => bus.committedOffset("g", "t") === "3");
    expect(committedWhileDown).toBeUndefined();
    expect(stored).toEqual(["e0", "e2"]);
    expect(bus.messages("t.dlq")).toHaveLength(1);
  });

  it("stopping while retrying commits only what is settled, and the group resumes at the first message that is not", async () => {
    bus = new InMemoryEventBus({ retryBackoffMs: 5 });
    await publishIds("e0", "bad", "e2", "e3");
    const first = await consume((batch) => {
      if (batch.includes("bad")) return refusal("refused");
      if (batch.includes("e2")) return new Error("database down");
      return undefined;
    });
    await eventually("retrying e2", () => first.calls.filter((batch) => batch.includes("e2")).length > 3);
    await first.consumer.stop();
    expect(first.stored).toEqual(["e0"]);
    expect(bus.committedOffset("g", "t")).toBe("2");

    const second = await consume(() => undefined);
    await eventually("resumed", () => bus.committedOffset("g", "t") === "4");
    expect(second.calls).toEqual([["e2", "e3"]]);
    expect(bus.messages("t.dlq")).toHaveLength(1);
  });
});
