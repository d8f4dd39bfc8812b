import { describe, expect, it } from "vitest";
import { ThroughputWindow } from "./throughput.js";

describe("ThroughputWindow", () => {
  it("reads 0 before anything was recorded", () => {
    expect(new ThroughputWindow(10_000, () => 0).perSecond()).toBe(0);
  });

  it("averages the events of the window over its length", () => {
    let now = 1_000;
    const window = new ThroughputWindow(10_000, () => now);
    window.record(30_000);
    now += 5_000;
    window.record(20_000);
    expect(window.perSecond()).toBe(5_000);
  });

  it("forgets a sample exactly one window after it was recorded, so an idle worker reads 0", () => {
    let now = 0;
    const window = new ThroughputWindow(10_000, () => now);
    window.record(100);
    now = 9_999;
    expect(window.perSecond()).toBe(10);
    now = 10_000;
    expect(window.perSecond()).toBe(0);
  });
});
