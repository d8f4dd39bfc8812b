import { describe, expect, it } from "vitest";
import { streamBatchDetector } from "./batch-adapter";
import { eventTimeMs, isoOf } from "./event-time";
import { moveBps } from "./evidence";
import { at } from "./flow.fixture";
import { LogMedian } from "./log-median";
import { Ring } from "./ring";
import { SlidingSum } from "./sliding-sum";
import type { PatternDetector } from "./types";

describe("event time", () => {
  it("keeps digits finer than a millisecond, for either UTC form", () => {
    const base = Date.parse("2026-11-24T14:30:00Z");
    expect(eventTimeMs("2026-11-24T14:30:00Z")).toBe(base);
    expect(eventTimeMs("2026-11-24T14:30:00.5Z")).toBe(base + 500);
    expect(eventTimeMs("2026-11-24T14:30:00.123456Z") - base).toBeCloseTo(123.456, 3);
    expect(eventTimeMs("2026-11-24T14:30:00.123+00:00")).toBe(base + 123);
    expect(isoOf(base + 123.9)).toBe("2026-11-24T14:30:00.123Z");
  });

  it("reads the calendar as Date.parse does: leap days, centuries, year 1 and 9999, one or two fraction digits", () => {
    for (const iso of [
      "1970-01-01T00:00:00Z",
      "1969-12-31T23:59:59.999Z",
      "2000-02-29T12:00:00.25Z",
      "1900-03-01T00:00:00Z",
      "2016-06-24T13:30:00.1+00:00",
      "0001-01-01T00:00:00Z",
      "9999-12-31T23:59:59.999Z",
    ]) {
      expect(eventTimeMs(iso), iso).toBe(Date.parse(iso));
    }
    // Every day of four years (a leap year among them) and every month's first second.
    for (
      let time = Date.parse("2023-01-01T00:00:00Z");
      time < Date.parse("2027-01-01T00:00:00Z");
      time += 86_399_001
    ) {
      const iso = new Date(time).toISOString();
      expect(eventTimeMs(iso), iso).toBe(time);
    }
  });
});

describe("sliding sum", () => {
  it("sums the last window of event time, and drops what falls out of it", () => {
    const sum = new SlidingSum(1000);
    sum.add(0, 1);
    sum.add(500, 2);
    expect(sum.sum(900)).toBe(3);
    expect(sum.sum(1050)).toBe(2);
    sum.add(400, 5); // a little out of order, still inside the ring
    expect(sum.sum(1050)).toBe(7);
    sum.add(-5000, 100); // far too old: ignored
    expect(sum.sum(1050)).toBe(7);
    expect(sum.sum(60_000)).toBe(0);
  });
});

describe("ring", () => {
  it("keeps the newest items and walks them both ways", () => {
    const ring = new Ring<number>(3);
    for (const value of [1, 2, 3, 4]) ring.push(value);
    expect([...ring]).toEqual([2, 3, 4]);
    const seen: number[] = [];
    ring.visitNewestFirst((value) => {
      seen.push(value);
      return value > 3;
    });
    expect(seen).toEqual([4, 3]);
  });
});

describe("log median", () => {
  it("starts at the first size and follows the geometric centre of the sizes", () => {
    const median = new LogMedian();
    expect(median.median()).toBe(1);
    median.add(400);
    expect(median.median()).toBeCloseTo(400, 9);
    median.add(100);
    expect(median.median()).toBeCloseTo(200, 9);
  });
});

describe("moveBps", () => {
  it("is positive in the direction of the side", () => {
    expect(moveBps("buy", 100, 101)).toBeCloseTo(100, 9);
    expect(moveBps("sell", 100, 99)).toBeCloseTo(100, 9);
  });
});

describe("batch detector on the stream", () => {
  it("delegates detect and its thresholds, which only the detector itself can change", () => {
    const detector: PatternDetector = {
      name: "custom",
      type: "momentum",
      detect: () => [],
      getThresholdConfig: () => ({ k: { value: 1, description: "k" } }),
    };
    const streaming = streamBatchDetector(detector, { lookbackMs: 1000, maxEvents: 10 });
    expect(streaming.detect([], [], { from: at(0), to: at(1) })).toEqual([]);
    expect(streaming.getThresholdConfig()).toEqual({ k: { value: 1, description: "k" } });
    expect(() => streaming.updateThresholds({ k: 2 })).toThrow(/custom: a batch detector's thresholds/);
    expect(() => streaming.forSymbol(undefined as never).evictIdle(0)).not.toThrow();
  });
});
