/**
 * What the ingest service exposes on /metrics. Names follow Prometheus conventions (`_total` counters,
 * base units, seconds for durations).
 */
import type { DeadLetterNotice, PartitionLag } from "@nexus/platform/bus";
import type { Metrics } from "@nexus/platform/metrics";
import { ThroughputWindow } from "./throughput.js";

export interface BatchOutcome {
  /** Decoded events of the batch, per source topic. */
  eventsByTopic: ReadonlyMap<string, number>;
  /** Events already stored before (redeliveries, replays): dropped by event_id. */
  duplicates: number;
  durationSeconds: number;
  /** Broker timestamp of the oldest message of the batch, ms since epoch. */
  oldestTimestampMs: number;
}

/** What the bus does after a failed persist: retry the same events, or split them to isolate refused ones. */
export type FailedBatchOutcome = "retried" | "split";

export interface IngestMetrics {
  recordBatch(outcome: BatchOutcome): void;
  /** A message published to `<topic>.dlq`: undecodable, or refused by the database. */
  recordDeadLettered(notice: DeadLetterNotice): void;
  recordFailedBatch(outcome: FailedBatchOutcome): void;
  /** The consumer's lag on each partition it holds, and how many of them are stalled. */
  recordConsumerLag(partitions: readonly PartitionLag[], stalled: number): void;
  /** Brings time-based gauges up to date; called before each scrape so an idle worker reads 0 events/s. */
  refresh(): void;
  /** Events stored per second over the last 10 s, and the lag last read over all partitions (status bar). */
  current(): { eventsPerSecond: number; lag: number };
}

export function createIngestMetrics(metrics: Metrics, now: () => number = Date.now): IngestMetrics {
  const ingested = metrics.counter(
    "nexus_ingest_events_total",
    "Events decoded and persisted, by source topic.",
    ["topic"],
  );
  const duplicates = metrics.counter(
    "nexus_ingest_duplicate_events_total",
    "Delivered events already stored (at-least-once redelivery), dropped by event_id.",
  );
  const deadLettered = metrics.counter(
    "nexus_ingest_dead_lettered_total",
    "Messages published to <topic>.dlq, by source topic and cause (undecodable, or refused by the database).",
    ["topic", "cause"],
  );
  const failedBatches = metrics.counter(
    "nexus_ingest_failed_batches_total",
    "Persist calls that failed, by what followed: retried (database unreachable or unrecognised error) or split (the database refused an event).",
    ["outcome"],
  );
  const consumerLag = metrics.gauge(
    "nexus_ingest_consumer_lag_messages",
    "Messages published and not yet committed by the ingest group, per partition this worker holds.",
    ["topic", "partition"],
  );
  const stalledPartitions = metrics.gauge(
    "nexus_ingest_stalled_partitions",
    "Partitions this worker holds with lag and no committed progress for the stall threshold (/readyz is 503 meanwhile).",
  );
  const batchDuration = metrics.histogram(
    "nexus_ingest_batch_duration_seconds",
    "Time to persist one delivered batch.",
    [],
    [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  );
  const batchSize = metrics.histogram(
    "nexus_ingest_batch_events",
    "Decoded events per delivered batch.",
    [],
    [1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10000],
  );
  const lag = metrics.gauge(
    "nexus_ingest_lag_seconds",
    "Consumer lag in time: now minus the broker timestamp of the oldest message of the last batch.",
  );
  const throughput = new ThroughputWindow(10_000, now);
  let totalLag = 0;
  const eventsPerSecond = metrics.gauge(
    "nexus_ingest_events_per_second",
    "Events persisted per second over the last 10 s (refreshed at each scrape).",
  );

  return {
    recordBatch(outcome) {
      let total = 0;
      for (const [topic, count] of outcome.eventsByTopic) {
        ingested.inc({ topic }, count);
        total += count;
      }
      duplicates.inc(outcome.duplicates);
      batchDuration.observe(outcome.durationSeconds);
      batchSize.observe(total);
      lag.set(Math.max(0, (now() - outcome.oldestTimestampMs) / 1000));
      throughput.record(total);
    },
    recordDeadLettered({ topic, cause }) {
      deadLettered.inc({ topic, cause });
    },
    recordFailedBatch(outcome) {
      failedBatches.inc({ outcome });
    },
    recordConsumerLag(partitions, stalled) {
      // Reset first: a partition handed to another replica must not keep reporting its last lag here.
      consumerLag.reset();
      totalLag = 0;
      for (const { topic, partition, lag } of partitions) {
        consumerLag.set({ topic, partition: String(partition) }, lag);
        totalLag += lag;
      }
      stalledPartitions.set(stalled);
    },
    refresh() {
      eventsPerSecond.set(throughput.perSecond());
    },
    current: () => ({ eventsPerSecond: throughput.perSecond(), lag: totalLag }),
  };
}
