import { describe, expect, it } from "vitest";
import { Decimal } from "../money";
import { customerRoutingReportXml, notHeldReportXml } from "./customer-reports-xml";
import { buildCustomerRoutingReport, sixMonthsBefore, type CustomerRoute } from "./customer-routing-report";
import { buildNotHeldReport, spreadSideOf, type NotHeldChildOrder } from "./not-held-report";

const d = (value: string | number) => new Decimal(value);
const period = {
  broker: "B. Roker",
  customer: "C. Schtumer",
  generatedAt: new Date("2016-07-01T09:30:00Z"),
  from: new Date("2016-01-01T00:00:00Z"),
  to: new Date("2016-06-30T00:00:00Z"),
};

describe("Rule 606(b)(1) customer routing report", () => {
  const route = (extra: Partial<CustomerRoute>): CustomerRoute => ({
    orderId: "o1",
    directed: false,
    section: "sp500",
    handling: "held",
    venueName: "Alpha, Inc.",
    mic: "ALPH",
    executedAt: null,
    ...extra,
  });

  it("covers the six months before the request", () => {
    expect(sixMonthsBefore(new Date("2016-07-15T10:00:00Z"))).toEqual(new Date("2016-01-15T00:00:00Z"));
  });

  it("lists each held order's venues and transaction times, oldest first", () => {
    const report = buildCustomerRoutingReport({
      ...period,
      routes: [
        route({ executedAt: new Date("2016-03-01T15:00:02Z") }),
        route({ executedAt: new Date("2016-03-01T15:00:01Z") }),
        route({ venueName: "Beta", mic: null }),
        route({ orderId: "o2", directed: true, section: "other_stocks" }),
        route({ orderId: "o3", handling: "not_held" }),
        route({ orderId: "o4", section: "options" }),
      ],
    });
    expect(report.held.map((o) => o.orderId)).toEqual(["o1", "o2"]);
    expect(report.held[0]?.routes).toEqual([
      {
        venueName: "Alpha, Inc.",
        mic: "ALPH",
        transactions: [new Date("2016-03-01T15:00:01Z"), new Date("2016-03-01T15:00:02Z")],
      },
      { venueName: "Beta", mic: null, transactions: [] },
    ]);
    expect(report.notHeldExempt).toEqual([]);
    expect(report.options.map((o) => o.orderId)).toEqual(["o4"]);
    const xml = customerRoutingReportXml(report);
    expect(xml).toContain("<customer>C. Schtumer</customer>");
    expect(xml).toContain("<startDate>2016-01-01</startDate>");
    expect(xml).toContain("<directed>Y</directed>");
    expect(xml).toContain(
      "<transaction>\n          <date>2016-03-01</date>\n          <time>15:00:01</time>",
    );
    expect(xml).toContain("<venueName>Beta</venueName>\n      </route>");
    expect(xml).toContain("<notHeldExempt/>");
  });

  it("writes an empty customer name for the aggregate of all customers", () => {
    const xml = customerRoutingReportXml(
      buildCustomerRoutingReport({ ...period, customer: " ", routes: [] }),
    );
    expect(xml).toContain("<customer></customer>");
  });
});

describe("Rule 606(b)(3) not-held order handling report", () => {
  it("places executions at the midpoint, the near side or the far side of the NBBO", () => {
    const [bid, ask] = [d("10.00"), d("10.02")];
    expect(spreadSideOf("buy", d("10.01"), bid, ask)).toBe("midpoint");
    expect(spreadSideOf("buy", d("10.00"), bid, ask)).toBe("nearside");
    expect(spreadSideOf("buy", d("10.02"), bid, ask)).toBe("farside");
    expect(spreadSideOf("sell", d("10.02"), bid, ask)).toBe("nearside");
    expect(spreadSideOf("sell", d("10.00"), bid, ask)).toBe("farside");
    expect(spreadSideOf("sell", d("10.00"), null, ask)).toBeNull();
  });

  const child = (extra: Partial<NotHeldChildOrder>): NotHeldChildOrder => ({
    year: 2016,
    month: 5,
    directed: false,
    venueName: "Alpha, Inc.",
    mic: "ALPH",
    principal: false,
    routedShares: d(1000),
    immediateOrCancel: true,
    executedShares: d(600),
    fills: 2,
    feesPaid: d("1.80"),
    spreadSide: "midpoint",
    liquidity: "removed",
    durationMs: 5,
    ...extra,
  });

  it("sums a venue's routed, executed, priced and liquidity figures per month (hand-worked)", () => {
    const report = buildNotHeldReport({
      ...period,
      children: [
        child({}),
        child({
          executedShares: d(400),
          fills: 1,
          feesPaid: d("-0.40"),
          spreadSide: "farside",
          liquidity: "provided",
          immediateOrCancel: false,
          durationMs: 1500,
        }),
        child({
          venueName: "Beta",
          mic: null,
          executedShares: d(0),
          fills: 0,
          feesPaid: d(0),
          spreadSide: null,
        }),
        child({ venueName: "Internal", principal: true, executedShares: d(250) }),
        child({ venueName: "Gamma", mic: "GAMM" }),
        child({ month: 6, directed: true }),
      ],
      sent: [
        { year: 2016, month: 5, directed: false, shares: d(5000) },
        { year: 2016, month: 4, directed: false, shares: d(100) },
      ],
    });
    expect(report.nonDirected.map((m) => m.month)).toEqual([4, 5]);
    const may = report.nonDirected[1];
    expect(may?.sentShares.toFixed()).toBe("5000");
    expect(may?.executedAsPrincipalShares.toFixed()).toBe("250");
    expect(may?.ioiExposedOrders).toBe(0);
    expect(may?.venues.map((v) => v.venueName)).toEqual(["Alpha, Inc.", "Beta", "Gamma"]);
    const [alpha, beta] = may?.venues ?? [];
    // Alpha: 2,000 routed (1,000 IOC), 1,000 executed in 3 fills; fees 1.80 - 0.40 = $1.40 paid.
    expect(alpha?.routedShares.toFixed()).toBe("2000");
    expect(alpha?.iocRoutedShares.toFixed()).toBe("1000");
    expect(alpha?.averageOrderShares.toFixed(3)).toBe("1000.000");
    expect(alpha?.filledPct?.toFixed(2)).toBe("50.00");
    expect(alpha?.averageFillShares?.toFixed(3)).toBe("333.333");
    expect(alpha?.netFeeOrRebateCph?.toFixed(4)).toBe("-14.0000");
    expect(alpha?.midpointPct?.toFixed(2)).toBe("60.00");
    expect(alpha?.farsidePct?.toFixed(2)).toBe("40.00");
    expect(alpha?.nearsideShares.toFixed()).toBe("0");
    expect(alpha?.providedLiquidityShares.toFixed()).toBe("400");
    expect(alpha?.averageProvidingDurationMs).toBe(1500);
    expect(alpha?.providedLiquidityNetCph?.toFixed(4)).toBe("10.0000");
    expect(alpha?.removedLiquidityNetCph?.toFixed(4)).toBe("-30.0000");
    expect(beta?.averageFillShares).toBeNull();
    expect(beta?.netFeeOrRebateCph).toBeNull();
    expect(beta?.averageProvidingDurationMs).toBeNull();
    expect(report.directed.map((m) => m.month)).toEqual([6]);

    const xml = notHeldReportXml(report);
    expect(xml).toContain("<notHeldOrderHandlingCustomerReport");
    expect(xml).toContain("<providedLiqudityShr>400.000</providedLiqudityShr>");
    expect(xml).toContain("<orderDurationMsec>1500</orderDurationMsec>");
    expect(xml).toContain("<orderDurationMsec></orderDurationMsec>");
    expect(xml).toContain("<ioiExposedVenueList/>");
  });
});
