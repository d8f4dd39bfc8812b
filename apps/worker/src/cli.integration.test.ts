/** `nexus replay --ingest` and `nexus db:migrate` as an operator runs them, against the real Postgres. */
import { openTestSchema } from "@nexus/db/testing";
import { afterAll, describe, expect, it } from "vitest";
import { runNexus } from "../test/processes.js";
import { TEST_DATABASE_URL } from "../test/services.js";

const db = openTestSchema("worker_cli_it");
const schema = db.schema;
const env = { DATABASE_URL: TEST_DATABASE_URL, NEXUS_DB_SCHEMA: schema, KAFKA_BROKERS: "" };
const fixture = "apps/worker/test/fixtures/replay-sample.jsonl";

afterAll(async () => {
  await db.close();
});

describe("nexus replay --ingest", () => {
  it("stores the valid lines, reports the bad one by line number and exits 2", async () => {
    const run = await runNexus(["replay", fixture, "--ingest"], env);
    expect(run.stderr).toContain(`${fixture}:3: quantity: expected a positive decimal string`);
    expect(run.stdout.trim()).toBe(`ingested ${fixture}: 4 lines, 3 stored, 0 already stored, 1 invalid`);
    expect(run.code).toBe(2);

    const rows = await db.sql.unsafe<{ event_id: string }[]>(
      `select event_id::text from order_events union all select event_id::text from trade_events
       union all select event_id::text from quote_events order by 1`,
    );
    expect(rows.map((row) => row.event_id)).toEqual([
      "a1000000-0000-4000-8000-000000000001",
      "a1000000-0000-4000-8000-000000000002",
      "a1000000-0000-4000-8000-000000000004",
    ]);
  });

  it("stores nothing twice when the same file is replayed again", async () => {
    const run = await runNexus(["replay", fixture, "--ingest"], env);
    expect(run.stdout.trim()).toBe(`ingested ${fixture}: 4 lines, 0 stored, 3 already stored, 1 invalid`);
  });

  it("refuses a missing file with a usage error and exit 1", async () => {
    const run = await runNexus(["replay", "no/such/file.jsonl", "--ingest"], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("nexus: cannot read no/such/file.jsonl");
  });

  it("refuses to publish without KAFKA_BROKERS rather than dropping the lines", async () => {
    const run = await runNexus(["replay", fixture], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("KAFKA_BROKERS is not set");
  });
});

describe("nexus db:migrate", () => {
  it("migrates a fresh schema and is a no-op the second time", async () => {
    const freshDb = openTestSchema("worker_cli_migrate");
    const fresh = freshDb.schema;
    try {
      for (let run = 0; run < 2; run++) {
        const result = await runNexus(["db:migrate"], { ...env, NEXUS_DB_SCHEMA: fresh });
        expect(result).toMatchObject({ code: 0, stdout: `migrated schema ${fresh}\n` });
      }
      const tables = await freshDb.sql<{ n: string }[]>`
        select count(*) as n from information_schema.tables where table_schema = ${fresh} and table_name = 'order_events'`;
      expect(Number(tables[0]?.n)).toBe(1);
    } finally {
      await freshDb.close();
    }
  });
});
