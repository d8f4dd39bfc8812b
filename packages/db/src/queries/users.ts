import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../client";
import { auditLog, sessions, users } from "../schema/index";
import type { NewUser, User } from "./auth";

/** What an account listing shows: never the password hash. */
export type UserAccount = Omit<User, "passwordHash"> & {
  /** The newest successful sign-in recorded in the audit log, or null if there was none. */
  lastSignInAt: Date | null;
};

/** Fields an administrator may change on an account. */
export type UserChange = Partial<Pick<User, "role" | "disabledAt" | "passwordHash">>;

/**
 * Inserts the account unless one with the same email exists (`users.email` is unique); returns
 * undefined then. ON CONFLICT rather than a look-up first, so two concurrent creations cannot both pass.
 * The email must already be normalized (trimmed, lower-case).
 */
export async function insertUserUnlessEmailTaken(db: Database, user: NewUser): Promise<User | undefined> {
  const [created] = await db
    .insert(users)
    .values(user)
    .onConflictDoNothing({ target: users.email })
    .returning();
  return created;
}

/**
 * The account with this email, its row locked until the transaction ends (so a concurrent admin
 * action on the same account waits instead of acting on what it read before).
 */
export async function lockUserByEmail(db: Database, email: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1).for("update");
  return user;
}

/** As `lockUserByEmail`, by id. */
export async function lockUserById(db: Database, id: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id)).limit(1).for("update");
  return user;
}

/**
 * Ids of the enabled admins, each row locked until the transaction ends, always in id order (so two
 * transactions locking them cannot deadlock). Under READ COMMITTED a row another transaction demoted
 * or disabled while this one waited is re-checked and left out, so the count is the committed truth.
 */
export async function lockEnabledAdminIds(db: Database): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt)))
    .orderBy(asc(users.id))
    .for("update");
  return rows.map((row) => row.id);
}

export async function updateUser(db: Database, id: string, change: UserChange): Promise<User> {
  const [updated] = await db.update(users).set(change).where(eq(users.id, id)).returning();
  if (!updated) throw new Error(`updateUser: no user with id ${id}`);
  return updated;
}

/** Ends every session of the user (the next request with any of their cookies is signed out); returns how many. */
export async function deleteUserSessions(db: Database, userId: string): Promise<number> {
  const ended = await db
    .delete(sessions)
    .where(eq(sessions.userId, userId))
    .returning({ tokenHash: sessions.tokenHash });
  return ended.length;
}

/**
 * Every account, by email, with its last sign-in. The users table keeps no sign-in time; the audit log's
 * `auth.sign_in` rows are the record of it (looked up per user through the (entity_type, entity_id) index).
 */
export function listUserAccounts(db: Database): Promise<UserAccount[]> {
  // Columns spelled out with their table: drizzle leaves them unqualified in a one-table select, and
  // inside the subquery a bare "id" would be the audit row's.
  const lastSignInAt = sql<Date | null>`(
    select max(sign_in.occurred_at) from ${auditLog} as sign_in
    where sign_in.entity_type = 'user' and sign_in.entity_id = ${users}.id::text
      and sign_in.action = 'auth.sign_in'
  )`.mapWith(auditLog.occurredAt);
  return db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      createdAt: users.createdAt,
      disabledAt: users.disabledAt,
      lastSignInAt,
    })
    .from(users)
    .orderBy(asc(users.email));
}

/** Who may review alerts (FINRA Rule 3110 supervisory review): enabled compliance officers and admins. */
export interface Reviewer {
  id: string;
  name: string;
  email: string;
}

/** The reviewers alerts can be assigned to, by name; with `id`, that one reviewer or none. */
export function listReviewers(db: Database, options: { id?: string } = {}): Promise<Reviewer[]> {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(
      and(
        inArray(users.role, ["compliance", "admin"]),
        isNull(users.disabledAt),
        options.id === undefined ? undefined : eq(users.id, options.id),
      ),
    )
    .orderBy(asc(users.name), asc(users.email));
}
