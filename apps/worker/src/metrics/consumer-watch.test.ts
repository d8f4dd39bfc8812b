import { InMemoryEventBus } from "@nexus/platform/bus";
import type { Consumer } from "@nexus/platform/bus";
import { createLogger } from "@nexus/platform/logger";
import { createMetrics } from "@nexus/platform/metrics";
import { afterEach, describe, expect, it } from "vitest";
import { watchConsumer } from "./consumer-watch.js";
import type { ConsumerWatch } from "./consumer-watch.js";
import { createIngestMetrics } from "./ingest-metrics.js";

const logger = createLogger({ name: "consumer-watch-test", level: "silent" });

describe("watchConsumer", () => {
  let bus: InMemoryEventBus | undefined;
  let consumer: Consumer | undefined;
  let watch: ConsumerWatch | undefined;
  afterEach(async () => {
    watch?.stop();
    await consumer?.stop();
    await bus?.close();
  });

  it("reports a partition stuck on a failing batch as stalled after 30 s, with its lag on /metrics, until it moves", async () => {
    let now = 1_000_000;
    let databaseDown = true;
    bus = new InMemoryEventBus({ retryBackoffMs: 1, maxRetryBackoffMs: 1 });
    await bus.publish("orders.created", [{ value: "a" }, { value: "b" }, { value: "c" }]);
    consumer = await bus.subscribe({
      groupId: "ingest",
      topics: ["orders.created"],
      fromBeginning: true,
      decode: (message) => ({ ok: true, value: message }),
      handleBatch: async () => {
        if (databaseDown) throw new Error("connect ECONNREFUSED 127.0.0.1:5432");
      },
    });
    const metrics = createMetrics();
    watch = watchConsumer({
      consumer,
      metrics: createIngestMetrics(metrics),
      logger,
      stallAfterMs: 30_000,
      now: () => now,
    });
    const scrape = async () => (await metrics.render()).body;

    expect(await watch.check()).toEqual([]);
    now += 29_999;
    expect(await watch.check()).toEqual([]);
    now += 1;
    expect(await watch.check()).toEqual([
      { topic: "orders.created", partition: 0, lag: 3, stalledForSeconds: 30 },
    ]);
    expect(await scrape()).toMatch(
      /^nexus_ingest_consumer_lag_messages\{topic="orders\.created",partition="0"\} 3$/m,
    );
    expect(await scrape()).toMatch(/^nexus_ingest_stalled_partitions 1$/m);

    databaseDown = false;
    await expect.poll(() => bus?.committedOffset("ingest", "orders.created")).toBe("3");
    now += 1_000;
    expect(await watch.check()).toEqual([]);
    expect(await scrape()).toMatch(
      /^nexus_ingest_consumer_lag_messages\{topic="orders\.created",partition="0"\} 0$/m,
    );
    expect(await scrape()).toMatch(/^nexus_ingest_stalled_partitions 0$/m);
  });
});
