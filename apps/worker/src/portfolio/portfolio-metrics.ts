/**
 * The `portfolio.metrics` message of the portfolio WebSocket (http/portfolio-socket.ts): what the
 * Portfolio screen shows at the top, computed by the same PortfolioAnalytics (and so from the same cache)
 * the web app uses: the summary, and VaR with expected shortfall by the four methods at the screen's
 * defaults (99 %, one day, 252 trading days, sample volatility). A book the engine cannot measure (nothing
 * held, too little history) still gets its summary, with the engine's reason in `varRefused`.
 */
import { PortfolioError, toWire } from "@nexus/services/portfolio";
import type { PortfolioAnalytics, Wire } from "@nexus/services/portfolio";

export interface PortfolioMetricsMessage {
  type: "portfolio.metrics";
  userId: string;
  /** When the figures were computed (ISO 8601, UTC). */
  at: string;
  summary: Wire;
  var: Wire;
  varRefused: string | null;
}

export async function portfolioMetrics(
  analytics: Pick<PortfolioAnalytics, "summary" | "risk">,
  userId: string,
  clock: () => Date,
): Promise<PortfolioMetricsMessage> {
  const [summary, risk] = await Promise.all([
    analytics.summary(userId),
    analytics.risk(userId, { metric: "var" }).then(
      (value) => ({ value, refused: null }),
      (error: unknown) => {
        if (error instanceof PortfolioError) return { value: null, refused: error.message };
        throw error;
      },
    ),
  ]);
  return {
    type: "portfolio.metrics",
    userId,
    at: clock().toISOString(),
    summary: toWire(summary),
    var: risk.value,
    varRefused: risk.refused,
  };
}
