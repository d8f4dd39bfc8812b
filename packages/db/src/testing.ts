import { randomBytes } from "node:crypto";
import { createDb } from "./client";
import type { DbHandle } from "./client";
import { readDbEnv } from "./env";
import { migrate } from "./migrate";

/**
 * A freshly migrated, uniquely named schema in TEST_DATABASE_URL (default the local `test`
 * database), so integration test files can run in parallel; `close()` drops the schema.
 */
export async function createTestDatabase(): Promise<DbHandle & { schema: string }> {
  const schema = `test_${randomBytes(6).toString("hex")}`;
  const handle = createDb({ url: readDbEnv().TEST_DATABASE_URL, schema, max: 4 });
  await migrate(handle.sql, { schema });
  return {
    ...handle,
    schema,
    async close() {
      await handle.sql.unsafe(`drop schema if exists "${schema}" cascade`);
      await handle.close();
    },
  };
}
