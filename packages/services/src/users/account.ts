import type { User } from "@nexus/db/queries/auth";
import { z } from "zod";

import { emailSchema } from "./email";
import { newPasswordSchema } from "./new-password";
import { roleSchema } from "./role";

/** An account as the use cases return it: never the password hash. */
export type Account = Omit<User, "passwordHash">;

export function toAccount({ passwordHash: _hash, ...account }: User): Account {
  return account;
}

/** The account a change is about: by email (what an operator types at the CLI) or by id (the screen). */
export type AccountRef = { email: string } | { id: string };

/**
 * A new account as an administrator describes it. Without a password, one is generated and returned
 * once. The web form and the CLI check their input against this same schema.
 */
export const newAccountSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1).max(200),
  role: roleSchema,
  password: newPasswordSchema.optional(),
});
export type NewAccount = z.input<typeof newAccountSchema>;
