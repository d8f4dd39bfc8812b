/**
 * copyRows on the real Postgres and on the embedded one: rows streamed as stored, on the pool or in a
 * caller's transaction, and the connection answering its next query whichever way the rows came.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, startEmbeddedPostgres } from "../client";
import type { DbHandle, EmbeddedPostgres } from "../client";
import { readDbEnv } from "../env";
import { copyRows, quoteLiteral } from "./copy-rows";

let real: DbHandle;
let embedded: EmbeddedPostgres;
let embeddedDb: DbHandle;
let dataDir: string;
beforeAll(async () => {
  // One connection each: a connection left paused by a read would hang the next query.
  real = createDb({ url: readDbEnv().TEST_DATABASE_URL, max: 1 });
  dataDir = await mkdtemp(path.join(tmpdir(), "nexus-copy-rows-"));
  embedded = await startEmbeddedPostgres({ dataDir });
  embeddedDb = createDb({ url: embedded.url, max: 1 });
});
afterAll(async () => {
  await real.close();
  await embeddedDb.close();
  await embedded.close();
  await rm(dataDir, { recursive: true, force: true });
});

const awkward = "x".repeat(200) + "tab\there\\back\nline\r'quote'é😀";
// About 24 kB: more than the stream buffers before pausing its socket, little enough to come at once.
const query = `select ${quoteLiteral(awkward)} || '#' || n from generate_series(1, 100) as n`;

describe.each([
  ["Postgres", () => real],
  ["the embedded database", () => embeddedDb],
])("copyRows on %s", (_, handle) => {
  it("streams each row's text as stored, and the connection answers again, read after read", async () => {
    for (let read = 0; read < 3; read++) {
      const rows: string[] = [];
      await copyRows(handle().db, query, (row) => rows.push(row));
      expect(rows).toHaveLength(100);
      expect(rows[0]).toBe(`${awkward}#1`);
      expect(rows[99]).toBe(`${awkward}#100`);
    }
    expect(await handle().sql`select 1 as answered`).toEqual([{ answered: 1 }]);
  });

  it("reads in a caller's transaction, on its connection", async () => {
    const rows = await handle().db.transaction(async (tx) => {
      const seen: string[] = [];
      await copyRows(tx, query, (row) => seen.push(row));
      await copyRows(tx, "select 'again'", (row) => seen.push(row));
      return seen;
    });
    expect(rows).toHaveLength(101);
    expect(rows.at(-1)).toBe("again");
  });
});
