/** `@nexus/services/users`: administering the people who sign in, and how their passwords are kept. */
export { newAccountSchema } from "./account";
export type { Account, AccountRef, NewAccount } from "./account";
export { emailSchema, normalizeEmail } from "./email";
export { ACCOUNT_FIELDS, UserAdminError } from "./errors";
export type { AccountField, UserAdminProblem } from "./errors";
export {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  generatePassword,
  newPasswordProblem,
  newPasswordSchema,
} from "./new-password";
export { hashPassword, verifyPassword } from "./password";
export { roleSchema } from "./role";
export type { Role } from "./role";
export { changeRole, createAccount, disableAccount, enableAccount, resetPassword } from "./user-admin";
export type { AccountChange } from "./user-admin";
