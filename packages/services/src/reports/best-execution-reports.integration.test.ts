/** The 605/606 reports read from real routing logs in Postgres, and the 606 XML checked against the SEC's XSD. */
import { readFile } from "node:fs/promises";
import { Decimal } from "@nexus/core/money";
import { ORDER_TYPES, classifyOrder, type HeldOrderReport } from "@nexus/core/reports";
import { listAuditOf } from "@nexus/db/queries/audit";
import { countHeldOrders } from "@nexus/db/queries/best-execution";
import { users } from "@nexus/db/schema";
import { createTestDatabase, type TestSchema } from "@nexus/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateXML } from "xmllint-wasm";
import type { ChangeContext } from "../context";
import {
  customerReportDocument,
  heldOrderReportDocument,
  loadCustomerRoutingReport,
  loadExecutionQuality,
  loadHeldOrderReport,
  loadNotHeldReport,
  setMaterialAspects,
} from "./index";
import {
  COMMA_VENUE_NAME,
  LONG_VENUE_NAME,
  SP500_SYMBOLS,
  seedRoutedOrders,
  seedVenues,
} from "./routing-quarter-seed.testing";

const CUSTOMER = "5b0e8a52-6a0c-4b43-9a53-0d2a4f0c1a01";
const OTHER_CUSTOMER = "5b0e8a52-6a0c-4b43-9a53-0d2a4f0c1a02";
const Q2 = { year: 2016, quarter: 2 as const };
const NOW = new Date("2016-07-05T13:00:00Z");

let db: TestSchema;
let schema: string;

async function schemaErrors(xml: string): Promise<string[]> {
  schema ??= await readFile(new URL("./oh-20191231.xsd", import.meta.url), "utf8");
  const result = await validateXML({
    xml: [{ fileName: "report.xml", contents: xml }],
    schema: [{ fileName: "oh-20191231.xsd", contents: schema }],
  });
  return result.errors.map((error) => error.rawMessage);
}

beforeAll(async () => {
  db = await createTestDatabase("services_reports");
  await db.db.insert(users).values([
    { id: CUSTOMER, email: "c.schtumer@example.com", name: "C. Schtumer", passwordHash: "x", role: "trader" },
    { id: OTHER_CUSTOMER, email: "other@example.com", name: "Other", passwordHash: "x", role: "trader" },
  ]);
  await seedVenues(db.db);
  await seedRoutedOrders(db.db, {
    from: new Date("2016-04-01T00:00:00Z"),
    to: new Date("2016-07-01T00:00:00Z"),
    orders: 3000,
    customers: [CUSTOMER, OTHER_CUSTOMER],
  });
});
afterAll(async () => {
  await db.close();
});

const sumOf = (values: (Decimal | null)[]) =>
  values.reduce<Decimal>((sum, v) => sum.plus(v ?? 0), new Decimal(0));

describe("Rule 606(a)(1) from the routing logs", () => {
  let report: HeldOrderReport;
  beforeAll(async () => {
    report = await loadHeldOrderReport(db.db, Q2, { now: NOW });
  });

  it("validates against the SEC's oh-20191231.xsd, shipped in the repository", async () => {
    const document = await heldOrderReportDocument(report, "xml");
    expect(await schemaErrors(document.body as string)).toEqual([]);
    expect(document.fileName).toBe("rule-606a1-2016Q2.xml");
  });

  it("fails validation for a document the schema refuses (the check can fail)", async () => {
    const document = await heldOrderReportDocument(report, "xml");
    const broken = (document.body as string).replace("<qtr>2</qtr>", "<qtr>5</qtr>");
    expect((await schemaErrors(broken)).join("\n")).toMatch(/qtr/);
  });

  it("adds the order-type percentages up to 100 in each section of each month", () => {
    for (const month of report.months) {
      for (const section of month.sections.filter((s) => s.nonDirectedOrders > 0)) {
        expect(sumOf(ORDER_TYPES.map((t) => section.typePct[t])).toFixed(2)).toBe("100.00");
      }
    }
    const sp500 = report.months[0]?.sections[0];
    // Held orders only (one in fifty is not held), three quarters in S&P 500 symbols.
    expect(sp500?.nonDirectedPct?.toFixed(2)).toBe("100.00");
    expect(report.months[0]?.sections[2]?.venues).toEqual([]);
  });

  it("classifies orders in SQL exactly as the core classifier does", async () => {
    const groups = await countHeldOrders(
      db.db,
      { from: new Date("2016-04-01Z"), to: new Date("2016-07-01Z") },
      SP500_SYMBOLS,
    );
    const sqlCounts: Record<string, number> = {};
    for (const g of groups) {
      const type = classifyOrder({
        side: "buy",
        limitPrice: g.hasLimit ? new Decimal(g.farQuote === "reached" ? "100.05" : "99.99") : null,
        nbboBid: g.farQuote === "absent" ? null : new Decimal("100.00"),
        nbboAsk: g.farQuote === "absent" ? null : new Decimal("100.02"),
      });
      sqlCounts[type] = (sqlCounts[type] ?? 0) + g.orders;
    }
    // By construction of the seed (i = 0..2999, held unless i % 50 = 0): core's classification per order.
    const coreCounts: Record<string, number> = {};
    for (let i = 0; i < 3000; i++) {
      if (i % 50 === 0) continue;
      const limit = [null, "100.05", "99.99", "100.01"][i % 4] ?? null;
      const type = classifyOrder({
        side: Math.floor(i / 4) % 2 === 0 ? "buy" : "sell",
        limitPrice: limit === null ? null : new Decimal(limit),
        nbboBid: i % 4 === 3 ? null : new Decimal("100.00"),
        nbboAsk: i % 4 === 3 ? null : new Decimal("100.02"),
      });
      coreCounts[type] = (coreCounts[type] ?? 0) + 1;
    }
    expect(sqlCounts).toEqual(coreCounts);
    expect(Object.keys(coreCounts).sort()).toEqual([...ORDER_TYPES].sort());
  });

  it("names venues with commas and periods, and the 80-character one, whole in XML, HTML, CSV and PDF", async () => {
    const names = report.months[0]?.sections[0]?.venues.map((v) => v.name) ?? [];
    expect(names).toContain(COMMA_VENUE_NAME);
    expect(names).toContain(LONG_VENUE_NAME);
    expect(LONG_VENUE_NAME).toHaveLength(80);
    const xml = (await heldOrderReportDocument(report, "xml")).body as string;
    expect(xml).toContain("<name>Cboe BZX Exchange, Inc. (f/k/a Bats, Inc.), Equities &amp; Options.</name>");
    expect(xml).toContain(`<name>${LONG_VENUE_NAME}</name>`);
    const csv = (await heldOrderReportDocument(report, "csv")).body as string;
    expect(csv).toContain(`"${COMMA_VENUE_NAME}",BATS`);
    const html = (await heldOrderReportDocument(report, "html")).body as string;
    expect(html).toContain(LONG_VENUE_NAME);
    const pdf = (await heldOrderReportDocument(report, "pdf")).body as Uint8Array;
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    expect(pdf.length).toBeGreaterThan(5000);
  });

  it("reports the market maker's payment for order flow net of its fees", () => {
    const mm = report.months[0]?.sections[0]?.venues.find((v) => v.name === "Wholesale Market Maker, L.P.");
    // PFOF $0.0015 per share less the $0.003 fee: -0.15 cents per share = -15 cents per hundred shares.
    expect(mm?.netPayment.market.centsPerHundredShares?.toFixed(4)).toBe("-15.0000");
  });
});

describe("material aspects", () => {
  const ctx = (): ChangeContext => ({
    db: db.db,
    actor: { actorType: "user", actorId: "ops-1", ip: "127.0.0.1" },
    now: NOW,
  });

  it("starts from the configuration's facts, then prints what ops wrote, audited with before and after", async () => {
    const before = await loadHeldOrderReport(db.db, Q2, { now: NOW });
    const mm = before.months[0]?.sections[0]?.venues.find((v) => v.venueIds.includes("MM1"));
    expect(mm?.materialAspects).toMatch(/Payment for order flow received: \$0\.0015 per share/);
    expect(mm?.materialAspects).toContain("$0.0030 to remove liquidity, -$0.0020 to provide it");

    await setMaterialAspects(ctx(), {
      venueId: "MM1",
      text: "  PFOF of $0.0015 per share; no profit sharing.  ",
    });
    await setMaterialAspects(ctx(), { venueId: "MM1", text: "PFOF of $0.0015 per share." });
    const after = await loadHeldOrderReport(db.db, Q2, { now: NOW });
    expect(
      after.months[0]?.sections[0]?.venues.find((v) => v.venueIds.includes("MM1"))?.materialAspects,
    ).toBe("PFOF of $0.0015 per share.");
    const audit = await listAuditOf(db.db, { entityType: "venue_material_aspects", entityId: "MM1" });
    expect(audit.map((a) => [a.action, a.actorId, a.details])).toEqual([
      [
        "venue_material_aspects.update",
        "ops-1",
        { before: null, after: "PFOF of $0.0015 per share; no profit sharing." },
      ],
      [
        "venue_material_aspects.update",
        "ops-1",
        { before: "PFOF of $0.0015 per share; no profit sharing.", after: "PFOF of $0.0015 per share." },
      ],
    ]);
  });

  it("refuses an empty text or an unknown venue, naming the field, and writes nothing", async () => {
    await expect(setMaterialAspects(ctx(), { venueId: "MM1", text: "   " })).rejects.toMatchObject({
      problem: "invalid",
      message: "text: must not be empty",
    });
    await expect(setMaterialAspects(ctx(), { venueId: "NOPE", text: "x" })).rejects.toMatchObject({
      problem: "unknown_venue",
      message: "venueId: no venue NOPE.",
    });
    expect(await listAuditOf(db.db, { entityType: "venue_material_aspects", entityId: "NOPE" })).toEqual([]);
  });
});

describe("Rule 606(b) customer reports", () => {
  const period = {
    customer: "c.schtumer@example.com",
    from: new Date("2016-04-01Z"),
    to: new Date("2016-05-01Z"),
  };

  it("(b)(1): the customer's held orders, venues and transaction times, valid against the XSD", async () => {
    const report = await loadCustomerRoutingReport(db.db, period, { now: NOW });
    expect(report.customer).toBe("C. Schtumer");
    expect(report.to).toEqual(new Date("2016-04-30Z"));
    expect(report.held.length).toBeGreaterThan(400);
    expect(report.held[0]?.routes[0]?.transactions).toHaveLength(1);
    const document = customerReportDocument("606b1", report);
    expect(document.fileName).toBe("rule-606b1-2016-04-01-2016-04-30.xml");
    expect(await schemaErrors(document.body as string)).toEqual([]);
  });

  it("(b)(3): the customer's not-held orders by month, valid against the XSD", async () => {
    const report = await loadNotHeldReport(db.db, { ...period, customer: CUSTOMER }, { now: NOW });
    const april = report.nonDirected[0];
    expect(april?.month).toBe(4);
    expect(april?.sentShares.gt(0)).toBe(true);
    const routed = april?.venues.reduce((sum, v) => sum.plus(v.routedShares), new Decimal(0));
    expect(routed?.plus(april?.executedAsPrincipalShares ?? 0).eq(april?.sentShares ?? 0)).toBe(true);
    expect(april?.venues.every((v) => v.removedLiquidityPct?.toFixed(2) === "100.00")).toBe(true);
    expect(await schemaErrors(customerReportDocument("606b3", report).body as string)).toEqual([]);
  });

  it("refuses an unknown customer and a period that ends before it starts", async () => {
    await expect(
      loadNotHeldReport(db.db, { ...period, customer: "nobody@example.com" }, { now: NOW }),
    ).rejects.toMatchObject({
      problem: "unknown_customer",
    });
    await expect(
      loadCustomerRoutingReport(db.db, { ...period, to: period.from }, { now: NOW }),
    ).rejects.toMatchObject({ problem: "invalid", message: "to: must be after from." });
  });
});

describe("Rule 605 execution quality from the logs", () => {
  it("measures each venue's covered executions against the NBBO at receipt", async () => {
    const rows = await loadExecutionQuality(
      db.db,
      { from: new Date("2016-04-01Z"), to: new Date("2016-05-01Z") },
      "XNYS",
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.venueId))).toEqual(new Set(["XNYS"]));
    expect(new Set(rows.map((r) => r.orderType))).toEqual(new Set(["market", "marketable_limit"]));
    for (const row of rows) {
      // Every seeded fill is at 100.01, the midpoint of 100.00 x 100.02: no effective spread, half-spread improvement.
      expect(row.averageEffectiveSpread).toBeCloseTo(0, 9);
      expect(row.averageQuotedSpread).toBeCloseTo(0.02, 9);
      expect(row.priceImprovedShare).toBe(1);
      expect(row.averagePriceImprovement).toBeCloseTo(0.01, 9);
      expect(row.averageExecutionMs).toBe(5);
      expect(row.averageRealizedSpread15s).toBeNull();
    }
  });
});
