import type { Database } from "@nexus/db/client";
import { createSession, deleteSession, findSessionUser } from "@nexus/db/queries/auth";

import { SESSION_TTL_SECONDS } from "./cookies";
import type { SessionUser } from "./roles";
import { generateSessionToken, sha256Hex } from "./tokens";

/** The user behind a session token and the token's stored digest, or null (unknown, expired, disabled). */
export async function resolveSession(
  db: Database,
  token: string | undefined,
  now: Date,
): Promise<{ user: SessionUser; tokenHash: string } | null> {
  if (token === undefined || token === "") return null;
  const tokenHash = sha256Hex(token);
  const user = await findSessionUser(db, tokenHash, now);
  if (!user) return null;
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role }, tokenHash };
}

/** The signed-in user for a raw cookie value; for Next's proxy and server components. */
export async function resolveSessionUser(
  db: Database,
  token: string | undefined,
  now: Date,
): Promise<SessionUser | null> {
  return (await resolveSession(db, token, now))?.user ?? null;
}

/** Opens a session; returns the token for the cookie (never stored) and when it expires. */
export async function startSession(
  db: Database,
  userId: string,
  request: { ip: string | null; userAgent: string | null; now: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const { token, tokenHash } = generateSessionToken();
  const expiresAt = new Date(request.now.getTime() + SESSION_TTL_SECONDS * 1000);
  await createSession(db, { tokenHash, userId, expiresAt, ip: request.ip, userAgent: request.userAgent });
  return { token, expiresAt };
}

export async function endSession(db: Database, tokenHash: string): Promise<void> {
  await deleteSession(db, tokenHash);
}
