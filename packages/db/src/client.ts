import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase } from "drizzle-orm/pg-core";
import { drizzle } from "drizzle-orm/postgres-js";
import type { PostgresJsQueryResultHKT } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema/index";
import { servePglite } from "./pglite-server";
import { assertSchemaName } from "./schema-name";

/**
 * What every `query(db, …)` function takes: the pool's database or a transaction on it (both are this
 * drizzle type), so queries compose into one transaction (see `withAudit`).
 */
export type Database = PgDatabase<PostgresJsQueryResultHKT, typeof schema>;

export interface DbHandle {
  db: Database;
  sql: postgres.Sql;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  url: string;
  /** Schema to use instead of `public` (sent as the `search_path` startup parameter). */
  schema?: string;
  /** Pool size (postgres.js default 10). */
  max?: number;
}

/** How drizzle names columns from their fields (queries/prepared.ts renders SQL the same way). */
export const COLUMN_CASING = "snake_case";

/**
 * A drizzle database over postgres.js. postgres.js returns `numeric` as text, which the `decimal`
 * column type turns into `Decimal`, so money never passes through a float.
 */
export function createDb(options: CreateDbOptions): DbHandle {
  const sql = postgres(options.url, {
    max: options.max ?? 10,
    // NOTICEs (e.g. "schema already exists, skipping") are not errors and would only add noise.
    onnotice: () => undefined,
    connection: {
      // Timestamps read as text (queries/event-history.ts) are parsed in the ISO style, whatever the
      // server's default DateStyle is set to.
      DateStyle: "ISO",
      ...(options.schema ? { search_path: `"${assertSchemaName(options.schema)}"` } : {}),
    },
  });
  const db = drizzle({ client: sql, schema, casing: COLUMN_CASING });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}

export interface EmbeddedPostgres {
  url: string;
  close(): Promise<void>;
}

/**
 * The embedded default (docs/architecture.md "Two ways to run"): a PGlite file database in `dataDir`
 * served over the Postgres wire protocol, so web, worker and CLI all use the same postgres.js code
 * path. Up to 10 connections (web, worker, CLI and a migration may be connected at once). Clients
 * need no special options: named prepared statements work (postgres.js names them per connection
 * with a random prefix) and multi-row inserts are ordinary statements. PGlite is one session, so do
 * not pass `schema` to `createDb` for this URL: a `search_path` startup parameter would apply to all.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  host?: string;
}): Promise<EmbeddedPostgres> {
  await mkdir(options.dataDir, { recursive: true });
  const pglite = await PGlite.create(options.dataDir);
  const server = await servePglite(pglite, {
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    // The web's pool (WEB_DB_POOL_MAX, 10 by default) and the worker's (10) at once, plus a CLI: a
    // connection refused here fails a query of whoever is over (the web's sign-in, once the worker's
    // consumers were busy). Exchanges are serialised anyway, so an idle connection costs only a socket.
    maxConnections: 32,
  });
  return {
    url: `postgres://postgres@${server.host}:${server.port}/postgres`,
    async close() {
      await server.close();
      await pglite.close();
    },
  };
}

/**
 * The database a process should use: `url` when configured, otherwise an embedded PGlite database
 * in `dataDir` served by this process (only one process may open those files; others connect to it
 * by URL with a small pool, e.g. `max: 2`, since the embedded server takes 10 connections in all).
 */
export async function openDatabase(options: { url?: string; dataDir: string }): Promise<DbHandle> {
  if (options.url) return createDb({ url: options.url });
  const embedded = await startEmbeddedPostgres({ dataDir: options.dataDir });
  // One PGlite session runs one statement at a time, so more connections would only queue.
  const handle = createDb({ url: embedded.url, max: 2 });
  return {
    ...handle,
    async close() {
      await handle.close();
      await embedded.close();
    },
  };
}
