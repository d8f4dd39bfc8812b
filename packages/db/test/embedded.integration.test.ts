import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, openDatabase, startEmbeddedPostgres } from "../src/client";
import type { EmbeddedPostgres } from "../src/client";
import { migrate } from "../src/migrate";
import { insertOrderEvents } from "../src/queries/events";
import { orderEvent } from "./fixtures";

let dataDir: string;
let embedded: EmbeddedPostgres;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "nexus-pglite-"));
  embedded = await startEmbeddedPostgres({ dataDir });
});
afterAll(async () => {
  await embedded.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe("embedded PGlite over the wire protocol", () => {
  it("migrates, then serves two postgres.js clients at once, including transactions", async () => {
    const web = createDb({ url: embedded.url, max: 2 });
    const worker = createDb({ url: embedded.url, max: 2 });
    try {
      await migrate(web.sql);
      const applied: string[] = [];
      await migrate(worker.sql, { onApplied: (m) => applied.push(m.tag) });
      expect(applied).toEqual([]);

      // Prepared statements from both clients interleave: each must get its own results back.
      const results = await Promise.all(
        Array.from({ length: 100 }, (_, i) => {
          const client = i % 2 === 0 ? web : worker;
          return client.sql<
            { n: number; who: string }[]
          >`select ${i}::int as n, ${client === web ? "web" : "worker"} as who`;
        }),
      );
      results.forEach((rows, i) => expect(rows[0]).toEqual({ n: i, who: i % 2 === 0 ? "web" : "worker" }));

      const orders = Array.from({ length: 300 }, () => orderEvent());
      const [inserted, ,] = await Promise.all([
        insertOrderEvents(worker.db, orders),
        web.sql.begin(async (tx) => {
          await tx`insert into audit_log (actor_type, action, entity_type) values ('user', 'a', 'b')`;
          await tx`select pg_sleep(0.01)`;
          await tx`insert into audit_log (actor_type, action, entity_type) values ('user', 'c', 'd')`;
        }),
        web.sql`select count(*) from order_events`,
      ]);
      expect(inserted).toHaveLength(300);
      const [audit] = await worker.sql<{ n: number }[]>`select count(*)::int as n from audit_log`;
      expect(audit?.n).toBe(2);
    } finally {
      await Promise.all([web.close(), worker.close()]);
    }
  });

  it("rolls back a transaction left open by a client that disconnects", async () => {
    const client = createDb({ url: embedded.url, max: 1 });
    const reserved = await client.sql.reserve();
    await reserved`begin`;
    await reserved`insert into audit_log (actor_type, action, entity_type) values ('user', 'abandoned', 'x')`;
    reserved.release();
    await client.sql.end({ timeout: 0 });
    const other = createDb({ url: embedded.url, max: 1 });
    try {
      const rows = await other.sql`select 1 from audit_log where action = 'abandoned'`;
      expect(rows).toHaveLength(0);
    } finally {
      await other.close();
    }
  });
});

describe("LISTEN/NOTIFY between clients of the one embedded session", () => {
  it("delivers a notification to the connection that listens, not to the one that committed", async () => {
    const web = createDb({ url: embedded.url, max: 2 });
    const worker = createDb({ url: embedded.url, max: 2 });
    const heard: string[] = [];
    const quiet: string[] = [];
    try {
      await web.sql.listen("nexus_test_alerts", (payload) => heard.push(payload));
      // A quoted name keeps its case; a channel nobody listens on is heard by nobody.
      const other = await web.sql.listen("Mixed Case", (payload) => quiet.push(payload));
      await worker.sql`select pg_notify('nexus_test_alerts', 'first')`;
      await worker.sql.begin(async (tx) => {
        await tx`select pg_notify('nexus_test_alerts', 'in a transaction')`;
        // Notifications are delivered on commit only.
        await tx`select pg_sleep(0.01)`;
        expect(heard).toEqual(["first"]);
      });
      await worker.sql`select pg_notify('nobody listens', 'x')`;
      await worker.sql`select pg_notify('Mixed Case', 'cased')`;
      await expect.poll(() => heard).toEqual(["first", "in a transaction"]);
      await expect.poll(() => quiet).toEqual(["cased"]);
      await other.unlisten();
      await worker.sql`select pg_notify('Mixed Case', 'after unlisten')`;
      // The committing client's own replies are whole: its next queries answer normally.
      expect(await worker.sql`select 1 as one`).toEqual([{ one: 1 }]);
    } finally {
      await Promise.all([web.close(), worker.close()]);
    }
    // The listener is gone: a notification now reaches no one and disturbs no one.
    const late = createDb({ url: embedded.url, max: 1 });
    try {
      await late.sql`select pg_notify('nexus_test_alerts', 'late')`;
      expect(await late.sql`select 2 as two`).toEqual([{ two: 2 }]);
      expect(heard).toEqual(["first", "in a transaction"]);
      expect(quiet).toEqual(["cased"]);
    } finally {
      await late.close();
    }
  });
});

describe("openDatabase", () => {
  it("without a url opens the embedded database in dataDir, keeping data across restarts", async () => {
    const dir = await mkdtemp(join(tmpdir(), "nexus-open-"));
    try {
      const first = await openDatabase({ dataDir: dir });
      await migrate(first.sql);
      await insertOrderEvents(first.db, [orderEvent()]);
      await first.close();
      const second = await openDatabase({ dataDir: dir });
      const [row] = await second.sql<{ n: number }[]>`select count(*)::int as n from order_events`;
      await second.close();
      expect(row?.n).toBe(1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
