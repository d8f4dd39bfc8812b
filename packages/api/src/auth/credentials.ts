import type { Database } from "@nexus/db/client";
import { findUserByEmail } from "@nexus/db/queries/auth";
import { hashPassword, verifyPassword } from "@nexus/services/users";

import type { SessionUser } from "./roles";

export type CredentialCheck =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "unknown_email" | "wrong_password" | "disabled"; userId: string | null };

/**
 * A hash of a random password, verified against when the email is unknown so that a wrong email
 * costs the same argon2 work as a wrong password and response times do not reveal which accounts
 * exist (OWASP Authentication Cheat Sheet, "Authentication Responses").
 */
let dummyHash: Promise<string> | undefined;
function getDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  return dummyHash;
}

/** Checks an email/password pair. The reason is for the audit log only, never for the caller. */
export async function checkCredentials(
  db: Database,
  email: string,
  password: string,
): Promise<CredentialCheck> {
  const user = await findUserByEmail(db, email);
  const matches = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), password);
  if (!user) return { ok: false, reason: "unknown_email", userId: null };
  if (!matches) return { ok: false, reason: "wrong_password", userId: user.id };
  if (user.disabledAt !== null) return { ok: false, reason: "disabled", userId: user.id };
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
