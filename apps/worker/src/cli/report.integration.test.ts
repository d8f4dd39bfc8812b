/** `nexus report` as ops run it, against the real Postgres with a seeded quarter of routing logs. */
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { users } from "@nexus/db/schema";
import { createTestDatabase } from "@nexus/db/testing";
import type { TestSchema } from "@nexus/db/testing";
import { COMMA_VENUE_NAME, seedRoutedOrders, seedVenues } from "@nexus/services/reports/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNexusInProcess } from "../../test/nexus-in-process.js";

const CUSTOMER = "7c1e8a52-6a0c-4b43-9a53-0d2a4f0c1a01";
let db: TestSchema;
let dir: string;
beforeAll(async () => {
  db = await createTestDatabase("worker_cli_report");
  dir = await mkdtemp(join(tmpdir(), "nexus-report-"));
  await db.db
    .insert(users)
    .values({ id: CUSTOMER, email: "c@example.com", name: "C. Schtumer", passwordHash: "x", role: "trader" });
  await seedVenues(db.db);
  await seedRoutedOrders(db.db, {
    from: new Date("2016-04-01T00:00:00Z"),
    to: new Date("2016-07-01T00:00:00Z"),
    orders: 600,
    customers: [CUSTOMER],
  });
});
afterAll(async () => {
  await db.close();
});

const nexus = (args: string[]) =>
  runNexusInProcess(["report", ...args], {
    env: { NEXUS_DB_SCHEMA: db.schema, KAFKA_BROKERS: "" },
    operator: "ops",
  });

describe("nexus report", () => {
  it("writes the 606(a)(1) report of a quarter in each format", async () => {
    const xmlFile = join(dir, "606.xml");
    const xml = await nexus(["606a1", "--quarter", "2016Q2", "--format", "xml", "--out", xmlFile]);
    expect(xml).toMatchObject({ code: 0, stderr: "" });
    expect(xml.stdout).toMatch(/^wrote .*606\.xml \(rule-606a1-2016Q2\.xml, \d+ bytes\)\n$/);
    const text = await readFile(xmlFile, "utf8");
    expect(text).toContain("<qtr>2</qtr>");
    expect(text).toContain("Cboe BZX Exchange, Inc. (f/k/a Bats, Inc.), Equities &amp; Options.");

    const pdfFile = join(dir, "606.pdf");
    expect((await nexus(["606a1", "--quarter", "2016Q2", "--format", "pdf", "--out", pdfFile])).code).toBe(0);
    expect((await readFile(pdfFile)).subarray(0, 5).toString()).toBe("%PDF-");

    const csv = await nexus(["606a1", "--quarter", "2016Q2", "--format", "csv"]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain(`"${COMMA_VENUE_NAME}",BATS`);
    const html = await nexus(["606a1", "--quarter", "2016Q2", "--format", "html"]);
    expect(html.stdout).toContain("2nd Quarter, 2016");
  });

  it("writes the customer reports and the 605 figures", async () => {
    const b3 = await nexus([
      "606b3",
      "--customer",
      "c@example.com",
      "--from",
      "2016-04-01",
      "--to",
      "2016-06-30",
    ]);
    expect(b3.code).toBe(0);
    expect(b3.stdout).toContain("<notHeldOrderHandlingCustomerReport");
    expect(b3.stdout).toContain("<endDate>2016-06-30</endDate>");
    const b1 = await nexus(["606b1", "--customer", CUSTOMER, "--from", "2016-04-01", "--to", "2016-04-30"]);
    expect(b1.stdout).toContain("<heldExemptNotHeldOrderRoutingCustomerReport");
    const recent = await nexus(["606b1", "--customer", CUSTOMER]);
    expect(recent.code).toBe(0);
    expect(recent.stdout).toContain("<held/>");
    const q605 = await nexus(["605", "--from", "2016-04-01", "--to", "2016-04-30", "--venue", "XNYS"]);
    expect(q605.code).toBe(0);
    expect(q605.stdout.split("\r\n")[0]).toMatch(/^venue,order_type,size_bucket,orders,/);
    expect(q605.stdout).toContain("XNYS,market,");
  });

  it("refuses a wrong command line by naming the option, before touching the database", async () => {
    const cases: [string[], string][] = [
      [["606a1", "--quarter", "2016Q5"], "--quarter: expected YYYYQn"],
      [["606a1"], "--quarter: expected YYYYQn"],
      [["606a1", "--quarter", "2016Q2", "--format", "doc"], "--format: expected one of xml, html, csv, pdf"],
      [["606a1", "--quarter", "2016Q2", "--format", "pdf"], "--out: a PDF must be written to a file"],
      [["606b3", "--from", "2016-04-01", "--to", "2016-04-30"], "--customer: expected a user id or e-mail"],
      [
        ["606b3", "--customer", "c@example.com", "--from", "2016-04-31", "--to", "2016-04-30"],
        "--from: expected a date",
      ],
      [
        ["606b3", "--customer", "c@example.com", "--from", "2016-05-01", "--to", "2016-04-30"],
        "--to: must not be before --from",
      ],
      [["606x"], 'report: unknown kind "606x"'],
      [["606a1", "605"], "report takes one kind"],
    ];
    for (const [args, message] of cases) {
      const result = await nexus(args);
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.stderr).toContain(message);
    }
    const unknown = await nexus(["606b1", "--customer", "nobody@example.com"]);
    expect(unknown).toMatchObject({ code: 1, stderr: "nexus: customer: no user nobody@example.com.\n" });
  });
});
