/** Why a surveillance change was refused. */
export type SurveillanceProblem =
  "invalid" | "unknown_halt" | "halt_not_active" | "unknown_alert" | "invalid_transition";

/** A refusal the person asking can act on; `field` names the input at fault where there is one. */
export class SurveillanceError extends Error {
  readonly problem: SurveillanceProblem;
  readonly field: string | undefined;

  constructor(problem: SurveillanceProblem, message: string, field?: string) {
    super(message);
    this.name = "SurveillanceError";
    this.problem = problem;
    this.field = field;
  }
}
