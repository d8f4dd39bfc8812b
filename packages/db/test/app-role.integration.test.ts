import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createDb } from "../src/client";
import type { DbHandle } from "../src/client";
import { readDbEnv } from "../src/env";
import { migrate } from "../src/migrate";
import { createTestDatabase } from "../src/testing";

// The application connects as a member of `nexus_app` (migration 0003), never as the owner that migrates.
// Here a login role of that group, as a deployment would create one, tries to rewrite the audit trail.
let owner: Awaited<ReturnType<typeof createTestDatabase>>;
let app: DbHandle;
const loginRole = `nexus_app_test_${randomBytes(4).toString("hex")}`;

beforeAll(async () => {
  owner = await createTestDatabase("app_role");
  await owner.sql.unsafe(`create role "${loginRole}" login in role nexus_app`);
  await owner.sql.unsafe(
    `insert into audit_log (actor_type, action, entity_type, details) values ('user', 'seed', 'test', '{}')`,
  );
  const url = new URL(readDbEnv().TEST_DATABASE_URL);
  url.username = loginRole;
  url.password = "";
  app = createDb({ url: url.toString(), schema: owner.schema, max: 1 });
});
afterAll(async () => {
  await app.close();
  await owner.close();
  await owner.sql.unsafe(`drop role if exists "${loginRole}"`).catch(() => undefined);
});

async function refusal(statement: string): Promise<string> {
  try {
    await app.sql.unsafe(statement);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return "accepted";
}

describe("the application's database role", () => {
  it("appends to and reads the audit log", async () => {
    await app.sql.unsafe(
      `insert into audit_log (actor_type, action, entity_type, details) values ('user', 'app.write', 'test', '{}')`,
    );
    const rows = await app.sql.unsafe<{ action: string }[]>(`select action from audit_log order by id`);
    expect(rows.map((row) => row.action)).toEqual(["seed", "app.write"]);
  });

  it.each([
    ["UPDATE", "update audit_log set action = 'rewritten'"],
    ["DELETE", "delete from audit_log"],
    ["TRUNCATE", "truncate audit_log"],
  ])("may not %s the audit log", async (_verb, statement) => {
    expect(await refusal(statement)).toMatch(/permission denied for table audit_log/);
  });

  it.each([
    ["disable its append-only trigger", "alter table audit_log disable trigger audit_log_append_only"],
    ["drop its append-only trigger", "drop trigger audit_log_append_only on audit_log"],
    ["disable every trigger for the session", "set session_replication_role = replica"],
  ])("may not %s", async (_what, statement) => {
    expect(await refusal(statement)).toMatch(/must be owner|permission denied/);
  });

  it("reads and writes the product's other tables", async () => {
    await app.sql.unsafe(
      `insert into users (email, name, role, password_hash) values ('app-role@example.com', 'App', 'trader', 'x')`,
    );
    await app.sql.unsafe(`update users set name = 'Renamed' where email = 'app-role@example.com'`);
    const [user] = await app.sql.unsafe<{ name: string }[]>(
      `select name from users where email = 'app-role@example.com'`,
    );
    expect(user?.name).toBe("Renamed");
  });

  it("may not change the schema, and starts up on an up-to-date one without needing to", async () => {
    expect(await refusal("create table intruder (id int)")).toMatch(/permission denied for schema/);
    expect(await refusal("alter table users add column intruder int")).toMatch(/must be owner/);
    await expect(migrate(app.sql, { schema: owner.schema })).resolves.toBeUndefined();
  });
});
