import { PortfolioError } from "@nexus/services/portfolio";
import type { PortfolioAnalytics, PortfolioSummary } from "@nexus/services/portfolio";
import { describe, expect, it } from "vitest";
import { portfolioMetrics } from "./portfolio-metrics.js";

const at = new Date(Date.UTC(2026, 11, 7, 14, 30));
const summary = { userId: "u1", openPositions: 0 } as unknown as PortfolioSummary;
const analytics = (risk: PortfolioAnalytics["risk"]) => ({ summary: () => Promise.resolve(summary), risk });

describe("the portfolio.metrics message", () => {
  it("carries the summary and the four methods' VaR at the screen's defaults", async () => {
    const asked: unknown[] = [];
    const message = await portfolioMetrics(
      analytics((_userId, input) => {
        asked.push(input);
        return Promise.resolve([{ method: "historical", var: "12.5" }]);
      }),
      "u1",
      () => at,
    );
    expect(asked).toEqual([{ metric: "var" }]);
    expect(message).toEqual({
      type: "portfolio.metrics",
      userId: "u1",
      at: "2026-12-07T14:30:00.000Z",
      summary: { userId: "u1", openPositions: 0 },
      var: [{ method: "historical", var: "12.5" }],
      varRefused: null,
    });
  });

  it("still sends the summary when the engine refuses the VaR, with its reason", async () => {
    const refusal = new PortfolioError("no_exposure", "Nothing is held: there is no VaR to compute.");
    const message = await portfolioMetrics(
      analytics(() => Promise.reject(refusal)),
      "u1",
      () => at,
    );
    expect(message).toMatchObject({ var: null, varRefused: "Nothing is held: there is no VaR to compute." });
  });

  it("fails on anything else (the socket logs it and sends nothing)", async () => {
    const failing = analytics(() => Promise.reject(new Error("database away")));
    await expect(portfolioMetrics(failing, "u1", () => at)).rejects.toThrow("database away");
  });
});
