/** The worker's and CLI's database, opened on the real Postgres and on the embedded one. */
import { randomBytes } from "node:crypto";
import { access, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { openTestSchema } from "@nexus/db/testing";
import { afterAll, describe, expect, it } from "vitest";
import { TEST_DATABASE_URL, waitFor } from "../test/services.js";
import { openMigratedDatabase } from "./database.js";

const db = openTestSchema("worker_database_it");
afterAll(async () => {
  await db.close();
});

/** Connections to the test database opened under `applicationName`. */
async function connectionsOf(applicationName: string): Promise<number> {
  const [row] = await db.sql<{ n: string }[]>`
    select count(*) as n from pg_stat_activity where application_name = ${applicationName}`;
  return Number(row?.n);
}

describe("openMigratedDatabase", () => {
  it("closes the connection it opened when the migration fails, and passes the failure on", async () => {
    // A table in the way of the first migration's own.
    await db.sql.unsafe(`create schema "${db.schema}"; create table "${db.schema}".order_events (id int)`);
    const applicationName = `worker_database_it_${randomBytes(4).toString("hex")}`;
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set("application_name", applicationName);

    await expect(
      openMigratedDatabase({ DATABASE_URL: url.href, NEXUS_DB_SCHEMA: db.schema, NEXUS_DATA_DIR: ".nexus" }),
    ).rejects.toThrow(/order_events/);
    await waitFor(async () => (await connectionsOf(applicationName)) === 0, {
      timeoutMs: 5_000,
      what: "the failed start's connection to close",
    });
  });

  it("without DATABASE_URL, hosts a migrated embedded database under NEXUS_DATA_DIR", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "nexus-embedded-it-"));
    try {
      const database = await openMigratedDatabase({ NEXUS_DATA_DIR: dataDir, NEXUS_DB_SCHEMA: "public" });
      try {
        const [row] = await database.sql<{ n: string }[]>`select count(*) as n from order_events`;
        expect(Number(row?.n)).toBe(0);
      } finally {
        await database.close();
      }
      await expect(access(path.join(dataDir, "pgdata"))).resolves.toBeUndefined();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
