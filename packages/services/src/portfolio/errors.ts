import type { AnalyticsError } from "@nexus/core/analytics";

/**
 * Why a portfolio request was refused: the engine's own refusals (too little history, an unknown symbol,
 * an argument out of its domain, nothing to measure), `unknown_flag` (no suspected move to confirm),
 * `unknown_account` (no trader to record a deposit or withdrawal for) and `orders_unavailable` (the Orders
 * service positions are synced from could not be reached or answered nonsense; try again later).
 * The message says what to change; anything else a use case throws is a fault.
 */
export type PortfolioProblem =
  AnalyticsError["kind"] | "unknown_flag" | "unknown_account" | "orders_unavailable";

export class PortfolioError extends Error {
  readonly problem: PortfolioProblem;
  /** The input field at fault, when the engine named one. */
  readonly field: string | undefined;

  constructor(problem: PortfolioProblem, message: string, field?: string) {
    super(message);
    this.name = "PortfolioError";
    this.problem = problem;
    this.field = field;
  }

  static fromAnalytics(error: AnalyticsError): PortfolioError {
    return new PortfolioError(error.kind, error.message, "field" in error ? error.field : undefined);
  }
}
