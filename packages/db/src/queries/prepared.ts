import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Sql } from "postgres";
import { COLUMN_CASING } from "../client";
import type { Database } from "../client";

/**
 * Runs a statement whose text never changes (a fixed number of parameters: the hot paths pass arrays to
 * `unnest`) as a named prepared statement of its connection: parsed once per connection, then sent in
 * one round trip. drizzle runs every statement unnamed (it gives postgres.js `prepare: false` unless a
 * query is `.prepare(name)`d, which raw `sql` cannot be), and postgres.js first describes an unnamed
 * statement that has parameters and binds it only once the description is back: two round trips, and a
 * parse and plan by Postgres, for each. On the worker's ingest under a steady flow that was most of its
 * statements (issue 10, the event -> alert latency, and the CPU a small machine shares with Postgres).
 *
 * Only for text that is the same on every call: each distinct text stays prepared for the life of the
 * connection.
 */
export function executePrepared<Row>(db: Database, query: SQL): Promise<Row[]> {
  const { sql: text, params } = dialect.sqlToQuery(query);
  return clientOf(db).unsafe<Row[]>(text, params as never[], { prepare: true });
}

const dialect = new PgDialect({ casing: COLUMN_CASING });

/**
 * The postgres.js client behind the database, or behind the transaction when `db` is one (drizzle's
 * session holds it; both keep it as `client`, a field drizzle's types leave out of PgSession).
 */
function clientOf(db: Database): Sql {
  const { client } = db._.session as unknown as { client?: Sql };
  if (client === undefined) throw new Error("executePrepared: the database is not a postgres.js one");
  return client;
}
