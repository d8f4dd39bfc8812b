/** What a report request can get wrong: the message names the field; the API maps the problem to a status. */
export type ReportProblem = "invalid" | "unknown_customer" | "unknown_venue";

export class ReportError extends Error {
  constructor(
    readonly problem: ReportProblem,
    message: string,
  ) {
    super(message);
    this.name = "ReportError";
  }
}
