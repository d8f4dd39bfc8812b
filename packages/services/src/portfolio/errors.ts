import type { AnalyticsError } from "@nexus/core/analytics";

/**
 * Why a portfolio request was refused: the engine's own refusals (too little history, an unknown symbol,
 * an argument out of its domain, nothing to measure) and `unknown_flag` (no suspected move to confirm).
 * The message says what to change; anything else a use case throws is a fault.
 */
export type PortfolioProblem = AnalyticsError["kind"] | "unknown_flag";

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
