import { describe, expect, it } from "vitest";
import { thresholdUnit } from "./threshold-unit";

describe("thresholdUnit", () => {
  it("reads the unit from the threshold's name", () => {
    expect(thresholdUnit("maxCancelAfterFillMs")).toBe("ms");
    expect(thresholdUnit("minSustainedSeconds")).toBe("s");
    expect(thresholdUnit("maxTouchDistanceBps")).toBe("bps");
    expect(thresholdUnit("minCancelRatio")).toBe("fraction (0–1)");
    expect(thresholdUnit("minUnwoundFraction")).toBe("fraction (0–1)");
    expect(thresholdUnit("minMoveCaptured")).toBe("fraction (0–1)");
    expect(thresholdUnit("largeVsUserMedian")).toBe("× (multiple)");
    expect(thresholdUnit("minCancelledToFilled")).toBe("× (multiple)");
    expect(thresholdUnit("minMessagesPerSecond")).toBe("per second");
    expect(thresholdUnit("minBlockNotional")).toBe("currency");
    expect(thresholdUnit("minBlockQuantity")).toBe("shares");
    expect(thresholdUnit("minLayers")).toBe("count");
  });
});
