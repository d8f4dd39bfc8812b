import { and, desc, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Database } from "../client";
import { apiKeys, sessions, users } from "../schema/index";

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Session = typeof sessions.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
/** What an API key listing shows: never the hash. */
export type ApiKeySummary = Omit<ApiKey, "keyHash">;

function first<Row>(rows: Row[], what: string): Row {
  const [row] = rows;
  if (!row) throw new Error(`${what} returned no row`);
  return row;
}

/**
 * Emails are stored and compared trimmed and lower-cased, so `Ann@Example.com ` and `ann@example.com`
 * are one account (the local part is case-sensitive by RFC 5321, but no mail provider we know of
 * treats it so, and two accounts differing in case only would confuse every reviewer). The one
 * definition: sign-in, its throttling keys and user administration all use this.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Database, email: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  return user;
}

export async function createUser(db: Database, user: NewUser): Promise<User> {
  return first(
    await db
      .insert(users)
      .values({ ...user, email: normalizeEmail(user.email) })
      .returning(),
    "createUser",
  );
}

export async function createSession(
  db: Database,
  session: {
    tokenHash: string;
    userId: string;
    expiresAt: Date;
    ip?: string | null;
    userAgent?: string | null;
  },
): Promise<Session> {
  return first(await db.insert(sessions).values(session).returning(), "createSession");
}

/** The signed-in user for a session token hash, if the session has not expired and the user is enabled. */
export async function findSessionUser(db: Database, tokenHash: string, now: Date): Promise<User | undefined> {
  const [row] = await db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now), isNull(users.disabledAt)))
    .limit(1);
  return row?.user;
}

export async function deleteSession(db: Database, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function createApiKey(
  db: Database,
  key: { name: string; prefix: string; keyHash: string; createdBy?: string | null; scopes?: string[] },
): Promise<ApiKeySummary> {
  const { keyHash: _hash, ...summary } = first(
    await db.insert(apiKeys).values(key).returning(),
    "createApiKey",
  );
  return summary;
}

/** An active (not revoked) key by the SHA-256 of the presented secret. */
export async function findApiKeyByHash(db: Database, keyHash: string): Promise<ApiKey | undefined> {
  const [key] = await findApiKeysByHash(db, [keyHash]);
  return key;
}

/** The active keys among these SHA-256 digests (the requests of one moment, looked up at once). */
export function findApiKeysByHash(db: Database, keyHashes: readonly string[]): Promise<ApiKey[]> {
  return db
    .select()
    .from(apiKeys)
    .where(and(inArray(apiKeys.keyHash, [...keyHashes]), isNull(apiKeys.revokedAt)));
}

/** Returns false when the key does not exist or was already revoked. */
export async function revokeApiKey(db: Database, id: string, now: Date): Promise<boolean> {
  const revoked = await db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return revoked.length > 0;
}

export async function listApiKeys(db: Database): Promise<ApiKeySummary[]> {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      role: apiKeys.role,
      scopes: apiKeys.scopes,
      createdBy: apiKeys.createdBy,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .orderBy(desc(apiKeys.createdAt));
}

export async function touchApiKey(db: Database, id: string, now: Date): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, id));
}
