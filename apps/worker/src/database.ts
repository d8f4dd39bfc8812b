/**
 * The worker's and CLI's database: DATABASE_URL when set (a real Postgres, or the embedded server
 * `npm start` runs), otherwise an embedded PGlite database hosted by this process under
 * NEXUS_DATA_DIR. Either way it is migrated before use.
 */
import path from "node:path";
import { createDb, startEmbeddedPostgres } from "@nexus/db/client";
import type { DbHandle } from "@nexus/db/client";
import { migrate } from "@nexus/db/migrate";
import type { WorkerEnv } from "./env.js";

export type DatabaseSettings = Pick<WorkerEnv, "DATABASE_URL" | "NEXUS_DATA_DIR" | "NEXUS_DB_SCHEMA">;

export async function openMigratedDatabase(env: DatabaseSettings): Promise<DbHandle> {
  const embedded = env.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dataDir: path.join(env.NEXUS_DATA_DIR, "pgdata") });
  const url = env.DATABASE_URL ?? embedded?.url;
  if (url === undefined)
    throw new Error("no database: DATABASE_URL is unset and the embedded one did not start");
  const handle = createDb({ url, schema: env.NEXUS_DB_SCHEMA });
  try {
    await migrate(handle.sql, { schema: env.NEXUS_DB_SCHEMA });
  } catch (error) {
    await handle.close();
    await embedded?.close();
    throw error;
  }
  return {
    db: handle.db,
    sql: handle.sql,
    async close() {
      await handle.close();
      await embedded?.close();
    },
  };
}
