import "server-only";
import { createDb } from "@nexus/db/client";
import type { DbHandle } from "@nexus/db/client";
import { webEnv } from "../env";

/**
 * One postgres.js pool per server process. Kept on globalThis because Next's dev server re-evaluates
 * modules on every edit and a module-level client would leak a pool each time (docs/conventions.md, Traps).
 */
const cache = globalThis as typeof globalThis & { nexusWebDb?: DbHandle };

function handle(): DbHandle {
  if (cache.nexusWebDb === undefined) {
    const env = webEnv();
    cache.nexusWebDb = createDb({ url: env.DATABASE_URL, max: env.WEB_DB_POOL_MAX });
  }
  return cache.nexusWebDb;
}

/** The drizzle database; the pool opens on first use, at request time. */
export function getDb(): DbHandle["db"] {
  return handle().db;
}

/** Raw postgres.js access, for the health check's `select 1`. */
export function getSql(): DbHandle["sql"] {
  return handle().sql;
}
