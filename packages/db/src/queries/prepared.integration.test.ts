/**
 * executePrepared on the real Postgres: one named statement per text and connection, reused; inside a
 * transaction, the transaction's connection (its writes roll back with it).
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestSchema } from "../testing";
import { positions } from "../schema/index";
import { arrayLiteral } from "./array-literal";
import { executePrepared } from "./prepared";

let db: TestSchema;
beforeAll(async () => {
  db = await createTestDatabase("db_prepared");
});
afterAll(async () => {
  await db.close();
});

const insertFlat = (userIds: readonly string[]) => sql`
  insert into ${positions} (user_id, symbol, quantity, average_cost, realized_pnl)
  select user_id, 'PREP', 0, 0, 0 from unnest(${arrayLiteral(userIds)}::uuid[]) as user_id
  returning user_id as "userId"`;

/** The statements prepared on this connection whose text is the insert's. */
const preparedInserts = (tx: TestSchema["db"]) =>
  executePrepared<{ count: string }>(
    tx,
    sql`select count(*)::text as count from pg_prepared_statements where statement like '%''PREP''%'`,
  );

describe("executePrepared", () => {
  it("prepares a text once per connection and runs it again by name, whatever the arrays hold", async () => {
    const users = [randomUUID(), randomUUID(), randomUUID()];
    await db.db.transaction(async (tx) => {
      expect(await executePrepared(tx, insertFlat(users.slice(0, 1)))).toEqual([{ userId: users[0] }]);
      expect(await executePrepared(tx, insertFlat(users.slice(1)))).toEqual([
        { userId: users[1] },
        { userId: users[2] },
      ]);
      expect(await preparedInserts(tx)).toEqual([{ count: "1" }]);
    });
  });

  it("runs on the transaction's connection: what it wrote goes when the transaction rolls back", async () => {
    const user = randomUUID();
    const rollback = new Error("roll back");
    await expect(
      db.db.transaction(async (tx) => {
        await executePrepared(tx, insertFlat([user]));
        throw rollback;
      }),
    ).rejects.toBe(rollback);
    const rows = await db.sql`select 1 from positions where user_id = ${user}`;
    expect(rows).toHaveLength(0);
  });
});
