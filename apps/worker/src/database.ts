/**
 * The worker's and CLI's database: DATABASE_URL when set (a real Postgres, or the embedded server
 * `npm start` runs), otherwise an embedded PGlite database hosted by this process under
 * NEXUS_DATA_DIR. Either way it is migrated before use.
 */
import path from "node:path";
import { createDb, startEmbeddedPostgres } from "@nexus/db/client";
import type { DbHandle, EmbeddedPostgres } from "@nexus/db/client";
import { migrate } from "@nexus/db/migrate";
import type { WorkerEnv } from "./env.js";

export type DatabaseSettings = Pick<WorkerEnv, "DATABASE_URL" | "NEXUS_DATA_DIR" | "NEXUS_DB_SCHEMA">;

/** DATABASE_URL, or the embedded server started for this process (closed with the database). */
async function connectionTarget(
  env: DatabaseSettings,
): Promise<{ url: string; embedded?: EmbeddedPostgres }> {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL };
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(env.NEXUS_DATA_DIR, "pgdata") });
  return { url: embedded.url, embedded };
}

export async function openMigratedDatabase(env: DatabaseSettings): Promise<DbHandle> {
  const { url, embedded } = await connectionTarget(env);
  const handle = createDb({ url, schema: env.NEXUS_DB_SCHEMA });
  const close = async (): Promise<void> => {
    await handle.close();
    await embedded?.close();
  };
  try {
    await migrate(handle.sql, { schema: env.NEXUS_DB_SCHEMA });
  } catch (error) {
    // A failed start leaves nothing open behind it: no pooled connection, no embedded server.
    await close();
    throw error;
  }
  return { db: handle.db, sql: handle.sql, close };
}
