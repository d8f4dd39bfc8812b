import { describe, expect, it } from "vitest";
import { VenueStatisticsTracker } from "./venue-statistics";
import { d } from "./test-venues";

describe("VenueStatisticsTracker", () => {
  it("starts at the priors and learns an EWMA fill rate", () => {
    const tracker = new VenueStatisticsTracker("X", { fillRate: 0.5, latencyMs: 7 });
    expect(tracker.expectedFillRate()).toBe(0.5);
    expect(tracker.expectedLatencyMs()).toBe(7);
    expect(tracker.snapshot().successRate).toBe(1);
    expect(tracker.snapshot().priceImprovementPerShare.toFixed()).toBe("0");
    tracker.recordResponse(d(100), d(100), 3, d("1.5"));
    expect(tracker.expectedFillRate()).toBeCloseTo(0.55, 12);
    tracker.recordFailure("rejected", 1);
    expect(tracker.expectedFillRate()).toBeCloseTo(0.495, 12);
    const snapshot = tracker.snapshot();
    expect(snapshot.successRate).toBe(0.5);
    expect(snapshot.attempts).toBe(2);
    expect(snapshot.timeouts).toBe(0);
    expect(snapshot.priceImprovementPerShare.toFixed()).toBe("0.015");
  });

  it("counts timeouts and reads latency percentiles over a rolling window", () => {
    const tracker = new VenueStatisticsTracker(
      "X",
      { fillRate: 1, latencyMs: 7 },
      { fillRateAlpha: 0.1, latencyWindow: 100 },
    );
    for (let latency = 1; latency <= 150; latency += 1) tracker.recordResponse(d(1), d(1), latency, d(0));
    tracker.recordFailure("timeout", 250);
    const snapshot = tracker.snapshot();
    // window = the last 100: 52..150 and 250
    expect(snapshot.latencyP50Ms).toBe(101);
    expect(snapshot.latencyP99Ms).toBe(150);
    expect(snapshot.timeouts).toBe(1);
    expect(snapshot.sharesExecuted.toFixed()).toBe("150");
  });
});
