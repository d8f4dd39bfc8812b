/** Why an account change was refused. */
export type UserAdminProblem = "invalid" | "duplicate_email" | "unknown_user" | "self_disable" | "last_admin";

/** The input fields of an account a refusal can be about. */
export const ACCOUNT_FIELDS = ["email", "name", "role", "password"] as const;
export type AccountField = (typeof ACCOUNT_FIELDS)[number];

/**
 * A refusal the person asking can act on (another email, another password, another account): the
 * message says what, and `field` names the input at fault where there is one. Anything else a use case
 * throws is a fault, not a refusal.
 */
export class UserAdminError extends Error {
  readonly problem: UserAdminProblem;
  readonly field: AccountField | undefined;

  constructor(problem: UserAdminProblem, message: string, field?: AccountField) {
    super(message);
    this.name = "UserAdminError";
    this.problem = problem;
    this.field = field;
  }
}
