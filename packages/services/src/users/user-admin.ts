/**
 * Administering the people who sign in: create an account, disable and enable it, change its role,
 * reset its password. The CLI (`nexus users ...`) and the admin screen (tRPC `users.*`) both call these,
 * so the rules live once: emails normalized, passwords hashed and never recorded, every change committed
 * with its audit row (`withAudit`), and no change that would lock every admin out.
 */
import type { Database } from "@nexus/db/client";
import { withAudit } from "@nexus/db/queries/audit";
import type { NewAuditEntry } from "@nexus/db/queries/audit";
import type { User } from "@nexus/db/queries/auth";
import {
  deleteUserSessions,
  insertUserUnlessEmailTaken,
  lockEnabledAdminIds,
  lockUserByEmail,
  lockUserById,
  updateUser,
} from "@nexus/db/queries/users";
import type { z } from "zod";

import type { Actor, ChangeContext } from "../context";
import { newAccountSchema, toAccount } from "./account";
import type { Account, AccountRef, NewAccount } from "./account";
import { normalizeEmail } from "./email";
import { ACCOUNT_FIELDS, UserAdminError } from "./errors";
import { generatePassword, newPasswordProblem } from "./new-password";
import { hashPassword } from "./password";
import type { Role } from "./role";

/** The result of a change that may find nothing to do (disabling a disabled account): no audit row then. */
export type AccountChange = { account: Account; changed: boolean };

/**
 * The new account's fields, or a refusal naming the first field at fault. The web form and the CLI
 * check their input with the same schema already; this keeps the use case safe whoever calls it.
 */
function parseNewAccount(input: NewAccount): z.output<typeof newAccountSchema> {
  const parsed = newAccountSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const [issue] = parsed.error.issues;
  const field = ACCOUNT_FIELDS.find((name) => name === issue?.path[0]);
  throw new UserAdminError("invalid", `${field ?? "input"}: ${issue?.message ?? "invalid"}`, field);
}

/**
 * The audit row of a change to `user`. Details hold what a reviewer needs (the email, before/after
 * values) and never a password or its hash.
 */
function auditOf(actor: Actor, action: string, user: User, details: Record<string, unknown>): NewAuditEntry {
  return {
    actorType: actor.actorType,
    actorId: actor.actorId,
    action,
    entityType: "user",
    entityId: user.id,
    details: { email: user.email, ...details },
    ip: actor.ip,
  };
}

/** The account `ref` points at, its row locked for the rest of the transaction; refused if there is none. */
async function lockAccount(db: Database, ref: AccountRef): Promise<User> {
  if ("id" in ref) {
    const user = await lockUserById(db, ref.id);
    if (!user) throw new UserAdminError("unknown_user", `No user with id ${ref.id}.`);
    return user;
  }
  const email = normalizeEmail(ref.email);
  const user = await lockUserByEmail(db, email);
  if (!user) throw new UserAdminError("unknown_user", `No user with email ${email}.`, "email");
  return user;
}

/**
 * Refuses to take away the last enabled admin: nobody could then manage accounts from the screen.
 * `adminIds` must come from `lockEnabledAdminIds` in the same transaction (so two admins cannot demote
 * each other at once and leave none).
 */
function refuseLastAdmin(adminIds: readonly string[], user: User, what: string): void {
  if (adminIds.length === 1 && adminIds[0] === user.id) {
    throw new UserAdminError(
      "last_admin",
      `${user.email} is the last enabled admin: ${what} would leave nobody to manage accounts. Make another admin first.`,
    );
  }
}

/** Hashes the password given, or a generated one, which is then returned for showing once. */
async function passwordToSet(
  password: string | undefined,
): Promise<{ passwordHash: string; generatedPassword: string | null }> {
  if (password !== undefined) return { passwordHash: await hashPassword(password), generatedPassword: null };
  const generatedPassword = generatePassword();
  return { passwordHash: await hashPassword(generatedPassword), generatedPassword };
}

/**
 * Creates an account. Without a password one is generated: `generatedPassword` is the only place it
 * ever appears, to be shown once. A taken email is refused, naming the field.
 */
export async function createAccount(
  context: ChangeContext,
  input: NewAccount,
): Promise<{ account: Account; generatedPassword: string | null }> {
  const { email, name, role, password } = parseNewAccount(input);
  // argon2 takes tens of milliseconds: hash before the transaction, not while it holds a connection.
  const { passwordHash, generatedPassword } = await passwordToSet(password);
  const user = await withAudit(
    context.db,
    async (tx) => {
      const created = await insertUserUnlessEmailTaken(tx, {
        email,
        name,
        role,
        passwordHash,
        createdAt: context.now,
      });
      if (!created)
        throw new UserAdminError("duplicate_email", `email: ${email} already has an account.`, "email");
      return created;
    },
    (created) =>
      auditOf(context.actor, "user.create", created, {
        name: created.name,
        role: created.role,
        passwordGenerated: generatedPassword !== null,
      }),
  );
  return { account: toAccount(user), generatedPassword };
}

/**
 * Disables an account and ends all its sessions in the same transaction, so it is signed out at once.
 * Refused for the acting person's own account and for the last enabled admin.
 */
export async function disableAccount(
  context: ChangeContext,
  ref: AccountRef,
): Promise<AccountChange & { sessionsEnded: number }> {
  return context.db.transaction(async (tx) => {
    // Admins first, then the account: every transaction locks in this order, so none can deadlock.
    const adminIds = await lockEnabledAdminIds(tx);
    const user = await lockAccount(tx, ref);
    if (context.actor.actorType === "user" && context.actor.actorId === user.id) {
      throw new UserAdminError("self_disable", "You cannot disable your own account; another admin can.");
    }
    if (user.disabledAt !== null) return { account: toAccount(user), changed: false, sessionsEnded: 0 };
    refuseLastAdmin(adminIds, user, "disabling them");
    const { disabled, sessionsEnded } = await withAudit(
      tx,
      async (audited) => ({
        disabled: await updateUser(audited, user.id, { disabledAt: context.now }),
        sessionsEnded: await deleteUserSessions(audited, user.id),
      }),
      (result) => auditOf(context.actor, "user.disable", user, { sessionsEnded: result.sessionsEnded }),
    );
    return { account: toAccount(disabled), changed: true, sessionsEnded };
  });
}

/** Lets a disabled account sign in again (with its old password). */
export async function enableAccount(context: ChangeContext, ref: AccountRef): Promise<AccountChange> {
  return context.db.transaction(async (tx) => {
    const user = await lockAccount(tx, ref);
    if (user.disabledAt === null) return { account: toAccount(user), changed: false };
    const enabled = await withAudit(
      tx,
      (audited) => updateUser(audited, user.id, { disabledAt: null }),
      () => auditOf(context.actor, "user.enable", user, { disabledAt: user.disabledAt?.toISOString() }),
    );
    return { account: toAccount(enabled), changed: true };
  });
}

/**
 * Gives an account another role; it applies from that person's next request (sessions read the role
 * from the account). Refused when it would demote the last enabled admin.
 */
export async function changeRole(
  context: ChangeContext,
  ref: AccountRef,
  role: Role,
): Promise<AccountChange> {
  return context.db.transaction(async (tx) => {
    const adminIds = await lockEnabledAdminIds(tx);
    const user = await lockAccount(tx, ref);
    if (user.role === role) return { account: toAccount(user), changed: false };
    if (role !== "admin") refuseLastAdmin(adminIds, user, `making them ${role}`);
    const changed = await withAudit(
      tx,
      (audited) => updateUser(audited, user.id, { role }),
      () => auditOf(context.actor, "user.set_role", user, { from: user.role, to: role }),
    );
    return { account: toAccount(changed), changed: true };
  });
}

/**
 * Sets a new password (the one given, or a generated one returned once) and ends all the account's
 * sessions, so whoever knew the old password is signed out too.
 */
export async function resetPassword(
  context: ChangeContext,
  ref: AccountRef,
  password?: string,
): Promise<{ account: Account; generatedPassword: string | null; sessionsEnded: number }> {
  const problem = password === undefined ? undefined : newPasswordProblem(password);
  if (problem !== undefined) throw new UserAdminError("invalid", `password: ${problem}`, "password");
  const { passwordHash, generatedPassword } = await passwordToSet(password);
  return context.db.transaction(async (tx) => {
    const user = await lockAccount(tx, ref);
    const { updated, sessionsEnded } = await withAudit(
      tx,
      async (audited) => ({
        updated: await updateUser(audited, user.id, { passwordHash }),
        sessionsEnded: await deleteUserSessions(audited, user.id),
      }),
      (result) =>
        auditOf(context.actor, "user.reset_password", user, {
          sessionsEnded: result.sessionsEnded,
          passwordGenerated: generatedPassword !== null,
        }),
    );
    return { account: toAccount(updated), generatedPassword, sessionsEnded };
  });
}
