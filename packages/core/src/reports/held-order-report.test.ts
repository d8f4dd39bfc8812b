import { describe, expect, it } from "vitest";
import { Decimal } from "../money";
import { COMMA_NAME, LONG_NAME, seededQuarter, venue } from "./fixtures.testing";
import { buildHeldOrderReport, type HeldOrderReportInput, type VenueRoutes } from "./held-order-report";
import { ORDER_TYPES } from "./order-type";

const route = (venueId: string, orders: number, extra: Partial<VenueRoutes> = {}): VenueRoutes => ({
  month: 4,
  section: "sp500",
  orderType: "market",
  venueId,
  orders,
  executedShares: new Decimal(1000),
  feesPaid: new Decimal("0.30"),
  ...extra,
});

const base = (extra: Partial<HeldOrderReportInput>): HeldOrderReportInput => ({
  broker: "B. Roker",
  quarter: { year: 2016, quarter: 2 },
  generatedAt: new Date("2016-07-01T00:00:00Z"),
  orders: [],
  routes: [],
  venues: [],
  ...extra,
});

describe("Rule 606(a)(1) quarterly report", () => {
  it("has three months of three sections, and the type shares of each add up to 100.00", () => {
    const report = buildHeldOrderReport(seededQuarter());
    expect(report.months.map((m) => m.month)).toEqual([4, 5, 6]);
    for (const month of report.months) {
      expect(month.sections.map((s) => s.section)).toEqual(["sp500", "other_stocks", "options"]);
      for (const section of month.sections.slice(0, 2)) {
        const total = ORDER_TYPES.reduce((sum, type) => sum.plus(section.typePct[type] ?? 0), new Decimal(0));
        expect(total.toFixed(2)).toBe("100.00");
      }
    }
  });

  it("leaves the options section present but blank when no option was routed", () => {
    const options = buildHeldOrderReport(seededQuarter()).months[0]?.sections[2];
    expect(options).toMatchObject({ section: "options", orders: 0, nonDirectedPct: null, venues: [] });
    expect(options?.typePct.market).toBeNull();
  });

  it("shows the non-directed share of all orders", () => {
    const report = buildHeldOrderReport(
      base({
        orders: [
          { month: 4, section: "sp500", orderType: "market", directed: false, orders: 3 },
          { month: 4, section: "sp500", orderType: "market", directed: true, orders: 1 },
        ],
      }),
    );
    const sp500 = report.months[0]?.sections[0];
    expect(sp500?.nonDirectedPct?.toFixed(2)).toBe("75.00");
    expect(sp500?.typePct.market?.toFixed(2)).toBe("100.00");
    expect(sp500?.typePct.other?.toFixed(2)).toBe("0.00");
  });

  it("lists the top ten venues and any further venue with 5 % or more of the orders", () => {
    // 100 orders over 12 venues: ten with 8, one with 6 (>= 5 %, kept), one with 4 (< 5 %, dropped)... the
    // eleventh and twelfth by count are the 6 and the 4.
    const counts = [8, 8, 8, 8, 8, 8, 8, 8, 8, 12, 6, 4];
    const venues = counts.map((_, i) =>
      venue(`v${String(i).padStart(2, "0")}`, `Venue ${i}`, `M${String(i).padStart(3, "0")}`),
    );
    const report = buildHeldOrderReport(
      base({
        orders: [{ month: 4, section: "sp500", orderType: "market", directed: false, orders: 100 }],
        routes: counts.map((n, i) => route(`v${String(i).padStart(2, "0")}`, n)),
        venues,
      }),
    );
    const rows = report.months[0]?.sections[0]?.venues ?? [];
    expect(rows.map((r) => r.name)).toEqual([
      "Venue 9",
      ...[0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => `Venue ${i}`),
      "Venue 10",
    ]);
    expect(rows[0]?.orderPct?.toFixed(2)).toBe("12.00");
    expect(rows.some((r) => r.name === "Venue 11")).toBe(false);
  });

  it("reports each venue's share of each order type and its net payment per type", () => {
    const report = buildHeldOrderReport(
      base({
        orders: [
          { month: 4, section: "sp500", orderType: "market", directed: false, orders: 4 },
          { month: 4, section: "sp500", orderType: "non_marketable_limit", directed: false, orders: 4 },
        ],
        routes: [
          route("v1", 3),
          route("v1", 1, {
            orderType: "non_marketable_limit",
            executedShares: new Decimal(0),
            feesPaid: new Decimal(0),
          }),
          route("v2", 1, { feesPaid: new Decimal("-0.25"), executedShares: new Decimal(300) }),
        ],
        venues: [venue("v1", "Alpha", "ALPH", "0.002"), venue("v2", "Beta", null)],
      }),
    );
    const [alpha, beta] = report.months[0]?.sections[0]?.venues ?? [];
    expect(alpha).toMatchObject({ name: "Alpha", mic: "ALPH", venueIds: ["v1"], orders: 4 });
    expect(alpha?.orderPct?.toFixed(2)).toBe("50.00");
    expect(alpha?.typePct.market?.toFixed(2)).toBe("75.00");
    expect(alpha?.typePct.non_marketable_limit?.toFixed(2)).toBe("25.00");
    expect(alpha?.typePct.other).toBeNull();
    // 1,000 shares x $0.002 - $0.30 = $1.70, 17 cents per hundred shares.
    expect(alpha?.netPayment.market.usd.toFixed(2)).toBe("1.70");
    expect(alpha?.netPayment.market.centsPerHundredShares?.toFixed(4)).toBe("17.0000");
    expect(alpha?.netPayment.non_marketable_limit.centsPerHundredShares).toBeNull();
    // A $0.25 rebate on 300 shares is received: +8.3333 cents per hundred shares.
    expect(beta?.netPayment.market.usd.toFixed(2)).toBe("0.25");
    expect(beta?.netPayment.market.centsPerHundredShares?.toFixed(4)).toBe("8.3333");
    expect(beta?.materialAspects).toBe("Beta pays 0 per share.");
  });

  it("merges venues sharing a MIC under the first id's name, and reports unknown venues by id", () => {
    const report = buildHeldOrderReport(
      base({
        orders: [{ month: 5, section: "other_stocks", orderType: "other", directed: false, orders: 10 }],
        routes: [
          route("b-seg", 2, { month: 5, section: "other_stocks", orderType: "other" }),
          route("a-seg", 3, { month: 5, section: "other_stocks", orderType: "other" }),
          route("gone", 1, { month: 5, section: "other_stocks", orderType: "other" }),
        ],
        venues: [
          { ...venue("b-seg", "Segment B", "XMIC"), materialAspects: "Shared text." },
          { ...venue("a-seg", "Segment A", "XMIC"), materialAspects: "Shared text." },
          { ...venue("idle", "Idle", "IDLE") },
        ],
      }),
    );
    const rows = report.months[1]?.sections[1]?.venues ?? [];
    expect(rows.map((r) => [r.name, r.mic, r.venueIds, r.orders])).toEqual([
      ["Segment A", "XMIC", ["a-seg", "b-seg"], 5],
      ["gone", null, ["gone"], 1],
    ]);
    expect(rows[0]?.materialAspects).toBe("Shared text.");
    expect(rows[1]?.materialAspects).toBe("");
  });

  it("keeps a venue with several MICs as one row per MIC, in MIC order on a tie", () => {
    const report = buildHeldOrderReport(
      base({
        orders: [{ month: 4, section: "sp500", orderType: "market", directed: false, orders: 4 }],
        routes: [route("nyse-b", 2), route("nyse-a", 2)],
        venues: [
          venue("nyse-b", "New York Stock Exchange, LLC.", "XNYS"),
          venue("nyse-a", "New York Stock Exchange, LLC.", "ARCX"),
        ],
      }),
    );
    const rows = report.months[0]?.sections[0]?.venues ?? [];
    expect(rows.map((r) => [r.name, r.mic])).toEqual([
      ["New York Stock Exchange, LLC.", "ARCX"],
      ["New York Stock Exchange, LLC.", "XNYS"],
    ]);
  });

  it("keeps names with commas and periods and an 80-character name whole", () => {
    const report = buildHeldOrderReport(seededQuarter());
    const names = report.months[0]?.sections[0]?.venues.map((v) => v.name);
    expect(names).toContain(COMMA_NAME);
    expect(names).toContain(LONG_NAME);
    expect(LONG_NAME).toHaveLength(80);
  });
});
