import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import type postgres from "postgres";
import { z } from "zod";
import { assertSchemaName } from "./schema-name";

/** The drizzle-kit output folder (`drizzle.config.ts` -> out), committed with the package. */
const migrationsFolder = new URL("../drizzle/", import.meta.url);

/** First key of the two-int advisory lock; the second is the hash of the target schema. */
const migrationLockNamespace = 0x6e657875; // "nexu"

const journalSchema = z.object({
  entries: z.array(z.object({ idx: z.number(), when: z.number(), tag: z.string() })),
});

export interface Migration {
  tag: string;
  /** drizzle-kit's `when`; identifies the migration in the journal table, as drizzle's own migrator does. */
  createdAt: number;
  /** SHA-256 of the SQL file, recorded for forensics. */
  hash: string;
  statements: string[];
}

export interface MigrateOptions {
  /** Target schema (default `public`); the journal table `__drizzle_migrations` lives there too. */
  schema?: string;
  /** Called after each migration that was applied by this call (not for ones already applied). */
  onApplied?: (migration: Migration) => void;
}

export async function readMigrations(): Promise<Migration[]> {
  const journal = journalSchema.parse(
    JSON.parse(await readFile(new URL("meta/_journal.json", migrationsFolder), "utf8")),
  );
  const ordered = [...journal.entries].sort((a, b) => a.idx - b.idx);
  return Promise.all(
    ordered.map(async (entry) => {
      const text = await readFile(new URL(`${entry.tag}.sql`, migrationsFolder), "utf8");
      return {
        tag: entry.tag,
        createdAt: entry.when,
        hash: createHash("sha256").update(text).digest("hex"),
        statements: text
          .split("--> statement-breakpoint")
          .map((statement) => statement.trim())
          .filter((statement) => statement.length > 0),
      };
    }),
  );
}

/**
 * drizzle-kit qualifies enum types, FK targets and our custom SQL with `"public".`; pointing those at
 * the target schema lets a test file (or a tenant) own a complete copy of the database.
 */
function retarget(statement: string, schema: string): string {
  return schema === "public" ? statement : statement.replaceAll('"public".', `"${schema}".`);
}

/**
 * Applies the drizzle-kit migrations not yet recorded in `<schema>.__drizzle_migrations`, in journal
 * order, in one transaction under a transaction-level advisory lock: when web and worker start
 * together, the second waits and then finds nothing left to do.
 */
export async function migrate(sql: postgres.Sql, options: MigrateOptions = {}): Promise<void> {
  const schema = assertSchemaName(options.schema ?? "public");
  const migrations = await readMigrations();
  // Up to date: nothing to take a lock for and no DDL, so the application's least-privileged role
  // (migration 0003) can run this at start-up; only pending migrations need the owner.
  if ((await pendingMigrations(sql, schema, migrations)).length === 0) return;
  const applied: Migration[] = [];
  await sql.begin(async (tx) => {
    await tx`select pg_advisory_xact_lock(${migrationLockNamespace}, hashtext(${schema}))`;
    await tx.unsafe(`create schema if not exists "${schema}"`);
    await tx.unsafe(
      `create table if not exists "${schema}"."__drizzle_migrations" (id serial primary key, hash text not null, created_at bigint)`,
    );
    await tx.unsafe(`set local search_path to "${schema}"`);
    for (const migration of await pendingMigrations(tx, schema, migrations)) {
      for (const statement of migration.statements) await tx.unsafe(retarget(statement, schema));
      await tx.unsafe(`insert into "${schema}"."__drizzle_migrations" (hash, created_at) values ($1, $2)`, [
        migration.hash,
        migration.createdAt,
      ]);
      applied.push(migration);
    }
  });
  for (const migration of applied) options.onApplied?.(migration);
}

/** The migrations not yet recorded in `<schema>.__drizzle_migrations` (all of them when it does not exist). */
export async function pendingMigrations(
  sql: postgres.Sql | postgres.TransactionSql,
  schema: string,
  migrations: Migration[],
): Promise<Migration[]> {
  const journal = `"${assertSchemaName(schema)}"."__drizzle_migrations"`;
  const [exists] = await sql<{ found: boolean }[]>`select to_regclass(${journal}) is not null as found`;
  if (!exists?.found) return migrations;
  const rows = await sql.unsafe<{ created_at: string }[]>(`select created_at from ${journal}`);
  const done = new Set(rows.map((row) => Number(row.created_at)));
  return migrations.filter((migration) => !done.has(migration.createdAt));
}
