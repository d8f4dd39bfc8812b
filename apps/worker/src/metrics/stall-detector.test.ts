import type { PartitionLag } from "@nexus/platform/bus";
import { describe, expect, it } from "vitest";
import { StallDetector } from "./stall-detector.js";

const reading = (partition: number, committed: number, end: number): PartitionLag => ({
  topic: "orders.created",
  partition,
  committedOffset: String(committed),
  endOffset: String(end),
  lag: end - committed,
});

describe("StallDetector", () => {
  it("reports a partition with lag whose committed offset has not moved for the threshold, naming it", () => {
    let now = 0;
    const detector = new StallDetector(30_000, () => now);
    expect(detector.observe([reading(0, 10, 10), reading(1, 5, 5)])).toEqual([]);
    now = 5_000;
    expect(detector.observe([reading(0, 10, 12), reading(1, 5, 9)])).toEqual([]);
    // Counted from the last reading that was caught up (t = 0), not from when the lag appeared.
    now = 29_999;
    expect(detector.observe([reading(0, 10, 40), reading(1, 9, 9)])).toEqual([]);
    now = 30_000;
    expect(detector.observe([reading(0, 10, 41), reading(1, 9, 9)])).toEqual([
      { topic: "orders.created", partition: 0, lag: 31, stalledForSeconds: 30 },
    ]);
  });

  it("is not stalled while the offset moves, however large the lag, and recovers once it moves again", () => {
    let now = 0;
    const detector = new StallDetector(30_000, () => now);
    for (let step = 1; step <= 10; step++) {
      now = step * 20_000;
      expect(detector.observe([reading(0, step * 1000, 1_000_000)])).toEqual([]);
    }
    now += 30_000;
    expect(detector.observe([reading(0, 10_000, 1_000_000)])).toHaveLength(1);
    now += 1;
    expect(detector.observe([reading(0, 10_001, 1_000_000)])).toEqual([]);
  });

  it("never calls a quiet partition stalled, and forgets a partition no longer held", () => {
    let now = 0;
    const detector = new StallDetector(30_000, () => now);
    detector.observe([reading(0, 3, 3)]);
    now = 60_000;
    expect(detector.observe([reading(0, 3, 3)])).toEqual([]);
    expect(detector.observe([reading(0, 3, 4)])).toEqual([]);
    // Revoked, then assigned again a minute later with lag: its clock starts afresh.
    now = 90_000;
    detector.observe([]);
    now = 150_000;
    expect(detector.observe([reading(0, 3, 4)])).toEqual([]);
  });
});
