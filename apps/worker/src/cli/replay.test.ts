import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { OutgoingMessage } from "@nexus/platform/bus";
import { exampleOrderLine, withFreshEventId } from "../../test/fixtures/events.js";
import { RecordingBus } from "../../test/recording-bus.js";
import type { JsonlLine } from "./jsonl.js";
import { readJsonlLines } from "./jsonl.js";
import { replayToBus } from "./replay.js";

const fixture = fileURLToPath(new URL("../../test/fixtures/replay-sample.jsonl", import.meta.url));

describe("replayToBus", () => {
  it("publishes every line to its topic, keyed by symbol, the invalid one included for the consumer to dead-letter", async () => {
    const bus = new RecordingBus();
    const summary = await replayToBus({
      lines: readJsonlLines(fixture),
      bus,
      topicFromEvent: false,
      skipInvalid: false,
    });
    expect(summary).toEqual({ lines: 4, published: 4, publishedInvalid: 1, skipped: [] });
    expect(bus.published.map(({ topic, message }) => [topic, message.key])).toEqual([
      ["orders.created", "AAPL"],
      ["orders.created", "AAPL"],
      ["trades.executed", "AAPL"],
      ["marketdata.quotes", "AAPL"],
    ]);
    // The invalid order goes out byte for byte as it was in the file.
    expect(String(bus.published[1]?.message.value)).toContain('"quantity":"-5"');
  });

  it("with skipInvalid, leaves the invalid line out and reports its line number", async () => {
    const bus = new RecordingBus();
    const summary = await replayToBus({
      lines: readJsonlLines(fixture),
      bus,
      topicFromEvent: false,
      skipInvalid: true,
    });
    expect(summary.published).toBe(3);
    expect(summary.skipped).toEqual([
      { lineNumber: 3, reason: "quantity: expected a positive decimal string" },
    ]);
    expect(bus.published).toHaveLength(3);
  });

  it("reports progress up to the file's last byte", async () => {
    const seen: number[] = [];
    await replayToBus({
      lines: readJsonlLines(fixture),
      bus: new RecordingBus(),
      topicFromEvent: false,
      skipInvalid: false,
      onProgress: (bytes) => seen.push(bytes),
    });
    expect(seen).toHaveLength(4);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it("publishes a large file in chunks of at most 1000 messages, in file order", async () => {
    const sizes: number[] = [];
    const bus = new (class extends RecordingBus {
      override async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
        sizes.push(messages.length);
        await super.publish(topic, messages);
      }
    })();
    const orders = Array.from({ length: 2500 }, () => withFreshEventId(exampleOrderLine).line);
    async function* lines(): AsyncGenerator<JsonlLine> {
      for (const [index, text] of orders.entries()) yield { lineNumber: index + 1, text, bytesRead: 0 };
    }
    const summary = await replayToBus({ lines: lines(), bus, topicFromEvent: false, skipInvalid: false });
    expect(summary.published).toBe(2500);
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(bus.published.map(({ message }) => message.value)).toEqual(orders);
  });
});
