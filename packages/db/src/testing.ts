import { randomBytes } from "node:crypto";
import { createDb } from "./client";
import type { DbHandle } from "./client";
import { readDbEnv } from "./env";
import { migrate } from "./migrate";

/** A test schema's handle, with what another connection to it needs (a worker thread, a child process). */
export type TestSchema = DbHandle & { schema: string; url: string };

/**
 * A uniquely named, still empty schema in TEST_DATABASE_URL (default the local `test` database), so
 * integration test files can run in parallel; `close()` drops the schema. For tests whose subject
 * migrates it (the worker at start-up, the migrate CLI).
 */
export function openTestSchema(prefix = "test"): TestSchema {
  const schema = `${prefix}_${randomBytes(6).toString("hex")}`;
  const url = readDbEnv().TEST_DATABASE_URL;
  const handle = createDb({ url, schema, max: 4 });
  return {
    ...handle,
    schema,
    url,
    async close() {
      await handle.sql.unsafe(`drop schema if exists "${schema}" cascade`);
      await handle.close();
    },
  };
}

/** A freshly migrated test schema (see openTestSchema). */
export async function createTestDatabase(prefix?: string): Promise<TestSchema> {
  const test = openTestSchema(prefix);
  await migrate(test.sql, { schema: test.schema });
  return test;
}
