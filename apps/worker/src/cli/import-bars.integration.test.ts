/** `nexus import-bars FILE` against the real Postgres: bad rows rejected by line, jumps flagged, one transaction. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { listAudit } from "@nexus/db/queries/audit";
import { listClosesForRisk, listMarketBarFlags } from "@nexus/db/queries/market";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { confirmSuspectMove } from "@nexus/services/portfolio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNexusInProcess } from "../../test/nexus-in-process.js";

let db: TestSchema;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase("worker_import_bars");
  dir = await mkdtemp(path.join(tmpdir(), "nexus-import-bars-"));
});
afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

const nexus = (args: string[], stderrIsTerminal = false) =>
  runNexusInProcess(["import-bars", ...args], {
    env: { NEXUS_DB_SCHEMA: db.schema, KAFKA_BROKERS: "" },
    operator: "data-desk",
    stderrIsTerminal,
  });

// Line 1 is the header. EBAY's 2015-07-20 close is the PayPal spin-off (-64 %); line 7 has no close,
// line 8 is not a row, line 9 repeats a date, line 10 lacks its open.
const CSV = [
  "date,symbol,open,high,low,close,volume",
  "2015-07-15,EBAY,60.0,61.0,59.5,60.5,1000",
  "2015-07-16,EBAY,60.5,61.5,60.0,61.0,1100",
  "2015-07-17,EBAY,61.0,67.0,60.5,66.4,1200",
  "2015-07-20,EBAY,24.0,24.5,23.5,23.9,1300",
  "2015-07-21,EBAY,23.9,24.3,23.6,24.1,1400",
  "2015-07-22,EBAY,24.0,24.4,23.7,,1500",
  "not,a,row",
  "2015-07-21,EBAY,23.9,24.3,23.6,24.2,1400",
  "2015-07-22,AAPL,,126.0,124.0,125.2,5000",
].join("\n");

async function file(name: string, content: string | Buffer): Promise<string> {
  const target = path.join(dir, name);
  await writeFile(target, content);
  return target;
}

describe("nexus import-bars", () => {
  it("stores the good rows, reports bad and incomplete ones by line, and flags the spin-off", async () => {
    const csv = await file("bars.csv.gz", gzipSync(CSV));
    const run = await nexus([csv], true);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${csv}:7: rejected: empty close`);
    expect(run.stderr).toContain(`${csv}:8: rejected:`);
    expect(run.stderr).toContain(`${csv}:9: rejected: second bar for EBAY on 2015-07-21`);
    expect(run.stderr).toContain(`${csv}:10: stored without: empty open`);
    expect(run.stderr).toContain("import-bars ["); // the progress bar on a terminal
    expect(run.stdout).toContain(
      "flagged EBAY 2015-07-20: close 23.9 after 66.4 on 2015-07-17 (-64.0 %), excluded from risk until confirmed",
    );
    expect(run.stdout).toContain(
      "6 bars of 2 symbols stored, 3 rejected, 1 stored with missing fields, 1 moves flagged",
    );

    const [flag] = await listMarketBarFlags(db.db);
    expect(flag).toMatchObject({ symbol: "EBAY", date: "2015-07-20", status: "suspected" });
    // Risk does not see the flagged close until it is confirmed.
    const riskDates = async () => (await listClosesForRisk(db.db, ["EBAY"])).map((close) => close.date);
    expect(await riskDates()).not.toContain("2015-07-20");

    const [audit] = await listAudit(db.db, { limit: 1, entityType: "market_bars" });
    expect(audit).toMatchObject({
      actorType: "cli",
      actorId: "data-desk",
      action: "market_data.import",
      entityId: csv,
    });

    const confirmed = await confirmSuspectMove(
      { db: db.db, actor: { actorType: "user", actorId: "reviewer-1", ip: "10.0.0.1" }, now: new Date() },
      { symbol: "EBAY", date: "2015-07-20", note: "PayPal spin-off, prices not adjusted" },
    );
    expect(confirmed).toMatchObject({ status: "confirmed", confirmedBy: "user:reviewer-1" });
    expect(await riskDates()).toContain("2015-07-20");
    const [confirmation] = await listAudit(db.db, { limit: 1, entityType: "market_bar_flag" });
    expect(confirmation).toMatchObject({ action: "market_data.confirm_move", entityId: "EBAY@2015-07-20" });
    await expect(
      confirmSuspectMove(
        { db: db.db, actor: { actorType: "user", actorId: "reviewer-1", ip: null }, now: new Date() },
        { symbol: "EBAY", date: "2015-07-20", note: "again" },
      ),
    ).rejects.toThrow("No suspected move of EBAY on 2015-07-20 is waiting for review.");
  });

  it("flags a jump across the seam with stored bars, and a clean file exits 0", async () => {
    const csv = await file(
      "next.csv",
      "date,symbol,open,high,low,close,volume\n2015-07-23,AAPL,125,200,124,190.0,10\n",
    );
    const run = await nexus([csv]);
    expect(run).toMatchObject({ code: 0, stderr: "" });
    expect(run.stdout).toContain("flagged AAPL 2015-07-23: close 190 after 125.2 on 2015-07-22 (51.8 %)");
  });

  it("stores a bar whose low is above its high without either, and rolls back a file the database refuses", async () => {
    const before = (await listClosesForRisk(db.db)).length;
    const csv = await file(
      "range.csv",
      "date,symbol,open,high,low,close,volume\n2016-01-04,MSFT,50,51,49,50.5,10\n2016-01-05,MSFT,46,40,45,45.5,10\n",
    );
    const run = await nexus([csv]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`${csv}:3: stored without: low 45 above high 40`);
    const [stored] =
      await db.sql`select high, low, close from market_bars where symbol = 'MSFT' and date = '2016-01-05'`;
    expect(stored).toEqual({ high: null, low: null, close: "45.500000" });
    expect((await listClosesForRisk(db.db)).length).toBe(before + 2);
    // A close beyond numeric(18, 6): Postgres refuses the statement, and the good row before it goes too.
    const refused = await file(
      "refused.csv",
      "date,symbol,open,high,low,close,volume\n2016-01-06,MSFT,50,51,49,50.7,10\n2016-01-07,MSFT,1,99999999999999,1,99999999999999,10\n",
    );
    const refusedRun = await nexus([refused]);
    expect(refusedRun.code).toBe(1);
    expect(refusedRun.stderr).toMatch(/^nexus: /);
    expect((await listClosesForRisk(db.db)).length).toBe(before + 2);
  });

  it("refuses a missing file or extra arguments with the usage", async () => {
    expect((await nexus([path.join(dir, "absent.csv")])).stderr).toContain("cannot read");
    expect((await nexus([])).stderr).toContain("import-bars takes exactly one FILE.csv");
  });
});
