/**
 * Keeps an eye on the ingest consumer: reads its lag per partition (from committed offsets) every few
 * seconds and at each scrape or readiness probe, publishes it on /metrics, and tells /readyz which
 * partitions are stalled (stall-detector.ts). Reading on a timer, not only on probes, is what lets
 * "no progress for 30 s" be measured even when nobody asks.
 */
import type { Consumer } from "@nexus/platform/bus";
import type { Logger } from "@nexus/platform/logger";
import type { IngestMetrics } from "./ingest-metrics.js";
import { StallDetector } from "./stall-detector.js";
import type { StalledPartition } from "./stall-detector.js";

export interface ConsumerWatchOptions {
  consumer: Consumer;
  metrics: IngestMetrics;
  logger: Logger;
  /** Lag with no committed progress for this long is a stall (default 30 s). */
  stallAfterMs?: number;
  now?: () => number;
}

export interface ConsumerWatch {
  /** Reads the lag now (one reading at a time), updates the gauges and answers the stalled partitions. */
  check(): Promise<StalledPartition[]>;
  stop(): void;
}

export function watchConsumer(options: ConsumerWatchOptions): ConsumerWatch {
  const stallAfterMs = options.stallAfterMs ?? 30_000;
  const detector = new StallDetector(stallAfterMs, options.now ?? Date.now);
  let reported = new Set<string>();
  let inFlight: Promise<StalledPartition[]> | undefined;

  const read = async (): Promise<StalledPartition[]> => {
    const partitions = await options.consumer.lag();
    const stalled = detector.observe(partitions);
    options.metrics.recordConsumerLag(partitions, stalled.length);
    const now = new Set(stalled.map(({ topic, partition }) => `${topic}[${partition}]`));
    for (const partition of stalled)
      if (!reported.has(`${partition.topic}[${partition.partition}]`))
        options.logger.error(partition, "ingest partition stalled: lag and no committed progress");
    reported = now;
    return stalled;
  };

  const check = (): Promise<StalledPartition[]> => {
    inFlight ??= read().finally(() => (inFlight = undefined));
    return inFlight;
  };

  const timer = setInterval(
    () =>
      void check().catch((error: unknown) => options.logger.debug({ err: error }, "consumer lag not read")),
    Math.min(5_000, stallAfterMs / 3),
  );
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
