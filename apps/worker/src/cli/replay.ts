/**
 * `nexus replay`: a JSONL file of events either published to Kafka (the consumers then see it exactly
 * as live flow, bad lines included, which they dead-letter) or, with --ingest, decoded and written
 * straight to the database through the ingest service's own persistence.
 */
import type { Database } from "@nexus/db/client";
import type { ConsumedEvent } from "@nexus/core/events";
import type { EventBus, OutgoingMessage } from "@nexus/platform/bus";
import { persistEvents } from "../ingest/persist.js";
import type { JsonlLine } from "./jsonl.js";
import { routeLine } from "./route-line.js";

export interface RejectedLine {
  lineNumber: number;
  reason: string;
}

export interface BusReplaySummary {
  lines: number;
  published: number;
  /** Published although they do not decode (the consumer dead-letters them). */
  publishedInvalid: number;
  /** Not published: no topic could be derived, or invalid under --skip-invalid. */
  skipped: RejectedLine[];
}

export interface DatabaseReplaySummary {
  lines: number;
  stored: number;
  /** Valid events whose event_id was already stored. */
  duplicates: number;
  invalid: RejectedLine[];
}

/** Called after each line with the bytes consumed so far (drives the progress bar). */
export type ProgressListener = (bytesRead: number) => void;

/** Messages per publish call: large enough to amortise a produce request, small enough to bound memory. */
const PUBLISH_CHUNK = 1000;

export async function replayToBus(options: {
  lines: AsyncIterable<JsonlLine>;
  bus: EventBus;
  topicFromEvent: boolean;
  skipInvalid: boolean;
  onProgress?: ProgressListener;
}): Promise<BusReplaySummary> {
  const summary: BusReplaySummary = { lines: 0, published: 0, publishedInvalid: 0, skipped: [] };
  // Per topic, in file order: per-symbol order within a topic is what consumers rely on.
  let pending = new Map<string, OutgoingMessage[]>();
  let pendingCount = 0;
  const flush = async (): Promise<void> => {
    for (const [topic, messages] of pending) await options.bus.publish(topic, messages);
    summary.published += pendingCount;
    pending = new Map();
    pendingCount = 0;
  };

  for await (const line of options.lines) {
    summary.lines += 1;
    const routed = routeLine(line.text, { topicFromEvent: options.topicFromEvent });
    if (!routed.ok) {
      summary.skipped.push({ lineNumber: line.lineNumber, reason: routed.reason });
    } else if (!routed.decoded.ok && options.skipInvalid) {
      summary.skipped.push({ lineNumber: line.lineNumber, reason: routed.decoded.reason });
    } else {
      if (!routed.decoded.ok) summary.publishedInvalid += 1;
      const messages = pending.get(routed.topic) ?? [];
      pending.set(routed.topic, messages);
      messages.push({ key: routed.key, value: routed.value });
      pendingCount += 1;
      if (pendingCount >= PUBLISH_CHUNK) await flush();
    }
    options.onProgress?.(line.bytesRead);
  }
  await flush();
  return summary;
}

export async function replayToDatabase(options: {
  lines: AsyncIterable<JsonlLine>;
  db: Database;
  /** Events buffered per write. */
  batchMax: number;
  onProgress?: ProgressListener;
}): Promise<DatabaseReplaySummary> {
  const summary: DatabaseReplaySummary = { lines: 0, stored: 0, duplicates: 0, invalid: [] };
  let pending: ConsumedEvent[] = [];
  const flush = async (): Promise<void> => {
    const outcome = await persistEvents(options.db, pending);
    summary.stored += outcome.stored;
    summary.duplicates += outcome.duplicates;
    pending = [];
  };

  for await (const line of options.lines) {
    summary.lines += 1;
    const routed = routeLine(line.text, { topicFromEvent: false });
    if (!routed.ok) summary.invalid.push({ lineNumber: line.lineNumber, reason: routed.reason });
    else if (!routed.decoded.ok)
      summary.invalid.push({ lineNumber: line.lineNumber, reason: routed.decoded.reason });
    else {
      pending.push(routed.decoded.event);
      if (pending.length >= options.batchMax) await flush();
    }
    options.onProgress?.(line.bytesRead);
  }
  await flush();
  return summary;
}
