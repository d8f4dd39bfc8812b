import { randomBytes } from "node:crypto";
import { createDb } from "./client";
import type { DbHandle } from "./client";
import { readDbEnv } from "./env";
import { migrate } from "./migrate";

export type TestSchema = DbHandle & { schema: string };

/**
 * A uniquely named, still empty schema in TEST_DATABASE_URL (default the local `test` database), so
 * integration test files can run in parallel; `close()` drops the schema. For tests whose subject
 * migrates it (the worker at start-up, the migrate CLI).
 */
export function openTestSchema(prefix = "test"): TestSchema {
  const schema = `${prefix}_${randomBytes(6).toString("hex")}`;
  const handle = createDb({ url: readDbEnv().TEST_DATABASE_URL, schema, max: 4 });
  return {
    ...handle,
    schema,
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
