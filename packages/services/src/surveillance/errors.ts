import type { z } from "zod";

/** Why a surveillance change was refused. */
export type SurveillanceProblem =
  "invalid" | "unknown_halt" | "halt_not_active" | "unknown_alert" | "invalid_transition" | "four_eyes";

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

/**
 * The input as `schema` reads it, or a refusal naming the first field at fault (`desks.0.desk_id: ...`,
 * `unknown key in desks.0: traders`); `whole` names the input itself when the fault is at its root.
 */
export function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown, whole = "input"): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  const field = issue?.path.map(String).join(".") || whole;
  if (issue?.code === "unrecognized_keys") {
    const where = issue.path.length === 0 ? "" : ` in ${field}`;
    const keys = issue.keys.join(", ");
    throw new SurveillanceError(
      "invalid",
      `unknown key${issue.keys.length > 1 ? "s" : ""}${where}: ${keys}`,
      field,
    );
  }
  throw new SurveillanceError("invalid", `${field}: ${issue?.message ?? "invalid"}`, field);
}
