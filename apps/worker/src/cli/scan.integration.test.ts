/** `nexus scan` as an operator runs it (in this process), against the real Postgres, and over files. */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selfTrade } from "../../test/fixtures/self-trade.js";
import { runNexusInProcess } from "../../test/nexus-in-process.js";
import { persistEvents } from "../ingest/persist.js";

let db: TestSchema;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase("worker_cli_scan");
  dir = await mkdtemp(join(tmpdir(), "nexus-scan-"));
});
afterAll(async () => {
  await db.close();
});

const nexus = (args: string[], run: { stderrIsTerminal?: boolean } = {}) =>
  runNexusInProcess(["scan", ...args], {
    env: { NEXUS_DB_SCHEMA: db.schema, KAFKA_BROKERS: "" },
    operator: "analyst",
    ...run,
  });

describe("nexus scan over stored events", () => {
  it("scans the period in this process without Kafka and prints the scan's summary", async () => {
    const wash = selfTrade({ symbol: "CLISCAN", at: "2026-02-02T15:00:00.000Z" });
    await persistEvents(db.db, wash.events);
    const run = await nexus(["--from", "2026-02-02", "--to", "2026-02-03"], { stderrIsTerminal: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^scan [0-9a-f-]{36} completed: 1\/1 symbols, 3 events, 1 alerts\n$/);
    expect(run.stderr).toContain("1/1 symbols");
    const [scanId] = /[0-9a-f-]{36}/.exec(run.stdout) ?? [];
    const rows =
      await db.sql`select user_id::text from ${db.sql(db.schema)}.surveillance_alerts where scan_id = ${scanId ?? ""}`;
    expect(rows).toEqual([{ user_id: wash.userId }]);
  });

  it("refuses a missing period, positionals and a period that ends before it starts", async () => {
    expect((await nexus([])).stderr).toContain("scan needs --from and --to (or --file)");
    expect((await nexus(["extra"])).stderr).toContain("scan takes only options");
    const backwards = await nexus(["--from", "2026-02-03", "--to", "2026-02-02"]);
    expect(backwards).toMatchObject({ code: 1, stderr: "nexus: to: must be after from\n" });
  });
});

describe("nexus scan --file", () => {
  it("writes the alert messages for a file of contract events, lists invalid lines and exits 2", async () => {
    const wash = selfTrade({ symbol: "FILESCAN", at: "2026-02-02T15:00:00.000Z" });
    const events = join(dir, "events.jsonl");
    const alertsOut = join(dir, "alerts.jsonl");
    await writeFile(
      events,
      [...wash.events.map((event) => JSON.stringify(event)), "not json", ""].join("\n"),
    );
    const run = await nexus(["--file", events, "--alerts-out", alertsOut]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe(
      `scanned ${events}: 3 order and trade events, 1 alert messages to ${alertsOut}, 1 invalid lines\n`,
    );
    expect(run.stderr).toBe(`${events}:4: not a JSON object, so its topic is unknown\n`);
    const [line, ...rest] = (await readFile(alertsOut, "utf8")).trimEnd().split("\n");
    expect(rest).toEqual([]);
    expect(JSON.parse(line ?? "{}")).toMatchObject({
      event_type: "surveillance.alert",
      alert_type: "wash_trading",
      user_id: wash.userId,
    });
  });

  it("uses the reference file: two accounts of one owner trading together", async () => {
    const wash = selfTrade({ symbol: "FILEREF", at: "2026-02-02T15:00:00.000Z" });
    const [sell, buy, trade] = wash.events;
    const relabelled = [
      { ...sell, user_id: "0f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19", account_id: "acct-1" },
      { ...buy, account_id: "acct-2" },
      {
        ...trade,
        sell_user_id: "0f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19",
        sell_account_id: "acct-1",
        buy_account_id: "acct-2",
      },
    ];
    const events = join(dir, "owned.jsonl");
    await writeFile(events, relabelled.map((event) => JSON.stringify(event)).join("\n"));
    const reference = join(dir, "reference.json");
    await writeFile(
      reference,
      JSON.stringify({ beneficial_owners: { "acct-1": "owner-1", "acct-2": "owner-1" } }),
    );
    const without = await nexus(["--file", events, "--alerts-out", join(dir, "none.jsonl")]);
    expect(without.stdout).toContain(", 0 alert messages");
    const withReference = await nexus([
      "--file",
      events,
      "--reference",
      reference,
      "--alerts-out",
      join(dir, "owned-alerts.jsonl"),
    ]);
    expect(withReference).toMatchObject({ code: 0 });
    expect(withReference.stdout).toContain(", 1 alert messages");
  });

  it("needs --alerts-out and a readable file", async () => {
    expect((await nexus(["--file", "x.jsonl"])).stderr).toContain("scan --file needs --alerts-out FILE");
    expect((await nexus(["--file", join(dir, "missing.jsonl"), "--alerts-out", "a"])).stderr).toContain(
      "cannot read",
    );
  });
});
