import type { Database } from "@nexus/db/client";
import { findApiKeysByHash, touchApiKey } from "@nexus/db/queries/auth";
import type { ApiKey } from "@nexus/db/queries/auth";
import DataLoader from "dataloader";

import type { ServiceCaller } from "./roles";
import { knownScopes } from "./scopes";
import { API_KEY_PREFIX, sha256Hex } from "./tokens";

/** `last_used_at` is a hint for admins, not an access log: one write a minute per key is plenty. */
const TOUCH_INTERVAL_MS = 60_000;

/** True when a key last used at `lastUsedAt` should be touched at `now`. */
export function isTouchDue(lastUsedAt: Date | null, now: Date): boolean {
  return lastUsedAt === null || now.getTime() - lastUsedAt.getTime() >= TOUCH_INTERVAL_MS;
}

/**
 * Looks up the keys of concurrent requests together (one query per turn of the event loop; a service
 * calling the routing API makes thousands of requests a second). Nothing is cached between lookups, so a
 * revoked key is refused from its next request on.
 */
const loaders = new WeakMap<Database, DataLoader<string, ApiKey | undefined>>();

function keyLoader(db: Database): DataLoader<string, ApiKey | undefined> {
  let loader = loaders.get(db);
  if (loader === undefined) {
    loader = new DataLoader(
      async (hashes) => {
        const rows = await findApiKeysByHash(db, hashes);
        return hashes.map((hash) => rows.find((row) => row.keyHash === hash));
      },
      { cache: false, batchScheduleFn: (callback) => setImmediate(callback) },
    );
    loaders.set(db, loader);
  }
  return loader;
}

/** The service holding an active API key, or null for an unknown or revoked key. */
export async function resolveApiKey(db: Database, key: string, now: Date): Promise<ServiceCaller | null> {
  if (!key.startsWith(API_KEY_PREFIX)) return null;
  const row = await keyLoader(db).load(sha256Hex(key));
  if (row === undefined) return null;
  if (isTouchDue(row.lastUsedAt, now)) await touchApiKey(db, row.id, now);
  return { id: row.id, name: row.name, prefix: row.prefix, scopes: knownScopes(row.scopes) };
}
