/** `nexus reference import|show` as an operator runs it, against the real Postgres. */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listAudit } from "@nexus/db/queries/audit";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNexusInProcess } from "../../test/nexus-in-process.js";

let db: TestSchema;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase("worker_cli_reference");
  dir = await mkdtemp(join(tmpdir(), "nexus-reference-"));
});
afterAll(async () => {
  await db.close();
});

const nexus = (args: string[]) =>
  runNexusInProcess(["reference", ...args], {
    env: { NEXUS_DB_SCHEMA: db.schema, KAFKA_BROKERS: "" },
    operator: "kyc-ops",
  });

async function fileWith(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe("nexus reference", () => {
  it("imports the issue's file format, says what changed, audits it and shows it back", async () => {
    const path = await fileWith(
      "reference.json",
      JSON.stringify({
        related_accounts: [["acct-a", "acct-b"]],
        beneficial_owners: { "acct-a": "owner-1" },
        desks: [{ desk_id: "D1", agency_users: ["u-agency"], principal_users: ["u-prop"] }],
        market_makers: ["u-mm"],
      }),
    );
    const imported = await nexus(["import", path]);
    expect(imported).toMatchObject({ code: 0, stderr: "" });
    expect(imported.stdout).toBe(
      "imported 1 beneficial owners, 1 related account pairs, 1 desks, 1 market makers " +
        "(was 0 beneficial owners, 0 related account pairs, 0 desks, 0 market makers)\n",
    );
    const [audit] = await listAudit(db.db, { limit: 1, entityType: "reference_data" });
    expect(audit).toMatchObject({ actorType: "cli", actorId: "kyc-ops", action: "reference_data.import" });

    const shown = await nexus(["show"]);
    expect(shown.code).toBe(0);
    const [json] = shown.stdout.split("\n# ");
    expect(JSON.parse(json ?? "")).toEqual({
      related_accounts: [["acct-a", "acct-b"]],
      beneficial_owners: { "acct-a": "owner-1" },
      desks: [{ desk_id: "D1", agency_users: ["u-agency"], principal_users: ["u-prop"] }],
      market_makers: ["u-mm"],
    });
  });

  it("refuses unknown keys by name, a file that is not JSON, and a wrong command line, changing nothing", async () => {
    const unknown = await nexus(["import", await fileWith("typo.json", '{"market_maker": ["u"]}')]);
    expect(unknown).toMatchObject({ code: 1, stdout: "", stderr: "nexus: unknown key: market_maker\n" });
    const broken = await nexus(["import", await fileWith("broken.json", "{")]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain("broken.json is not JSON");
    expect((await nexus(["import"])).stderr).toContain("reference import takes one FILE.json");
    expect((await nexus(["export"])).stderr).toContain('unknown reference command "export"');
    expect((await nexus(["show", "extra"])).stderr).toContain("reference show takes no arguments");
    expect(JSON.parse((await nexus(["show"])).stdout.split("\n# ")[0] ?? "").market_makers).toEqual(["u-mm"]);
  });
});
