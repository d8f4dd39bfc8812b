import { describe, expect, it } from "vitest";
import * as analytics from "./index";

describe("@nexus/core/analytics public surface", () => {
  it("exposes the calculators and the spec's enums", () => {
    expect(analytics.VAR_METHODS).toEqual(["historical", "parametric", "monte_carlo", "cornish_fisher"]);
    expect(analytics.VaRMethod.MONTE_CARLO).toBe("monte_carlo");
    expect(analytics.HORIZON_DAYS).toEqual({ "1D": 1, "1W": 5, "1M": 21, "3M": 63, "1Y": 252 });
    expect(analytics.TimeHorizon.ONE_MONTH).toBe("1M");
    expect(analytics.SUSPECT_RETURN_THRESHOLD).toBe(0.4);
    for (const name of [
      "calculateVaR",
      "calculateVaRs",
      "marginalVaR",
      "calculatePerformance",
      "buildPriceHistory",
    ] as const) {
      expect(typeof analytics[name]).toBe("function");
    }
  });
});
