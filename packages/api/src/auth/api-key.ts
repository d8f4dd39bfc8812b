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
 * How long a verified key is believed without asking the database again. A service calling the routing
 * API makes thousands of requests a second (issue 12), and one look-up per request was a database round
 * trip on each of them. Revoking through this process forgets the key at once (forgetApiKey); a revocation
 * made by another process (another web replica) takes effect here within this time. Unknown keys are never
 * remembered, so a key created a moment ago elsewhere works from its first request.
 */
export const API_KEY_CACHE_TTL_MS = 2_000;

/** The keys this process verified lately and the look-up of the others, per database. */
interface KeyVerifier {
  /** By SHA-256 digest (the key itself is never held); expiresAt in ms since the epoch. */
  verified: Map<string, { row: ApiKey; expiresAt: number }>;
  /** Looks up the keys of concurrent requests together: one query per turn of the event loop. */
  loader: DataLoader<string, ApiKey | undefined>;
}

const verifiers = new WeakMap<Database, KeyVerifier>();

function verifierOf(db: Database): KeyVerifier {
  let verifier = verifiers.get(db);
  if (verifier === undefined) {
    verifier = {
      verified: new Map(),
      loader: new DataLoader(
        async (hashes) => {
          const rows = await findApiKeysByHash(db, hashes);
          return hashes.map((hash) => rows.find((row) => row.keyHash === hash));
        },
        { cache: false, batchScheduleFn: (callback) => setImmediate(callback) },
      ),
    };
    verifiers.set(db, verifier);
  }
  return verifier;
}

/** Forgets a key this process may have verified: called once its revocation has committed. */
export function forgetApiKey(db: Database, id: string): void {
  const { verified } = verifierOf(db);
  for (const [hash, { row }] of verified) if (row.id === id) verified.delete(hash);
}

/** The active key with this digest: remembered for API_KEY_CACHE_TTL_MS, else read. */
async function activeKey(db: Database, hash: string, now: Date): Promise<ApiKey | undefined> {
  const { verified, loader } = verifierOf(db);
  const known = verified.get(hash);
  if (known !== undefined && known.expiresAt > now.getTime()) return known.row;
  verified.delete(hash);
  const row = await loader.load(hash);
  if (row !== undefined) verified.set(hash, { row, expiresAt: now.getTime() + API_KEY_CACHE_TTL_MS });
  return row;
}

/** The service holding an active API key, or null for an unknown or revoked key. */
export async function resolveApiKey(db: Database, key: string, now: Date): Promise<ServiceCaller | null> {
  if (!key.startsWith(API_KEY_PREFIX)) return null;
  const row = await activeKey(db, sha256Hex(key), now);
  if (row === undefined) return null;
  if (isTouchDue(row.lastUsedAt, now)) {
    // The remembered row is the one touched, so the next requests do not touch it again.
    row.lastUsedAt = now;
    await touchApiKey(db, row.id, now);
  }
  return { id: row.id, name: row.name, prefix: row.prefix, scopes: knownScopes(row.scopes) };
}
