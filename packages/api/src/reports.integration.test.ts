/**
 * The reports API on the real Postgres: ops (and admin) read the 606/605 reports and edit the material
 * aspects (audited); traders and compliance are refused with 403 for every procedure, anonymous callers
 * with 401; another service reads them over REST with a `reports:read` key.
 */
import { listAuditOf } from "@nexus/db/queries/audit";
import { users } from "@nexus/db/schema";
import { createTestDatabase, type TestSchema } from "@nexus/db/testing";
import {
  COMMA_VENUE_NAME,
  LONG_VENUE_NAME,
  seedRoutedOrders,
  seedVenues,
} from "@nexus/services/reports/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { callAs, createUserWithRole, rejection, signIn, testDeps } from "../test/harness";
import { createRestHandler } from "./openapi";

const NOW = new Date("2016-07-05T13:00:00Z");
const CUSTOMER = "9a1e8a52-6a0c-4b43-9a53-0d2a4f0c1a01";
let db: TestSchema;
const sessions = {} as Record<"ops" | "admin" | "trader" | "compliance", string>;

beforeAll(async () => {
  db = await createTestDatabase("api_reports");
  for (const role of ["ops", "admin", "trader", "compliance"] as const) {
    const user = await createUserWithRole(db.db, role);
    sessions[role] = await signIn(db.db, user.email, user.password);
  }
  await db.db.insert(users).values({
    id: CUSTOMER,
    email: "cust@example.com",
    name: "C. Schtumer",
    passwordHash: "x",
    role: "trader",
  });
  await seedVenues(db.db);
  await seedRoutedOrders(db.db, {
    from: new Date("2016-04-01T00:00:00Z"),
    to: new Date("2016-07-01T00:00:00Z"),
    orders: 900,
    customers: [CUSTOMER],
  });
});
afterAll(async () => {
  await db.close();
});

const as = async (role: keyof typeof sessions) =>
  (await callAs(db.db, { session: sessions[role], now: NOW })).caller;
const anonymous = async () => (await callAs(db.db, { now: NOW })).caller;

type Caller = Awaited<ReturnType<typeof as>>;
const CALLS: Record<string, (caller: Caller) => Promise<unknown>> = {
  defaultQuarter: (c) => c.reports.defaultQuarter(),
  heldOrderReport: (c) => c.reports.heldOrderReport({ quarter: "2016Q2" }),
  heldOrderDocument: (c) => c.reports.heldOrderDocument({ quarter: "2016Q2", format: "xml" }),
  customerReport: (c) =>
    c.reports.customerReport({ kind: "606b1", customer: CUSTOMER, from: "2016-04-01", to: "2016-04-30" }),
  executionQuality: (c) => c.reports.executionQuality({ quarter: "2016Q2" }),
  venues: (c) => c.reports.venues(),
  setMaterialAspects: (c) => c.reports.setMaterialAspects({ venueId: "MM1", text: "Written by the test." }),
};

describe("who may use the reports API", () => {
  for (const [name, call] of Object.entries(CALLS)) {
    it(`${name}: ops and admin may, trader and compliance get 403, anonymous 401`, async () => {
      await expect(call(await as("ops"))).resolves.toBeDefined();
      await expect(call(await as("admin"))).resolves.toBeDefined();
      expect((await rejection(call(await as("trader")))).code).toBe("FORBIDDEN");
      expect((await rejection(call(await as("compliance")))).code).toBe("FORBIDDEN");
      expect((await rejection(call(await anonymous()))).code).toBe("UNAUTHORIZED");
    });
  }
});

describe("the 606 screen's procedures", () => {
  it("previews the quarter laid out like the SEC's renderer, each venue linked to its 605 figures", async () => {
    const report = await (await as("ops")).reports.heldOrderReport({ quarter: "2016Q2" });
    expect(report.quarter).toBe("2016Q2");
    expect(report.previousQuarter).toBe("2016Q1");
    expect(report.months).toHaveLength(3);
    expect(report.html).toContain("2nd Quarter, 2016");
    expect(report.html).toContain('href="/reports/605?quarter=2016Q2&#38;venue=BATS');
    const names = report.months[0]?.sections[0]?.venues.map((v) => v.name);
    expect(names).toContain(COMMA_VENUE_NAME);
    expect(await (await as("ops")).reports.defaultQuarter()).toEqual({
      current: "2016Q3",
      lastComplete: "2016Q2",
      earliest: "2016Q2",
    });
  });

  it("downloads XML, HTML, CSV and PDF (base64)", async () => {
    const ops = await as("ops");
    const xml = await ops.reports.heldOrderDocument({ quarter: "2016Q2", format: "xml" });
    expect(xml).toMatchObject({ fileName: "rule-606a1-2016Q2.xml", encoding: "utf8" });
    expect(xml.body).toContain("<heldOrderRoutingPublicReport");
    const pdf = await ops.reports.heldOrderDocument({ quarter: "2016Q2", format: "pdf" });
    expect(pdf).toMatchObject({ contentType: "application/pdf", encoding: "base64" });
    expect(Buffer.from(pdf.body, "base64").subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("answers a customer's 606(b)(3) request and names the field it refuses", async () => {
    const ops = await as("ops");
    const b3 = await ops.reports.customerReport({
      kind: "606b3",
      customer: "cust@example.com",
      from: "2016-04-01",
      to: "2016-06-30",
    });
    expect(b3.body).toContain("<customer>C. Schtumer</customer>");
    expect(b3.fileName).toBe("rule-606b3-2016-04-01-2016-06-30.xml");
    const unknown = await rejection(
      ops.reports.customerReport({
        kind: "606b1",
        customer: "nobody@example.com",
        from: "2016-04-01",
        to: "2016-06-30",
      }),
    );
    expect(unknown).toMatchObject({ code: "NOT_FOUND", message: "customer: no user nobody@example.com." });
    const backwards = await rejection(
      ops.reports.customerReport({ kind: "606b1", customer: CUSTOMER, from: "2016-05-01", to: "2016-04-01" }),
    );
    expect(backwards.code).toBe("BAD_REQUEST");
    expect(backwards.message).toContain("to: must not be before from");
    const quarter = await rejection(ops.reports.heldOrderReport({ quarter: "2016Q7" }));
    expect(quarter.code).toBe("BAD_REQUEST");
    expect(quarter.message).toContain("quarter: expected YYYYQn");
  });

  it("refuses to write a venue name the schema cannot hold, naming the venue, rather than cut it", async () => {
    const longer = `${"N".repeat(81)}`;
    await db.db.execute(sql`update venue_configurations set name = ${longer} where venue_id = 'LONGATS'`);
    try {
      const refused = await rejection(
        (await as("ops")).reports.heldOrderDocument({ quarter: "2016Q2", format: "xml" }),
      );
      expect(refused.code).toBe("UNPROCESSABLE_CONTENT");
      expect(refused.message).toContain(
        "venue LONGATS name: the SEC schema takes 1 to 80 characters, got 81",
      );
    } finally {
      await db.db.execute(
        sql`update venue_configurations set name = ${LONG_VENUE_NAME} where venue_id = 'LONGATS'`,
      );
    }
  });

  it("shows one venue's 605 figures", async () => {
    const rows = await (await as("ops")).reports.executionQuality({ quarter: "2016Q2", venueIds: ["BATS"] });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.venueId === "BATS")).toBe(true);
  });

  it("saves ops' material-aspects text with its audit row naming them, and shows it in the report", async () => {
    const ops = await as("ops");
    const saved = await ops.reports.setMaterialAspects({
      venueId: "BATS",
      text: "Rebates per the exchange's fee schedule.",
    });
    expect(saved.text).toBe("Rebates per the exchange's fee schedule.");
    const venues = await ops.reports.venues();
    expect(venues.find((v) => v.venueId === "BATS")).toMatchObject({
      edited: true,
      materialAspects: saved.text,
    });
    expect(venues.find((v) => v.venueId === "XNYS")?.edited).toBe(false);
    const audit = await listAuditOf(db.db, { entityType: "venue_material_aspects", entityId: "BATS" });
    expect(audit.at(-1)).toMatchObject({
      actorType: "user",
      action: "venue_material_aspects.update",
      ip: "203.0.113.9",
    });
    const missing = await rejection(ops.reports.setMaterialAspects({ venueId: "NOPE", text: "x" }));
    expect(missing).toMatchObject({ code: "NOT_FOUND", message: "venueId: no venue NOPE." });
    const empty = await rejection(ops.reports.setMaterialAspects({ venueId: "BATS", text: "   " }));
    expect(empty.code).toBe("BAD_REQUEST");
  });
});

describe("REST for other services", () => {
  it("serves the reports to a key with reports:read and refuses a key without it", async () => {
    const admin = await as("admin");
    const reader = (await admin.apiKeys.create({ name: "filings", scopes: ["reports:read"] })).key;
    const other = (await admin.apiKeys.create({ name: "router", scopes: ["routing:read"] })).key;
    const rest = createRestHandler(testDeps(db.db));
    const get = (path: string, key: string) =>
      rest(new Request(`http://localhost/api/v1${path}`, { headers: { authorization: `Bearer ${key}` } }));
    const ok = await get("/reports/606a1/document?quarter=2016Q2&format=csv", reader);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { body: string }).body).toContain(`"${COMMA_VENUE_NAME}"`);
    expect((await get("/reports/606a1?quarter=2016Q2", other)).status).toBe(403);
    const bad = await get("/reports/606a1?quarter=16Q2", reader);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("quarter");
  });
});
