import type { Database } from "@nexus/db/client";
import { findApiKeyByHash, touchApiKey } from "@nexus/db/queries/auth";

import type { ServiceCaller } from "./roles";
import { API_KEY_PREFIX, sha256Hex } from "./tokens";

/** `last_used_at` is a hint for admins, not an access log: one write a minute per key is plenty. */
const TOUCH_INTERVAL_MS = 60_000;

/** True when a key last used at `lastUsedAt` should be touched at `now`. */
export function isTouchDue(lastUsedAt: Date | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - lastUsedAt.getTime() >= TOUCH_INTERVAL_MS;
}

/** The service holding an active API key, or null for an unknown or revoked key. */
export async function resolveApiKey(db: Database, key: string, now: Date): Promise<ServiceCaller | null> {
  if (!key.startsWith(API_KEY_PREFIX)) return null;
  const row = await findApiKeyByHash(db, sha256Hex(key));
  if (!row || row.revokedAt !== null) return null;
  if (isTouchDue(row.lastUsedAt, now)) await touchApiKey(db, row.id, now);
  return { id: row.id, name: row.name, prefix: row.prefix };
}
