import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { BackgroundPublisher } from "./background-publisher";
import type { OutgoingMessage } from "./types";

/** A bus that records each send, refusing while `down` is set; `hold` keeps a send in flight until released. */
function recordingBus() {
  const sends: { topic: string; values: string[] }[] = [];
  const state = { down: false, hold: undefined as Promise<void> | undefined };
  return {
    sends,
    state,
    async publish(topic: string, messages: OutgoingMessage[]) {
      if (state.hold !== undefined) await state.hold;
      if (state.down) throw new Error("broker unreachable");
      sends.push({ topic, values: messages.map((message) => String(message.value)) });
    },
  };
}

const messages = (...values: string[]) => values.map((value) => ({ key: "AAPL", value }));

/** Waits until `check` holds, turn by turn. */
async function until(check: () => boolean) {
  for (let turn = 0; turn < 1000 && !check(); turn++) await nextTurn();
  expect(check()).toBe(true);
}

describe("BackgroundPublisher", () => {
  it("returns at once and sends what one turn queued as one batch per topic, in order", async () => {
    const bus = recordingBus();
    const publisher = new BackgroundPublisher({ bus, maxPending: 100 });
    publisher.publish("routing.decisions", messages("a", "b"));
    publisher.publish("routing.decisions", messages("c"));
    publisher.publish("routing.executions", messages("x"));
    publisher.publish("routing.executions", []);
    expect(bus.sends).toEqual([]);
    expect(publisher.pending).toBe(4);
    await until(() => publisher.pending === 0);
    expect(bus.sends).toEqual([
      { topic: "routing.decisions", values: ["a", "b", "c"] },
      { topic: "routing.executions", values: ["x"] },
    ]);
  });

  it("sends what came during a send as the next batch, one send in flight per topic", async () => {
    const bus = recordingBus();
    let release = () => undefined as void;
    bus.state.hold = new Promise<void>((resolve) => (release = resolve));
    const publisher = new BackgroundPublisher({ bus, maxPending: 100 });
    publisher.publish("t", messages("1"));
    await nextTurn();
    publisher.publish("t", messages("2"));
    publisher.publish("t", messages("3"));
    bus.state.hold = undefined;
    release();
    await until(() => publisher.pending === 0);
    expect(bus.sends.map((send) => send.values)).toEqual([["1"], ["2", "3"]]);
  });

  it("sends at most 500 messages at a time", async () => {
    const bus = recordingBus();
    const publisher = new BackgroundPublisher({ bus, maxPending: 1000 });
    publisher.publish("t", messages(...Array.from({ length: 501 }, (_, index) => String(index))));
    await until(() => publisher.pending === 0);
    expect(bus.sends.map((send) => send.values.length)).toEqual([500, 1]);
  });

  it("sends a refused batch again after a growing pause, before anything queued after it", async () => {
    const bus = recordingBus();
    bus.state.down = true;
    const pauses: number[] = [];
    const retries: [string, string, number][] = [];
    const publisher = new BackgroundPublisher({
      bus,
      maxPending: 100,
      retryBackoffMs: 100,
      maxRetryBackoffMs: 300,
      sleep: async (ms) => {
        pauses.push(ms);
        // Back up once three tries failed.
        if (pauses.length === 3) bus.state.down = false;
        await nextTurn();
      },
      onRetry: (error, topic, pending) => retries.push([(error as Error).message, topic, pending]),
    });
    publisher.publish("t", messages("first"));
    await until(() => pauses.length === 1);
    expect((publisher.lastFailure as Error).message).toBe("broker unreachable");
    publisher.publish("t", messages("second"));
    await until(() => publisher.pending === 0);
    expect(pauses).toEqual([100, 200, 300]);
    expect(retries[0]).toEqual(["broker unreachable", "t", 1]);
    expect(retries.at(-1)).toEqual(["broker unreachable", "t", 2]);
    expect(bus.sends.map((send) => send.values)).toEqual([["first", "second"]]);
    expect(publisher.lastFailure).toBeUndefined();
  });

  it("stops accepting at maxPending and accepts again once sent", async () => {
    const bus = recordingBus();
    bus.state.down = true;
    const publisher = new BackgroundPublisher({ bus, maxPending: 2, sleep: () => nextTurn() });
    publisher.publish("t", messages("1"));
    expect(publisher.accepting).toBe(true);
    publisher.publish("t", messages("2"));
    expect(publisher.accepting).toBe(false);
    bus.state.down = false;
    await until(() => publisher.accepting);
    expect(publisher.pending).toBe(0);
  });

  it("closes once what is queued has gone", async () => {
    const bus = recordingBus();
    const publisher = new BackgroundPublisher({ bus, maxPending: 10 });
    publisher.publish("t", messages("last"));
    expect(await publisher.close(5_000)).toBe(0);
    expect(bus.sends).toEqual([{ topic: "t", values: ["last"] }]);
    expect(() => publisher.publish("t", messages("late"))).toThrow(
      "publishing to t after the publisher closed",
    );
  });

  it("gives up at close after the timeout, telling how many never went, and stops retrying", async () => {
    const bus = recordingBus();
    bus.state.down = true;
    let tries = 0;
    const publisher = new BackgroundPublisher({
      bus,
      maxPending: 10,
      retryBackoffMs: 5,
      onRetry: () => tries++,
    });
    publisher.publish("t", messages("1", "2"));
    expect(await publisher.close(30)).toBe(2);
    const triesAtClose = tries;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tries).toBe(triesAtClose);
  });

  it("closes at once with nothing queued", async () => {
    const publisher = new BackgroundPublisher({ bus: recordingBus(), maxPending: 10 });
    expect(await publisher.close(60_000)).toBe(0);
  });
});
