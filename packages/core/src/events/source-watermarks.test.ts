import { describe, expect, it } from "vitest";
import { SourceWatermarks } from "./source-watermarks";

describe("SourceWatermarks", () => {
  it("has no frontier before any source was read, nor while every source is caught up", () => {
    const sources = new SourceWatermarks(1_000);
    expect(sources.frontierMs()).toBe(Number.POSITIVE_INFINITY);
    sources.advance("orders.created/0", 5_000, true);
    sources.advance("trades.executed/0", 9_000, true);
    expect(sources.frontierMs()).toBe(Number.POSITIVE_INFINITY);
  });

  it("puts the frontier at the least event time read from the sources that still have a backlog", () => {
    const sources = new SourceWatermarks(1_000);
    sources.advance("orders.created/0", 5_000, false);
    sources.advance("trades.executed/0", 60_000, false);
    sources.advance("orders.cancelled/0", 2_000, true);
    expect(sources.frontierMs()).toBe(5_000);
    // A watermark never moves back: a batch of earlier events (late ones) leaves it where it was.
    sources.advance("orders.created/0", 4_000, false);
    expect(sources.frontierMs()).toBe(5_000);
    sources.advance("orders.created/0", 61_000, true);
    expect(sources.frontierMs()).toBe(60_000);
  });

  it("keeps a source that delivered nothing timed at its watermark, and can hold everything back", () => {
    const sources = new SourceWatermarks(1_000);
    sources.advance("orders.created/0", undefined, false);
    expect(sources.frontierMs()).toBe(Number.NEGATIVE_INFINITY);
    sources.advance("orders.created/0", 3_000, false);
    sources.advance("orders.created/0", undefined, true);
    expect(sources.frontierMs()).toBe(Number.POSITIVE_INFINITY);
  });

  it("holds everything back for a source expected to have a backlog until its first batch, and leaves a read source as it is", () => {
    const sources = new SourceWatermarks(1_000);
    sources.advance("trades.executed/0", 60_000, true);
    sources.expect("orders.created/0");
    sources.expect("trades.executed/0");
    expect(sources.frontierMs()).toBe(Number.NEGATIVE_INFINITY);
    sources.advance("orders.created/0", 5_000, false);
    expect(sources.frontierMs()).toBe(5_000);
  });

  it("pauses a source more than the window ahead of the frontier and resumes it when the frontier comes within it", () => {
    const sources = new SourceWatermarks(1_000);
    sources.advance("orders.created/0", 5_000, false);
    sources.advance("trades.executed/0", 6_000, false);
    expect(sources.align()).toEqual({ pause: [], resume: [] });
    sources.advance("trades.executed/0", 6_001, false);
    expect(sources.align()).toEqual({ pause: ["trades.executed/0"], resume: [] });
    // Already paused: not asked again.
    expect(sources.align()).toEqual({ pause: [], resume: [] });
    // The paused source does not set the pace: the frontier is the orders' watermark.
    sources.advance("orders.created/0", 5_001, false);
    expect(sources.align()).toEqual({ pause: [], resume: ["trades.executed/0"] });
  });

  it("resumes every paused source once nothing lags any more", () => {
    const sources = new SourceWatermarks(0);
    sources.advance("orders.created/0", 1_000, false);
    sources.advance("trades.executed/0", 9_000, true);
    expect(sources.align()).toEqual({ pause: ["trades.executed/0"], resume: [] });
    sources.advance("orders.created/0", 2_000, true);
    expect(sources.align()).toEqual({ pause: [], resume: ["trades.executed/0"] });
  });

  it("forgets every source on reset and tells which were paused", () => {
    const sources = new SourceWatermarks(0);
    sources.advance("orders.created/0", 1_000, false);
    sources.advance("trades.executed/0", 9_000, false);
    sources.align();
    expect(sources.reset()).toEqual(["trades.executed/0"]);
    expect(sources.frontierMs()).toBe(Number.POSITIVE_INFINITY);
    expect(sources.reset()).toEqual([]);
  });

  it("refuses a negative or non-finite window", () => {
    expect(() => new SourceWatermarks(-1)).toThrow("windowMs must be a finite number >= 0, got -1");
    expect(() => new SourceWatermarks(Number.POSITIVE_INFINITY)).toThrow("windowMs");
  });
});
